/**
 * Export to a BrainPy script in the style of the tutorial (brainpy.state LIF / LIFRef,
 * AlignPostProj with Expon.desc and CUBA.desc / COBA.desc, brainstate.nn.EventFixedProb,
 * brainstate.transform.for_loop). SNN Studio follows BrainPy's semantics, so the mapping is
 * one to one: the same step order, reset and exponential-Euler update.
 */
import type { Problem } from '../../shared/problems';
import { inputParts, populationCtor, projectionCtor, SPARSE_PY, usesEventFixedProb } from './brainpyParts';
import { FIXED_COUNT_PY } from './connectivityPy';
import { num, pythonName, runConstants, str } from './python';
import { caveat, type ExportInput, perSynapseWeights, type TargetOutput, titleOf, unsupported } from './types';
import { BRAINPY_NEURONS, brainpyCaveat, brainpyRefusal } from './brainpyNeurons';
import { exportedSpec, specClassDefinitions, specCtor } from './brainpySpec';
import { getSpecModel, isBundledModel } from '../../shared/modelspec/registry';
import { outputRefusal } from './outputs';

const MODELS = new Set(['LIF', 'LIFRef', 'Poisson', 'SpikeTimes', ...Object.keys(BRAINPY_NEURONS)]);
const INPUTS = new Set(['constant', 'step', 'ramp', 'sinusoid', 'ou']);

function check(input: ExportInput): Problem[] {
  const { ir } = input;
  const out: Problem[] = [];
  // Plasticity is not translated: exporting the projection with fixed weights would change the model silently.
  for (const p of input.ir.projections) {
    if (p.plasticity) out.push(unsupported(input, 'brainpy', p.id, 'plasticity', `the ${p.plasticity.model} plasticity has no BrainPy translation yet (the script would run it with fixed weights).`));
    // Trained per-synapse weights follow the engine's synapse order, which only the deterministic rules reproduce in the script.
    if (perSynapseWeights(p) && !['all_to_all', 'one_to_one'].includes(p.conn.rule)) out.push(unsupported(input, 'brainpy', p.id, 'trained', `its trained weights belong to the engine's own ${p.conn.rule} draw, which the script does not reproduce; train with all_to_all or one_to_one connectivity to export them.`));
  }
  for (const p of ir.populations) {
    const refused = brainpyRefusal(p.model);
    if (refused) {
      out.push(unsupported(input, 'brainpy', p.id, 'model', refused));
    } else if (exportedSpec(p)) {
      if (ir.monitors.some((m) => m.population === p.index && m.record === 'state') && !exportedSpec(p)?.spec.states.some((s) => s.name === 'V')) {
        out.push(unsupported(input, 'brainpy', p.id, 'model', `${p.model} has no state named V, which the script's V monitor records.`));
      }
    } else if (!MODELS.has(p.model)) out.push(unsupported(input, 'brainpy', p.id, 'model', `the ${p.model} model has no BrainPy translation yet.`));
  }
  for (const i of ir.inputs) if (!INPUTS.has(i.model)) out.push(unsupported(input, 'brainpy', i.id, 'model', `the ${i.model} input has no BrainPy translation yet.`));
  for (const g of ir.synapseGroups) {
    const id = ir.projections[g.projections[0]].id;
    if (getSpecModel(g.synapse.model)?.spec.synapse) out.push(unsupported(input, 'brainpy', id, 'synapse.model', `${g.synapse.model} is ${isBundledModel(g.synapse.model) ? 'a synapse model defined by its spec' : 'a synapse model typed as text'}; the BrainPy export generates classes for neuron models only, not yet for synapse models. Export to Brian2, which takes its equations.`));
    else if (g.synapse.model !== 'Expon') out.push(unsupported(input, 'brainpy', id, 'synapse.model', `the ${g.synapse.model} synapse has no BrainPy translation yet.`));
    const outRefusal = outputRefusal(g.output);
    if (outRefusal) out.push(unsupported(input, 'brainpy', id, 'output.model', outRefusal));
  }
  for (const m of ir.monitors) {
    if (m.variables.some((v) => v !== 'V')) out.push(unsupported(input, 'brainpy', m.id, 'variables', 'recording a variable other than V has no BrainPy translation yet.'));
  }
  return out;
}

export function exportBrainPy(input: ExportInput): TargetOutput {
  const problems = check(input);
  if (problems.length > 0) return { script: '', problems };
  const { ir, doc } = input;
  const taken = new Set<string>(['self', 'seed', 'tm', 'net', 'steps', 'records', 'traces']);
  const pop = ir.populations.map((p) => pythonName(p.id, taken, 'pop'));
  const proj = ir.projections.map((p) => pythonName(p.id, taken, 'proj'));
  const inputAttr = ir.inputs.map((i) => pythonName(`${i.id}_${ir.populations[i.target].id}`, taken, 'input'));
  const parts = ir.inputs.map((i, k) => inputParts(i, inputAttr[k], ir.populations[i.target].size));
  const maxDelay = ir.populations.map((p) => Math.max(0, ...ir.projections.filter((x) => x.pre === p.index).map((x) => x.delaySteps)));
  const needsSparse = ir.projections.some((p) => !usesEventFixedProb(ir, p));
  const needsFixed = ir.projections.some((p) => ['fixed_indegree', 'fixed_outdegree'].includes(p.conn.rule) || (p.conn.rule === 'fixed_prob' && p.pre === p.post && !p.conn.allowSelf));
  const sources = ir.populations.filter((p) => p.family === 'source');
  const states = ir.monitors.filter((m) => m.record === 'state');

  const ctor: string[] = [];
  for (const p of ir.populations) ctor.push(...(exportedSpec(p) ? specCtor(p, pop[p.index]) : populationCtor(p, pop[p.index], ir.dt)), '');
  ir.projections.forEach((p, k) => ctor.push(...projectionCtor(ir, p, proj[k], pop[p.pre], pop[p.post], k), ''));
  parts.forEach((x, k) => ctor.push(`# input "${ir.inputs[k].id}" into "${ir.populations[ir.inputs[k].target].id}"`, ...x.init));

  const initState: string[] = [];
  for (const s of sources) initState.push(`self.${pop[s.index]}_spk = brainstate.ShortTermState(jnp.zeros(${s.size}, dtype=bool))`);
  ir.populations.forEach((p, k) => {
    if (maxDelay[k] > 0) initState.push(`self.${pop[k]}_history = brainstate.ShortTermState(jnp.zeros((${maxDelay[k]}, ${p.size}), dtype=bool))`);
  });
  parts.forEach((x) => initState.push(...x.state));

  const step: string[] = ['# spikes stored at the end of the previous step drive this step (SEMANTICS.md)'];
  for (const p of ir.populations) {
    step.push(p.family === 'source' ? `spk_${pop[p.index]} = self.${pop[p.index]}_spk.value` : `spk_${pop[p.index]} = self.${pop[p.index]}.get_spike() != 0.`);
  }
  ir.projections.forEach((p, k) => {
    const spk = p.delaySteps > 0 ? `self.${pop[p.pre]}_history.value[${p.delaySteps - 1}]` : `spk_${pop[p.pre]}`;
    // EventFixedProb takes the boolean spikes as events; a sparse matrix product needs numbers
    const src = usesEventFixedProb(ir, p) ? spk : `jnp.asarray(${spk}, dtype=float)`;
    step.push(`self.${proj[k]}(${src})${p.delaySteps > 0 ? `  # delay: ${p.delaySteps} steps` : ''}`);
  });
  ir.populations.forEach((p, k) => {
    if (maxDelay[k] > 0) step.push(`self.${pop[k]}_history.value = jnp.concatenate([spk_${pop[k]}[None], self.${pop[k]}_history.value[:-1]])`);
  });
  for (const p of ir.populations) {
    const name = pop[p.index];
    if (p.family === 'source') {
      step.push(`self.${name}_spk.value = self.${name}()`);
      continue;
    }
    const drive = parts.filter((_, k) => ir.inputs[k].target === p.index).map((x) => x.expr);
    step.push(drive.length > 0 ? `self.${name}((${drive.join(' + ')}) * u.nA)` : `self.${name}(0. * u.nA)`);
  }
  parts.forEach((x) => step.push(...x.after));
  const spikeOut = ir.populations.map((p) => `${str(p.id)}: ${p.family === 'source' ? `self.${pop[p.index]}_spk.value` : `self.${pop[p.index]}.get_spike() != 0.`}`);
  const traceOut = states.map((m) => `${str(`${m.id} ${ir.populations[m.population].id}`)}: self.${pop[m.population]}.V.value[jnp.asarray(${JSON.stringify(Array.from(m.neurons))})].to_decimal(u.mV)`);

  const script = [
    '#!/usr/bin/env python3',
    `"""${titleOf(doc).replace(/"""/g, "'''")}: exported from SNN Studio as a BrainPy script.`,
    '',
    'Needs brainpy (brainpy.state), brainstate, braintools and brainunit (pip install brainpy[cpu],',
    'or brainpy[cuda12] for a GPU). Run:  python3 <this file> [--seed N] [--duration-ms T] [--save out.npz]',
    'The last line printed is the JSON summary `snn run` writes (summary.json).',
    '',
    "SNN Studio follows brainpy.state's semantics (soft/hard reset, exponential Euler, AlignPostProj",
    'merging, EventFixedProb), so this is the same model; only the random streams differ.',
    '"""',
    'import argparse',
    'import json',
    'import time',
    '',
    'import numpy as np',
    'import jax.numpy as jnp',
    'import brainunit as u',
    'import brainpy',
    'import brainstate',
    'import braintools',
    '',
    `DT_MS = ${num(ir.dt)}`,
    'DT = DT_MS * u.ms',
    ...runConstants(ir),
    ...(needsFixed ? [FIXED_COUNT_PY, ''] : []),
    ...(needsSparse ? [SPARSE_PY, ''] : []),
    ...specClassDefinitions(ir.populations),
    'class Network(brainstate.nn.Module):',
    '    def __init__(self, seed, rng):',
    '        super().__init__()',
    ...ctor.map((l) => (l === '' ? '' : `        ${l.replace(/\n/g, '\n        ')}`)),
    '',
    '    def init_state(self, *args, **kwargs):',
    ...(initState.length > 0 ? initState.map((l) => `        ${l}`) : ['        pass']),
    '',
    '    def update(self, i):',
    '        tm = i * DT_MS  # time at the start of the step, ms (inputs see this t)',
    '        with brainstate.environ.context(t=tm * u.ms, i=i):',
    ...step.map((l) => `            ${l}`),
    `            return {${spikeOut.join(', ')}}, {${traceOut.join(', ')}}`,
    '',
    '',
    'def main():',
    "    ap = argparse.ArgumentParser(description=__doc__.split('\\n')[0])",
    "    ap.add_argument('--seed', type=int, default=SEED)",
    "    ap.add_argument('--duration-ms', type=float, default=DURATION_MS)",
    "    ap.add_argument('--save', default=None, help='also write spikes and traces to this .npz file')",
    '    args = ap.parse_args()',
    '',
    '    wall_start = time.perf_counter()',
    '    brainstate.environ.set(dt=DT)',
    '    brainstate.random.seed(args.seed)      # initializers, Poisson sources, noise',
    '    rng = np.random.default_rng(args.seed)  # connectivity drawn in numpy',
    '    net = Network(args.seed, rng)',
    '    brainstate.nn.init_all_states(net)',
    '    steps = int(round(args.duration_ms / DT_MS))',
    '    records, traces = brainstate.transform.for_loop(net.update, np.arange(steps))',
    '    wall_s = time.perf_counter() - wall_start',
    '',
    '    spikes = {}',
    '    for pop_id, spk in records.items():',
    '        t_idx, n_idx = np.nonzero(np.asarray(spk))',
    '        spikes[pop_id] = (n_idx, t_idx * DT_MS)',
    ...states.map((m) => `    # "${m.id}" samples every ${m.every} step(s): traces[${str(`${m.id} ${ir.populations[m.population].id}`)}][::${m.every}]`),
    '    if args.save:',
    '        arrays = {f"spikes {k} i": v[0] for k, v in spikes.items()}',
    '        arrays.update({f"spikes {k} t_ms": v[1] for k, v in spikes.items()})',
    '        arrays.update({f"{k} V_mV": np.asarray(v) for k, v in traces.items()})',
    '        np.savez(args.save, **arrays)',
    "    print(summary(spikes, SIZES, args.duration_ms, args.seed, 'brainpy', wall_s))",
    '',
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
  const caveats = ir.populations.flatMap((p) => {
    const text = brainpyCaveat(p.model);
    return text ? [caveat(input, 'brainpy', p.id, 'model', text)] : [];
  });
  return { script, problems: caveats };
}
