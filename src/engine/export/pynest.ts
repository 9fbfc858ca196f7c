/**
 * Export to a PyNEST script (NEST 3): iaf_psc_exp / iaf_psc_exp_multisynapse / iaf_cond_exp
 * neurons, nest.Connect with NEST's own rules (pairwise_bernoulli, fixed_indegree,
 * fixed_outdegree with multapses, all_to_all, one_to_one), sources as generators feeding
 * parrot neurons, spike_recorders, and the summary JSON line. Runs under MPI unchanged.
 */
import { linspaceAt } from '../../shared/linspace';
import type { Problem } from '../../shared/problems';
import type { InputIR, PopulationIR, ProjectionIR, ValueIR } from '../ir';
import { spikeEvents } from './brian2Groups';
import { fixedProbCount } from './connectivityPy';
import { nestModelOf, type NestModel } from './pynestModel';
import { adexLines, adexNestModel, NEST_ADEX } from './pynestNeurons';
import { getSpecModel, isBundledModel } from '../../shared/modelspec/registry';
import { int, isScalar, num, pythonName, scalarValue, runConstants, str } from './python';
import { caveat, type ExportInput, perSynapseWeights, type TargetOutput, titleOf, unsupported } from './types';
import { isConductanceOutput, outputRefusal } from './outputs';

/** NEST takes pA, pF and nS; SNN Studio computes in nA, nF and µS. */
const PICO_PER_NANO = 1000;

/** A NEST parameter value: a number, a list per neuron, or a nest.random parameter (times `scale`). */
function nestValue(v: ValueIR, n: number, scale = 1): string {
  switch (v.kind) {
    case 'scalar':
      return num(v.value * scale);
    case 'array':
      return v.values.length === 1 ? num(v.values[0] * scale) : `[${Array.from(v.values, (x) => num(x * scale)).join(', ')}]`;
    case 'linspace':
      return `list(np.linspace(${num(v.from * scale)}, ${num(v.to * scale)}, ${n}))`;
    case 'normal':
      return `nest.random.normal(mean=${num(v.mean * scale)}, std=${num(Math.abs(v.std * scale))})`;
    case 'uniform':
      return scale >= 0 ? `nest.random.uniform(min=${num(v.low * scale)}, max=${num(v.high * scale)})` : `${num(scale)} * nest.random.uniform(min=${num(v.low)}, max=${num(v.high)})`;
  }
}

/**
 * NEST's counterpart of the model-library neurons that are not translated (AdEx is, see
 * pynestNeurons.ts): their synapses differ (NEST's izhikevich takes voltage jumps, hh_psc_alpha
 * alpha-shaped currents).
 */
const NEST_COUNTERPART: Readonly<Record<string, string>> = {
  Izhikevich: 'izhikevich', IzhikevichRef: 'izhikevich', HH: 'hh_psc_alpha / hh_cond_exp_traub',
};

function nestRefusal(model: string): string {
  if (getSpecModel(model)) {
    return `the ${model} model is defined by its equations (a model spec) and no NEST built-in model has exactly these equations; NEST would need them written in NESTML and compiled into a NEST module outside this script. Export to Brian2 (it runs the equations directly) or BrainPy instead.`;
  }
  const twin = NEST_COUNTERPART[model];
  return twin
    ? `the ${model} model is not translated to NEST yet (its NEST counterpart is ${twin}, with different synapse kernels or parameters); export to BrainPy or Brian2 instead.`
    : `NEST has no ${model} model (no built-in ${model === 'ALIF' ? 'moving-threshold LIF with this adaptation rule' : 'quadratic integrate-and-fire'}); export to BrainPy or Brian2 instead.`;
}

/**
 * A population's integration method (document field `method`) as a note: NEST's models choose
 * their own integrator, so the script runs and follows NEST's, which the user should know.
 */
function methodNote(input: ExportInput, p: PopulationIR, m: NestModel): Problem[] {
  if (!p.method) return [];
  const how = m.model.startsWith('iaf_psc') ? 'exactly (exact integration of its linear equations)' : 'with its own adaptive solver (GSL RKF45)';
  return [caveat(input, 'pynest', p.id, 'method', `method "${p.method}" is not carried over: NEST's ${m.model} integrates V ${how}, so the script follows NEST's integration, not ${p.method}.`)];
}

function check(input: ExportInput, models: Map<number, NestModel>): Problem[] {
  const { ir } = input;
  const out: Problem[] = [];
  // Plasticity is not translated: exporting the projection with fixed weights would change the model silently.
  for (const p of input.ir.projections) {
    if (p.plasticity) out.push(unsupported(input, 'pynest', p.id, 'plasticity', `the ${p.plasticity.model} plasticity has no NEST translation yet (the script would run it with fixed weights).`));
    if (perSynapseWeights(p)) out.push(unsupported(input, 'pynest', p.id, 'trained', 'its trained weights (one per synapse) follow the engine\'s synapse order, which the NEST script does not reproduce; export to BrainPy (all_to_all or one_to_one connectivity) or discard the trained weights.'));
  }
  for (const p of ir.populations) {
    if (NEST_ADEX.has(p.model)) {
      const m = adexNestModel(ir, p);
      if (typeof m === 'string') out.push(unsupported(input, 'pynest', p.id, '', `${m}.`));
      else {
        models.set(p.index, m);
        out.push(...methodNote(input, p, m));
      }
      continue;
    }
    if (!['LIF', 'LIFRef', 'Poisson', 'SpikeTimes'].includes(p.model)) {
      out.push(unsupported(input, 'pynest', p.id, 'model', nestRefusal(p.model)));
      continue;
    }
    if (p.family !== 'neuron') continue;
    if ((p.choices.reset ?? 'soft') === 'soft') {
      out.push(unsupported(input, 'pynest', p.id, 'params.reset', 'soft reset (V -= V_th - V_reset): NEST\'s integrate-and-fire models always reset V to V_reset. Set reset to "hard" to export.'));
    }
    const m = nestModelOf(ir, p);
    if (typeof m === 'string') out.push(unsupported(input, 'pynest', p.id, '', `${m}.`));
    else {
      models.set(p.index, m);
      out.push(...methodNote(input, p, m));
    }
  }
  for (const i of ir.inputs) {
    if (!['constant', 'step', 'ramp', 'sinusoid'].includes(i.model)) {
      out.push(unsupported(input, 'pynest', i.id, 'model', `the ${i.model} input: NEST has no ${i.model === 'ou' ? 'Ornstein–Uhlenbeck current generator (noise_generator is white noise, not OU)' : 'such generator'}.`));
    } else if (i.model !== 'constant' && Object.values(i.params).some((v) => !isScalar(v))) {
      out.push(unsupported(input, 'pynest', i.id, 'params', `a ${i.model} input with a different value per neuron: a NEST generator sends one current to all its targets. Use one value.`));
    }
  }
  for (const p of ir.populations) {
    const consts = ir.inputs.filter((i) => i.target === p.index && i.model === 'constant');
    if (consts.length > 1 && consts.some((i) => i.params.amplitude.kind === 'normal' || i.params.amplitude.kind === 'uniform')) {
      out.push(unsupported(input, 'pynest', consts[0].id, 'params.amplitude', `several constant inputs into "${p.id}", one of them random: NEST has one I_e per neuron. Combine them into one input.`));
    }
  }
  for (const g of ir.synapseGroups) {
    const outRefusal = outputRefusal(g.output);
    if (outRefusal) out.push(unsupported(input, 'pynest', ir.projections[g.projections[0]].id, 'output.model', outRefusal));
    if (getSpecModel(g.synapse.model)?.spec.synapse) out.push(unsupported(input, 'pynest', ir.projections[g.projections[0]].id, 'synapse.model', `${g.synapse.model} is ${isBundledModel(g.synapse.model) ? 'a synapse model defined by its spec' : 'a synapse model typed as text'}; NEST runs only its built-in synapse dynamics, and a new one must be written in NESTML and compiled into NEST. Export to Brian2, which takes its equations.`));
    else if (g.synapse.model !== 'Expon') out.push(unsupported(input, 'pynest', ir.projections[g.projections[0]].id, 'synapse.model', `the ${g.synapse.model} synapse has no NEST translation yet.`));
  }
  for (const m of ir.monitors) if (m.variables.some((v) => v !== 'V')) out.push(unsupported(input, 'pynest', m.id, 'variables', 'recording a variable other than V has no NEST translation yet.'));
  return out;
}

function neuronLines(pop: PopulationIR, name: string, m: NestModel, constI: ValueIR | undefined): string[] {
  const R = pop.params.R;
  const tau = pop.params.tau;
  // C = tau / R (ms / MΩ = nF); conductance models take g_L = 1 / R (µS) instead of a resistance
  const params: [string, string][] = [
    ['E_L', nestValue(pop.params.V_rest, pop.size)],
    ['V_th', nestValue(pop.params.V_th, pop.size)],
    ['V_reset', nestValue(pop.params.V_reset, pop.size)],
    ['t_ref', pop.model === 'LIFRef' ? nestValue(pop.params.tau_ref, pop.size) : '0.0'],
  ];
  if (isScalar(R) && isScalar(tau)) {
    params.push(['C_m', num((scalarValue(tau) / scalarValue(R)) * PICO_PER_NANO)]);
    if (m.model === 'iaf_cond_exp') params.push(['g_L', num(PICO_PER_NANO / scalarValue(R))]);
    else params.push(['tau_m', num(scalarValue(tau))]);
  }
  for (const [k, v] of Object.entries(m.params)) params.push([k, Array.isArray(v) ? `[${v.map(num).join(', ')}]` : num(v)]);
  if (constI) params.push(['I_e', nestValue(constI, pop.size, PICO_PER_NANO)]);
  params.push(['V_m', nestValue(pop.init.V ?? { kind: 'scalar', value: 0 }, pop.size)]);
  const lines = [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'} -> ${m.model} (C_m = tau / R, pA, pF${m.model === 'iaf_cond_exp' ? ', g_L = 1 / R in nS' : ''})`,
    `${name} = nest.Create(${str(m.model)}, ${pop.size})`,
    `${name}.set({${params.map(([k, v]) => `${str(k)}: ${v}`).join(',\n' + ' '.repeat(name.length + 7))}})`,
  ];
  if (!(isScalar(R) && isScalar(tau))) {
    lines.push(`R_${name} = np.broadcast_to(${nestArray(R, pop.size)}, ${pop.size})  # MOhm`, `tau_${name} = np.broadcast_to(${nestArray(tau, pop.size)}, ${pop.size})  # ms`);
    lines.push(m.model === 'iaf_cond_exp'
      ? `${name}.set({"C_m": list(tau_${name} / R_${name} * 1000.0), "g_L": list(1000.0 / R_${name})})`
      : `${name}.set({"C_m": list(tau_${name} / R_${name} * 1000.0), "tau_m": list(tau_${name})})`);
  }
  return lines;
}

function nestArray(v: ValueIR, n: number): string {
  if (v.kind === 'normal') return `rng.normal(${num(v.mean)}, ${num(v.std)}, ${n})`;
  if (v.kind === 'uniform') return `rng.uniform(${num(v.low)}, ${num(v.high)}, ${n})`;
  return `np.asarray(${nestValue(v, n)})`;
}

function sourceLines(pop: PopulationIR, name: string, dt: number): string[] {
  // parrot neurons repeat each generator's spikes, so every target of one source neuron sees
  // the same train (a poisson_generator alone sends an independent train to each target)
  if (pop.model === 'Poisson') {
    return [
      `# "${pop.id}": ${pop.size} Poisson sources (poisson_generator -> parrot_neuron)`,
      `${name}_gen = nest.Create("poisson_generator", ${pop.size}, params={"rate": ${nestValue(pop.params.rate, pop.size)}})`,
      `${name} = nest.Create("parrot_neuron", ${pop.size})`,
      `nest.Connect(${name}_gen, ${name}, "one_to_one", syn_spec={"delay": DT})`,
    ];
  }
  const { ids, steps } = spikeEvents(pop, dt);
  const perNeuron = Array.from({ length: pop.size }, (_, n) => steps.filter((_, k) => ids[k] === n));
  return [
    `# "${pop.id}": listed spike times; a spike of step k is stamped (k + 1) * dt, NEST's time of a`,
    '# spike emitted during step k (times must be > 0 and on the grid)',
    `${name}_gen = nest.Create("spike_generator", ${pop.size})`,
    `${name}_gen.set([${perNeuron.map((s) => `{"spike_times": [${s.map((k) => num(Number(((k + 1) * dt).toPrecision(12)))).join(', ')}]}`).join(', ')}])`,
    `${name} = nest.Create("parrot_neuron", ${pop.size})`,
    `nest.Connect(${name}_gen, ${name}, "one_to_one", syn_spec={"delay": DT})`,
  ];
}

function connSpec(p: ProjectionIR, nPost: number): string {
  const autapses = p.pre === p.post ? `, "allow_autapses": ${p.conn.allowSelf ? 'True' : 'False'}` : '';
  switch (p.conn.rule) {
    case 'fixed_prob': // BrainPy's EventFixedProb = fixed out-degree floor(n_post p), drawn with replacement
      return `{"rule": "fixed_outdegree", "outdegree": ${int(fixedProbCount(nPost, p.conn.p ?? 0))}, "allow_multapses": True${autapses}}`;
    case 'fixed_outdegree':
      return `{"rule": "fixed_outdegree", "outdegree": ${int(p.conn.k ?? 0)}, "allow_multapses": True${autapses}}`;
    case 'fixed_indegree':
      return `{"rule": "fixed_indegree", "indegree": ${int(p.conn.k ?? 0)}, "allow_multapses": True${autapses}}`;
    case 'bernoulli':
      return `{"rule": "pairwise_bernoulli", "p": ${num(p.conn.p ?? 0)}${autapses}}`;
    case 'one_to_one':
      return '{"rule": "one_to_one"}';
    default:
      return `{"rule": "all_to_all"${autapses}}`;
  }
}

function inputLines(i: InputIR, name: string, target: string): string[] {
  const pA = (k: string, d = 0): string => num((i.params[k] ? scalarValue(i.params[k]) : d) * PICO_PER_NANO);
  const s = (k: string, d: number): number => (i.params[k] ? scalarValue(i.params[k]) : d);
  let gen: string;
  if (i.model === 'step') gen = `nest.Create("dc_generator", params={"amplitude": ${pA('amplitude')}, "start": ${num(s('start', 0))}, "stop": ${num(s('stop', 1e9))}})`;
  else if (i.model === 'sinusoid') {
    gen = `nest.Create("ac_generator", params={"amplitude": ${pA('amplitude')}, "offset": ${pA('offset')}, "frequency": ${num(s('frequency', 10))}, "phase": ${num((s('phase', 0) * 180) / Math.PI)}})  # phase in degrees`;
  } else {
    // ramp: NEST has no ramp generator; a step_current_generator holds each step's value
    const [from, to, start, stop] = [s('from', 0), s('to', 0), s('start', 0), s('stop', 100)];
    gen = [
      `nest.Create("step_current_generator")`,
      `ramp_t = np.arange(max(${num(start)}, DT), ${num(stop)} + DT / 2, DT)`,
      `${name}.set({"amplitude_times": list(ramp_t), "amplitude_values": list(${num(from * PICO_PER_NANO)} + ${num((to - from) * PICO_PER_NANO)} * np.clip((ramp_t - ${num(start)}) / ${num(stop - start)}, 0, 1))})`,
    ].join('\n');
  }
  const [first, ...rest] = gen.split('\n');
  return [`# input "${i.id}" into ${target} (pA; devices reach neurons after one step)`, `${name} = ${first}`, ...rest, `nest.Connect(${name}, ${target}, syn_spec={"delay": DT})`];
}

export function exportPyNest(input: ExportInput): TargetOutput {
  const models = new Map<number, NestModel>();
  const problems = check(input, models);
  if (problems.length > 0) return { script: '', problems };
  const { ir, doc } = input;
  const warnings: Problem[] = [];
  const taken = new Set<string>(['rec', 'ev', 'gid0', 'ramp_t']);
  const pop = ir.populations.map((p) => pythonName(p.id, taken, 'pop'));
  const body: string[] = [];
  for (const p of ir.populations) {
    if (p.family === 'source') body.push(...sourceLines(p, pop[p.index], ir.dt), '');
    else {
      const constant = ir.inputs.filter((i) => i.target === p.index && i.model === 'constant');
      const constI: ValueIR | undefined = constant.length === 1 ? constant[0].params.amplitude : constant.length > 1 ? sumConst(constant, p.size) : undefined;
      const m = models.get(p.index) as NestModel;
      if (NEST_ADEX.has(p.model)) {
        body.push(...adexLines(p, pop[p.index], m, constI, nestValue), '');
        warnings.push(caveat(input, 'pynest', p.id, 'model', `NEST integrates ${m.model} with an adaptive Runge-Kutta solver and SNN Studio with exponential Euler, so spike times differ by a fraction of a step.`));
      } else body.push(...neuronLines(p, pop[p.index], m, constI), '');
    }
  }
  ir.inputs.forEach((i) => {
    if (i.model !== 'constant') body.push(...inputLines(i, pythonName(`${i.id}_${ir.populations[i.target].id}`, taken, 'gen'), pop[i.target]), '');
  });
  for (const p of ir.projections) {
    const m = models.get(p.post) as NestModel;
    const port = m.port.get(p.group) ?? { negate: false };
    const cond = isConductanceOutput(ir.synapseGroups[p.group].output);
    const w = nestValue(p.weight, 0, (port.negate ? -1 : 1) * PICO_PER_NANO);
    if (p.delaySteps === 0) {
      warnings.push(caveat(input, 'pynest', p.id, 'delay', "NEST's minimum delay is one time step, so this zero-delay projection arrives one step (one dt) later than in SNN Studio."));
    }
    const delay = `${Math.max(1, p.delaySteps)} * DT`;
    const receptor = port.receptor !== undefined ? `, "receptor_type": ${port.receptor}` : '';
    body.push(
      `# "${p.id}": ${ir.populations[p.pre].id} -> ${ir.populations[p.post].id}, ${p.conn.rule}, weight in ${cond ? 'nS' : 'pA'}${port.negate ? ' (negative: inhibitory conductance port)' : ''}`,
      `nest.Connect(${pop[p.pre]}, ${pop[p.post]},`,
      `             conn_spec=${connSpec(p, ir.populations[p.post].size)},`,
      `             syn_spec={"synapse_model": "static_synapse", "weight": ${w}, "delay": ${delay}${receptor}})`,
      '',
    );
  }
  body.push('# spikes of every population (for the summary), then the monitors of the project');
  ir.populations.forEach((p, k) => body.push(`spike_recorders[${str(p.id)}] = nest.Create("spike_recorder")`, `nest.Connect(${pop[k]}, spike_recorders[${str(p.id)}])`));
  for (const m of ir.monitors) {
    if (m.record !== 'state') continue;
    const popId = ir.populations[m.population].id;
    const sorted = [...new Set(Array.from(m.neurons))].sort((a, b) => a - b);
    body.push(
      `multimeters[${str(`${m.id} ${popId}`)}] = nest.Create("multimeter", params={"record_from": ["V_m"], "interval": ${m.every} * DT})`,
      `nest.Connect(multimeters[${str(`${m.id} ${popId}`)}], ${pop[m.population]}[${JSON.stringify(sorted)}])`,
    );
  }
  const script = [
    '#!/usr/bin/env python3',
    `"""${titleOf(doc).replace(/"""/g, "'''")}: exported from SNN Studio as a PyNEST script (NEST >= 3.0).`,
    '',
    'Run:  python3 <this file> [--seed N] [--duration-ms T] [--threads K]',
    '      mpirun -np 4 python3 <this file>      (NEST distributes the neurons over the processes)',
    'The last line printed is the JSON summary `snn run` writes (summary.json). Under MPI every rank',
    'prints the summary of the neurons it simulated; add the spike counts of the ranks up.',
    '',
    'Mapping: LIF tau dV/dt = -(V - V_rest) + R I  ->  C_m = tau / R, tau_m = tau, E_L = V_rest;',
    'currents in pA, conductances in nS, times in ms. NEST integrates the same linear equations',
    'exactly. Timing conventions differ by about one step: NEST delivers a spike no earlier than',
    'one dt after it (the minimum delay), holds V for t_ref counted from the spike step, and current',
    'generators act one step after they switch. Statistics agree; spike-by-spike timing may not.',
    '"""',
    'import argparse',
    'import json',
    'import time',
    '',
    'import numpy as np',
    'import nest',
    '',
    `DT = ${num(ir.dt)}  # ms`,
    ...runConstants(ir),
    'def main():',
    "    ap = argparse.ArgumentParser(description=__doc__.split('\\n')[0])",
    "    ap.add_argument('--seed', type=int, default=SEED)",
    "    ap.add_argument('--duration-ms', type=float, default=DURATION_MS)",
    "    ap.add_argument('--threads', type=int, default=1, help='threads per MPI process')",
    '    args = ap.parse_args()',
    '',
    '    wall_start = time.perf_counter()',
    '    nest.ResetKernel()',
    '    nest.set_verbosity("M_WARNING")',
    '    # NEST seeds must be >= 1; one seed fixes connectivity, initial values and generators',
    '    nest.SetKernelStatus({"resolution": DT, "rng_seed": max(1, args.seed), "local_num_threads": args.threads})',
    '    rng = np.random.default_rng(args.seed)  # noqa: F841 (per-neuron values drawn in numpy, if any)',
    '    spike_recorders, multimeters = {}, {}',
    '',
    ...body.map((l) => (l === '' ? '' : `    ${l.replace(/\n/g, '\n    ')}`)),
    '',
    '    nest.Simulate(args.duration_ms)',
    '    wall_s = time.perf_counter() - wall_start',
    '',
    '    spikes = {}',
    `    first_id = {${ir.populations.map((p, k) => `${str(p.id)}: ${pop[k]}[0].global_id`).join(', ')}}`,
    '    for pop_id, rec in spike_recorders.items():',
    "        ev = rec.get('events')",
    "        # NEST stamps a spike at the end of its step; SNN Studio counts the step, so subtract dt",
    "        spikes[pop_id] = (np.asarray(ev['senders']) - first_id[pop_id], np.asarray(ev['times']) - DT)",
    "    print(summary(spikes, SIZES, args.duration_ms, args.seed, 'pynest', wall_s))",
    '',
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
  return { script, problems: warnings };
}

/** Several constant inputs on one population add up into one I_e. */
function sumConst(inputs: InputIR[], n: number): ValueIR {
  const values = new Float64Array(n);
  for (const i of inputs) {
    const v = i.params.amplitude;
    for (let k = 0; k < n; k++) {
      values[k] += v.kind === 'scalar' ? v.value : v.kind === 'array' ? (v.values.length === 1 ? v.values[0] : v.values[k]) : v.kind === 'linspace' ? linspaceAt(v.from, v.to, n, k) : Number.NaN;
    }
  }
  return values.some(Number.isNaN) ? { kind: 'scalar', value: Number.NaN } : { kind: 'array', values };
}
