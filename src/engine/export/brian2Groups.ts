/**
 * Brian2 code shared by the population writers: units, a group's parts (its synapse variables
 * and current inputs, which brian2Spec.ts adds to the NeuronGroup generated from the model's
 * spec), PoissonGroup and SpikeGeneratorGroup for sources.
 */
import type { InputIR, PopulationIR, SynapseGroupIR, ValueIR } from '../ir';
import type { Problem } from '../../shared/problems';
import { intArray, isScalar, num, valueExpr } from './python';
import { type ExportInput, unsupported } from './types';
import { isPulseSynapse } from './brian2PulseSynapse';
import { isSpecSynapse, specSynapseDrive } from './brian2Synapse';
import { isConductanceOutput, reversalOf } from './outputs';

/** Brian2 unit name and dimension of each internal unit. */
export const UNIT = {
  voltage: ['mV', 'volt'],
  time: ['ms', 'second'],
  resistance: ['Mohm', 'ohm'],
  current: ['nA', 'amp'],
  conductance: ['uS', 'siemens'],
  rate: ['Hz', 'Hz'],
  capacitance: ['nF', 'farad'],
  none: ['1', '1'],
} as const;
export type Dim = keyof typeof UNIT;

/** Per-neuron parameters of each input model, and its single-valued ones. */
const INPUT_PARAMS: Readonly<Record<string, { perNeuron: readonly string[]; single: Readonly<Record<string, Dim>> }>> = {
  constant: { perNeuron: ['amplitude'], single: {} },
  step: { perNeuron: ['amplitude'], single: { start: 'time', stop: 'time' } },
  ramp: { perNeuron: ['from', 'to'], single: { start: 'time', stop: 'time' } },
  sinusoid: { perNeuron: ['amplitude', 'offset'], single: { frequency: 'rate', phase: 'none' } },
  ou: { perNeuron: ['mean', 'sigma'], single: { tau: 'time' } },
};

/** The run_regularly update of each time-varying input: `x` is the input's prefix. */
const INPUT_CODE: Readonly<Record<string, (x: string) => string>> = {
  step: (x) => `I_${x} = ${x}_amplitude * int(t >= ${x}_start and t < ${x}_stop)`,
  ramp: (x) => `I_${x} = ${x}_from + (${x}_to - ${x}_from) * clip((t - ${x}_start) / (${x}_stop - ${x}_start), 0, 1)`,
  sinusoid: (x) => `I_${x} = ${x}_offset + ${x}_amplitude * sin(2*pi*${x}_frequency*t + ${x}_phase)`,
  // exact OU discretisation: the stationary std is sigma for any dt (as SNN Studio's kernel)
  ou: (x) => `I_${x} = ${x}_mean + (I_${x} - ${x}_mean) * ${x}_decay + ${x}_sigma * sqrt(1 - ${x}_decay**2) * randn()`,
};

export const SUPPORTED_INPUTS = new Set(Object.keys(INPUT_PARAMS));

/** Names the script gave to things, shared between the group and projection writers. */
export interface Names {
  readonly pop: readonly string[];
  /** Synapse variable of each synapse group on its post population, e.g. "g_E_E". */
  readonly group: readonly string[];
  /** Prefix of each input (per InputIR). */
  readonly input: readonly string[];
}

export function withUnit(expr: string, dim: Dim): string {
  return dim === 'none' ? expr : `${expr} * ${UNIT[dim][0]}`;
}

/** Collects equations, namespace entries and assignments after creation. */
export class GroupParts {
  readonly eqs: string[] = [];
  readonly ns: string[] = [];
  readonly after: string[] = [];

  constructor(private readonly target: string, private readonly size: number) {}

  /** A parameter: a namespace constant when scalar, else a per-neuron group variable. */
  param(name: string, v: ValueIR, dim: Dim): void {
    if (isScalar(v)) this.ns.push(`'${name}': ${withUnit(valueExpr(v, this.size), dim)}`);
    else {
      this.eqs.push(`${name} : ${UNIT[dim][1]} (constant)`);
      this.after.push(`${this.target}.${name} = ${withUnit(valueExpr(v, this.size, '    '), dim)}`);
    }
  }
}

/**
 * Synapse variables and current inputs of a population: their equations and namespace entries go
 * into `g`; returned are the current terms (amp, at the present v: CUBA g, g·(E - v), inputs)
 * and the conductances (siemens, for an exponential-Euler Jacobian).
 */
export function driveTerms(pop: PopulationIR, groups: readonly SynapseGroupIR[], inputs: readonly { ir: InputIR; name: string }[], names: Names, g: GroupParts, voltage: string | undefined): { currents: string[]; conductances: string[] } {
  const name = names.pop[pop.index];
  const syn: string[] = [];
  const conductances: string[] = [];
  for (const sg of groups) {
    const gv = names.group[sg.index];
    const cond = isConductanceOutput(sg.output);
    if (isPulseSynapse(sg.synapse.model)) {
      // set every step by the Synapses' summed w · output (brian2PulseSynapse.ts)
      g.eqs.push(`${gv} : ${cond ? 'siemens' : 'amp'}`);
    } else if (isSpecSynapse(sg.synapse.model)) {
      // read from the synapse's own state group (brian2Synapse.ts)
      specSynapseDrive(sg, gv, name, cond, g);
    } else {
      g.ns.push(`'tau_${gv}': ${num(sg.synapse.params.tau)} * ms`);
      g.eqs.push(`d${gv}/dt = -${gv} / tau_${gv} : ${cond ? 'siemens' : 'amp'}`);
    }
    if (cond) {
      g.ns.push(`'E_${gv}': ${num(reversalOf(sg.output))} * mV`);
      if (voltage === undefined) throw new Error(`${pop.model} has no voltage state for a conductance input`);
      syn.push(`${gv} * (E_${gv} - ${voltage})`);
      conductances.push(gv);
    } else syn.push(gv);
  }
  const ext: string[] = [];
  for (const { ir, name: x } of inputs) {
    const spec = INPUT_PARAMS[ir.model];
    ext.push(`I_${x}`);
    if (ir.model === 'constant') {
      g.eqs.push(`I_${x} : amp (constant)`);
      g.after.push(`${name}.I_${x} = ${withUnit(valueExpr(ir.params.amplitude, pop.size), 'current')}`);
      continue;
    }
    g.eqs.push(`I_${x} : amp`);
    for (const p of spec.perNeuron) g.param(`${x}_${p}`, ir.params[p] ?? { kind: 'scalar', value: 0 }, 'current');
    for (const [p, dim] of Object.entries(spec.single)) g.param(`${x}_${p}`, ir.params[p], dim);
    if (ir.model === 'ou') {
      g.ns.push(`'${x}_decay': np.exp(-float(DT / (${num(scalarOf(ir.params.tau))} * ms)))`);
      g.after.push(`${name}.I_${x} = ${withUnit(valueExpr(ir.params.mean, pop.size), 'current')}  # the OU current starts at its mean`);
      g.after.push(`${name}.run_regularly(${JSON.stringify(INPUT_CODE.ou(x))}, dt=DT, when='end')`);
    } else {
      g.after.push(`${name}.run_regularly(${JSON.stringify(INPUT_CODE[ir.model](x))}, dt=DT, when='start')`);
    }
  }
  return { currents: [...syn, ...ext], conductances };
}

function scalarOf(v: ValueIR): number {
  return v.kind === 'scalar' ? v.value : v.kind === 'array' ? v.values[0] : 0;
}

/** Python for a Poisson or SpikeTimes source. */
export function sourceGroup(pop: PopulationIR, name: string, dt: number): string[] {
  if (pop.model === 'Poisson') {
    return [
      `# "${pop.id}": ${pop.size} Poisson sources; Brian2 spikes when rand() < rate * dt, as SNN Studio`,
      `${name} = b2.PoissonGroup(${pop.size}, rates=${withUnit(valueExpr(pop.params.rate, pop.size), 'rate')}, name='${name}')`,
    ];
  }
  const { ids, steps } = spikeEvents(pop, dt);
  return [
    `# "${pop.id}": listed spike times, rounded to the nearest step as SNN Studio does (a neuron listed`,
    '# twice in one step spikes once)',
    `${name} = b2.SpikeGeneratorGroup(`,
    `    ${pop.size},`,
    `    indices=${intArray(ids, '    ')},`,
    `    times=${intArray(steps, '    ')} * DT,`,
    `    name='${name}')`,
  ];
}

/** SpikeTimes events as (neuron, step) pairs: rounded, sorted by step, duplicates dropped. */
export function spikeEvents(pop: PopulationIR, dt: number): { ids: number[]; steps: number[] } {
  const times = pop.lists.times ?? new Float64Array(0);
  const idx = pop.lists.indices ?? new Float64Array(times.length);
  const seen = new Set<string>();
  const events: [number, number][] = [];
  times.forEach((t, k) => {
    const step = Math.round(t / dt);
    const id = idx.length === 1 ? idx[0] : idx[k];
    const key = `${id}:${step}`;
    if (!seen.has(key)) {
      seen.add(key);
      events.push([step, id]);
    }
  });
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { steps: events.map((e) => e[0]), ids: events.map((e) => e[1]) };
}

/** Refusals for a spike source this exporter cannot write (Poisson and SpikeTimes it writes). */
export function checkSource(input: ExportInput, pop: PopulationIR): Problem[] {
  if (['Poisson', 'SpikeTimes'].includes(pop.model)) return [];
  return [unsupported(input, 'brian2', pop.id, 'model', `the ${pop.model} source has no Brian2 translation yet.`)];
}
