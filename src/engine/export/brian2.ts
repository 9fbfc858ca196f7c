/**
 * Export to a Brian2 script (tested with Brian2 2.5.1): NeuronGroups with equations, Synapses
 * with on_pre, connect(p=...) for bernoulli and explicit i/j arrays drawn with numpy for the
 * fixed-count rules, SpikeMonitors for every population, and the summary JSON line.
 */
import type { Problem } from '../../shared/problems';
import type { MonitorIR, ProjectionIR, ValueIR } from '../ir';
import { checkSource, type Names, sourceGroup, SUPPORTED_INPUTS } from './brian2Groups';
import { checkSpecPopulation, isSpecModel, specGroup, specVoltage } from './brian2Spec';
import { isPulseSynapse, pulseSynapse, pulseSynapseRefusal } from './brian2PulseSynapse';
import { isSpecSynapse, specSynapseOnPre, specSynapseOrigin, specSynapseRefusal, specSynapseStateGroup, stateGroupName } from './brian2Synapse';
import { plasticitySynapse } from './brian2Plasticity';
import { changesWeights } from '../backends/common/plasticity';
import { FIXED_COUNT_PY, fixedCountExpr } from './connectivityPy';
import { isScalar, num, pythonName, runConstants, scalarValue, str } from './python';
import { BRIAN2_TARGETS, type ExportInput, perSynapseWeights, type TargetOutput, titleOf, unsupported } from './types';
import { isConductanceOutput, outputRefusal, reversalOf } from './outputs';

/** Above this many neurons the default code generation target is Cython (compiled once, then cached). */
const NUMPY_MAX_NEURONS = 5000;

const KNOWN_RULES = new Set(['fixed_prob', 'bernoulli', 'fixed_indegree', 'fixed_outdegree', 'all_to_all', 'one_to_one']);

function check(input: ExportInput): Problem[] {
  const { ir } = input;
  const out: Problem[] = [];
  // Plasticity that is not translated would run with fixed weights: refuse instead of changing the model silently.
  for (const p of input.ir.projections) {
    // Brian2 orders a Synapses object's synapses itself: the engine's per-synapse order cannot be matched to it.
    if (perSynapseWeights(p)) out.push(unsupported(input, 'brian2', p.id, 'trained', 'its trained weights (one per synapse) follow the engine\'s synapse order, which the Brian2 script does not reproduce; export to BrainPy (all_to_all or one_to_one connectivity) or discard the trained weights.'));
    const model = p.plasticity?.model;
    if (!model) continue;
    if (changesWeights(p.plasticity) && p.delaySteps > 0) out.push(unsupported(input, 'brian2', p.id, 'plasticity', `${model} on a delayed projection: SNN Studio pairs the neurons' own spike times, Brian2 would pair the delayed arrivals. Remove the delay to export.`));
    else if (isPulseSynapse(ir.synapseGroups[p.group].synapse.model) || isSpecSynapse(ir.synapseGroups[p.group].synapse.model)) out.push(unsupported(input, 'brian2', p.id, 'plasticity', `${model} on a ${ir.synapseGroups[p.group].synapse.model} synapse has no Brian2 translation yet.`));
  }
  for (const pop of ir.populations) {
    if (pop.family === 'source') out.push(...checkSource(input, pop));
    else if (isSpecModel(pop)) out.push(...checkSpecPopulation(input, pop));
    else out.push(unsupported(input, 'brian2', pop.id, 'model', `the ${pop.model} model has no Brian2 translation.`));
  }
  for (const inp of ir.inputs) {
    if (!SUPPORTED_INPUTS.has(inp.model)) out.push(unsupported(input, 'brian2', inp.id, 'model', `the ${inp.model} input has no Brian2 translation yet.`));
  }
  for (const g of ir.synapseGroups) {
    const id = ir.projections[g.projections[0]].id;
    if (isSpecSynapse(g.synapse.model)) {
      const why = specSynapseRefusal(g);
      if (why) out.push(unsupported(input, 'brian2', id, 'synapse.model', `${why}.`));
    } else if (isPulseSynapse(g.synapse.model)) {
      const why = pulseSynapseRefusal(g);
      if (why) out.push(unsupported(input, 'brian2', id, 'synapse.model', `${why}.`));
    } else if (g.synapse.model !== 'Expon') out.push(unsupported(input, 'brian2', id, 'synapse.model', `the ${g.synapse.model} synapse has no Brian2 translation yet.`));
    const outRefusal = outputRefusal(g.output);
    if (outRefusal) out.push(unsupported(input, 'brian2', id, 'output.model', outRefusal));
  }
  for (const p of ir.projections) {
    if (!KNOWN_RULES.has(p.conn.rule)) out.push(unsupported(input, 'brian2', p.id, 'conn.rule', `the connectivity rule ${p.conn.rule} has no Brian2 translation yet.`));
  }
  for (const m of ir.monitors) {
    const pop = ir.populations[m.population];
    if (m.record === 'state' && isSpecModel(pop) && specVoltage(pop) !== 'V') {
      out.push(unsupported(input, 'brian2', m.id, 'variables', `${pop.model} has no voltage state named V to record.`));
    }
    const bad = m.variables.filter((v) => v !== 'V');
    if (bad.length > 0) out.push(unsupported(input, 'brian2', m.id, 'variables', `recording ${bad.join(', ')} has no Brian2 translation yet (only V).`));
  }
  return out;
}

function projectionLines(p: ProjectionIR, input: ExportInput, names: Names, synName: string): string[] {
  const { ir } = input;
  const pre = ir.populations[p.pre];
  const post = ir.populations[p.post];
  const group = ir.synapseGroups[p.group];
  const cond = isConductanceOutput(group.output);
  const unit = cond ? 'uS' : 'nA';
  const samePop = p.pre === p.post;
  const noSelf = samePop && !p.conn.allowSelf;
  const delay = p.delaySteps > 0 ? `, delay=${p.delaySteps} * DT` : '';
  const kinetic = isPulseSynapse(group.synapse.model) ? pulseSynapse(group, names.group[p.group], cond, input.ir.dt) : null;
  const spec = isSpecSynapse(group.synapse.model) ? specSynapseOnPre(group, cond) : null;
  const plastic = p.plasticity ? plasticitySynapse(p.plasticity, names.group[p.group], unit, cond ? 'siemens' : 'amp') : null;
  const block = (text: string): string => `'''\n    ${text.replace(/\n/g, '\n    ')}\n    '''`;
  const lines = [
    `# "${p.id}": ${pre.id} -> ${post.id}, ${p.conn.rule}${p.conn.p !== undefined ? ` p=${p.conn.p}` : ''}${p.conn.k !== undefined ? ` k=${p.conn.k}` : ''}, ` +
      `${cond ? `conductance onto E = ${reversalOf(group.output)} mV` : 'current'}, ${kinetic ? `${group.synapse.model} kinetics (from its spec)` : spec ? `${group.synapse.model} (${specSynapseOrigin(group.synapse.model)})` : `tau = ${group.synapse.params.tau} ms`}` +
      `${p.delaySteps > 0 ? `, delay ${p.delaySteps} steps` : ''}`,
    plastic
      ? `${synName} = b2.Synapses(${names.pop[p.pre]}, ${names.pop[p.post]}, model=${block(plastic.model)}, ` +
        `on_pre=${block(plastic.onPre)}${plastic.onPost ? `, on_post=${block(plastic.onPost)}` : ''}${delay}, namespace={${plastic.namespace}}, name='${synName}')`
      : spec
      ? `${synName} = b2.Synapses(${names.pop[p.pre]}, ${stateGroupName(names.group[p.group])}, model='w : ${cond ? 'siemens' : 'amp'} (constant)', ` +
        `on_pre='''${spec.onPre}'''${delay}, namespace={${spec.namespace}}, name='${synName}')`
      : kinetic
      ? `${synName} = b2.Synapses(${names.pop[p.pre]}, ${names.pop[p.post]}, model='''\n    ${kinetic.model.replace(/\n/g, '\n    ')}\n    ''', ` +
        `on_pre='${kinetic.onPre}'${delay}, method='exponential_euler', namespace={${kinetic.namespace}}, order=-1, name='${synName}')`
      : `${synName} = b2.Synapses(${names.pop[p.pre]}, ${names.pop[p.post]}, model='w : ${cond ? 'siemens' : 'amp'} (constant)', ` +
        `on_pre='${names.group[p.group]}_post += w'${delay}, name='${synName}')`,
  ];
  const fixed = fixedCountExpr(p.conn, pre.size, post.size, samePop);
  const selfCond = noSelf ? "'i != j', " : '';
  if (fixed !== undefined) {
    lines.push(`i, j = ${fixed}`, `${synName}.connect(i=i, j=j)`);
  } else if (p.conn.rule === 'bernoulli') {
    lines.push(`${synName}.connect(${selfCond}p=${num(p.conn.p ?? 0)})`);
  } else if (p.conn.rule === 'all_to_all') {
    lines.push(noSelf ? `${synName}.connect('i != j')` : `${synName}.connect()`);
  } else if (p.conn.rule === 'one_to_one') {
    lines.push(noSelf ? '# one_to_one onto itself without self-connections: no synapses' : `${synName}.connect(j='i')`);
  }
  lines.push(`${synName}.w = ${weightExpr(p.weight, unit)}`);
  if (kinetic) for (const x of kinetic.init) lines.push(`${synName}.${x}`);
  if (plastic) for (const x of plastic.init) lines.push(`${synName}.${x}`);
  return lines;
}

/**
 * A projection's weight: a quantity, or for a distribution a Brian2 expression drawn per synapse
 * from Brian2's seeded generator. Drawing in Brian2 means no synapse count is needed in Python,
 * which cpp_standalone only knows once the compiled program has run.
 */
function weightExpr(w: ValueIR, unit: string): string {
  if (isScalar(w)) return `${num(scalarValue(w))} * ${unit}`;
  if (w.kind === 'normal') return `'${num(w.mean)} * ${unit} + ${num(w.std)} * ${unit} * randn()'`;
  if (w.kind === 'uniform') return `'${num(w.low)} * ${unit} + ${num(w.high - w.low)} * ${unit} * rand()'`;
  throw new Error(`a ${w.kind} weight has no Brian2 translation`); // build refuses per-synapse lists and linspaces
}

function monitorLines(m: MonitorIR, name: string, pop: string, v: string): string[] {
  if (m.record === 'state') {
    // when='end': sampled after the step's update, as SNN Studio's monitors read the new state
    return [`${name} = b2.StateMonitor(${pop}, '${v}', record=${JSON.stringify(Array.from(m.neurons))}, dt=${m.every} * DT, when='end', name='${name}')`];
  }
  if (m.record === 'rate') return [`${name} = b2.PopulationRateMonitor(${pop}, name='${name}')`];
  return [];
}

export function exportBrian2(input: ExportInput): TargetOutput {
  const problems = check(input);
  if (problems.length > 0) return { script: '', problems };
  const { ir, doc } = input;
  const taken = new Set<string>();
  const pop = ir.populations.map((p) => pythonName(p.id, taken, 'pop'));
  const group = ir.synapseGroups.map((g) => pythonName(`g_${ir.projections[g.projections[0]].id}`, taken, 'g'));
  const byInputId = new Map<string, string>();
  for (const i of ir.inputs) if (!byInputId.has(i.id)) byInputId.set(i.id, pythonName(i.id, taken, 'input'));
  const inputNames = ir.inputs.map((i) => byInputId.get(i.id) as string);
  const names: Names = { pop, group, input: inputNames };
  const neurons = ir.populations.reduce((s, p) => s + p.size, 0);
  const usesFixed = ir.projections.some((p) => fixedCountExpr(p.conn, 1, 1, false) !== undefined);
  const target = input.options?.brian2Target ?? (neurons <= NUMPY_MAX_NEURONS ? 'numpy' : 'cython');

  const body: string[] = [];
  // States of synapse models with a spec (DualExpon, Alpha, typed as text): a group per synapse group, before the neurons that link to it.
  for (const g of ir.synapseGroups) if (isSpecSynapse(g.synapse.model)) body.push(...specSynapseStateGroup(g, group[g.index], ir.populations[g.post].size, ir.dt), '');
  for (const p of ir.populations) {
    if (p.family === 'source') body.push(...sourceGroup(p, pop[p.index], ir.dt), '');
    else {
      const groups = ir.synapseGroups.filter((g) => g.post === p.index);
      const inputs = ir.inputs.map((x, k) => ({ ir: x, name: inputNames[k] })).filter((x) => x.ir.target === p.index);
      body.push(...specGroup(p, groups, inputs, names), '');
    }
  }
  for (const p of ir.projections) body.push(...projectionLines(p, input, names, pythonName(p.id, taken, 'syn')), '');
  const spikeMons = ir.populations.map((p) => pythonName(`spikes_${p.id}`, taken, 'spikes'));
  body.push('# spikes of every population (for the summary), then the monitors of the project');
  ir.populations.forEach((p, k) => body.push(`${spikeMons[k]} = b2.SpikeMonitor(${pop[k]}, name='${spikeMons[k]}')`));
  const saves: string[] = [];
  ir.populations.forEach((p, k) => saves.push(`${str(`spikes ${p.id} i`)}: ${spikeMons[k]}.i[:], ${str(`spikes ${p.id} t_ms`)}: ${spikeMons[k]}.t[:] / ms`));
  for (const m of ir.monitors) {
    if (m.record === 'spikes') continue;
    const popId = ir.populations[m.population].id;
    const name = pythonName(`${m.id}_${popId}`, taken, 'mon');
    body.push(...monitorLines(m, name, pop[m.population], 'V'));
    if (m.record === 'state') saves.push(`${str(`${m.id} ${popId} V_mV`)}: ${name}.V[:] / mV, ${str(`${m.id} ${popId} t_ms`)}: ${name}.t[:] / ms`);
    else saves.push(`${str(`${m.id} ${popId} rate_hz`)}: ${name}.rate[:] / Hz`);
  }

  const script = [
    '#!/usr/bin/python3',
    `"""${titleOf(doc).replace(/"""/g, "'''")}: exported from SNN Studio as a Brian2 script (Brian2 >= 2.5).`,
    '',
    `Run:  python3 <this file> [--target ${BRIAN2_TARGETS.join('|')}] [--build-dir DIR] [--seed N] [--duration-ms T] [--save out.npz]`,
    'cpp_standalone compiles the network into one C++ program (needs g++; the first build takes a',
    'while, the run is the fastest on one machine); run_s in the summary is the simulation loop alone.',
    'The last line printed is the JSON summary `snn run` writes (summary.json), so the two compare',
    'directly. Random numbers come from different generators than SNN Studio\'s: the same seed gives',
    'the same network here every time, and the same statistics (not the same spikes) as SNN Studio.',
    '',
    'Units: Brian2 quantities (mV, ms, nA, uS, Mohm, Hz). Step order as in SNN Studio: a spike in',
    'step n changes g in step n+1 and V from step n+1 on (Brian2: thresholds -> on_pre -> next update).',
    '"""',
    'import argparse',
    'import json',
    'import tempfile',
    'import time',
    'import warnings',
    '',
    "warnings.filterwarnings('ignore', category=FutureWarning)  # numpy/pythran noise on some systems",
    '',
    'import numpy as np  # noqa: E402',
    'import brian2 as b2  # noqa: E402',
    'from brian2 import ms, mV, nA, uS, nF, Mohm, Hz  # noqa: E402,F401',
    '',
    `DT = ${num(ir.dt)} * ms`,
    ...runConstants(ir),
    ...(usesFixed ? [FIXED_COUNT_PY, ''] : []),
    'def main():',
    "    ap = argparse.ArgumentParser(description=__doc__.split('\\n')[0])",
    `    ap.add_argument('--target', choices=[${BRIAN2_TARGETS.map((t) => `'${t}'`).join(', ')}], default='${target}',`,
    "                    help='Brian2 code generation: numpy starts at once, cython compiles once (cached) and runs faster, '",
    "                         'cpp_standalone compiles the whole network into one C++ program (fastest run)')",
    "    ap.add_argument('--build-dir', default=None, help='cpp_standalone: where the C++ project is written (default: a new temporary directory)')",
    "    ap.add_argument('--repeats', type=int, default=1, help='cpp_standalone: run the compiled program this many times; run_s is the median')",
    "    ap.add_argument('--seed', type=int, default=SEED)",
    "    ap.add_argument('--duration-ms', type=float, default=DURATION_MS)",
    "    ap.add_argument('--save', default=None, help='also write spikes, traces and rates to this .npz file')",
    '    args = ap.parse_args()',
    '',
    '    wall_start = time.perf_counter()',
    "    standalone = args.target == 'cpp_standalone'",
    '    if standalone:',
    "        build_dir = args.build_dir or tempfile.mkdtemp(prefix='snn_brian2_')",
    '        # build_on_run=False: device.build below compiles and runs, so the run loop can be timed alone',
    "        b2.set_device('cpp_standalone', directory=build_dir, build_on_run=False)",
    '    else:',
    '        b2.prefs.codegen.target = args.target',
    '    b2.defaultclock.dt = DT',
    "    b2.seed(args.seed)                      # Brian2's random numbers: Poisson sources, randn() in code",
    '    rng = np.random.default_rng(args.seed)  # connectivity, initial values and weights',
    '',
    ...body.map((l) => (l === '' ? '' : `    ${l.replace(/\n/g, '\n    ')}`)),
    '',
    '    net = b2.Network(b2.collect())',
    '    run_start = time.perf_counter()',
    '    net.run(args.duration_ms * ms)  # cpp_standalone: recorded here, compiled and run by device.build',
    '    if standalone:',
    '        build_start = time.perf_counter()',
    '        b2.device.build(directory=build_dir, compile=True, run=True, with_output=False)',
    "        compile_s = time.perf_counter() - build_start - float(b2.device.timers['run_binary'])",
    "        run_samples = [float(b2.device._last_run_time)]  # the compiled program's own clock around its run loop",
    '        for _ in range(args.repeats - 1):',
    '            b2.device.run(build_dir, False, [])',
    '            run_samples.append(float(b2.device._last_run_time))',
    "        timing = {'run_s': float(np.median(run_samples)), 'run_s_samples': run_samples, 'compile_s': compile_s}",
    '    else:',
    "        timing = {'run_s': time.perf_counter() - run_start}",
    '    wall_s = time.perf_counter() - wall_start',
    '',
    `    spikes = {${ir.populations.map((p, k) => `${str(p.id)}: (${spikeMons[k]}.i[:], ${spikeMons[k]}.t[:] / ms)`).join(',\n              ')}}`,
    '    if args.save:',
    `        np.savez(args.save, **{${saves.join(',\n                               ')}})`,
    "    print(summary(spikes, SIZES, args.duration_ms, args.seed, 'brian2 ' + args.target, wall_s, timing))",
    '',
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
  return { script, problems: [] };
}
