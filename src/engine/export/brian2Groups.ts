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
import type { Expr } from '../../shared/modelspec/ast';
import { bundledInputSpecs, getInputSpec, INPUT_T, type InputSpec } from '../../shared/modelspec/inputs';
import { internalPerCoherent } from '../../shared/modelspec/registry';
import { dimName } from '../../shared/modelspec/dimension';
import type { DimensionName } from '../../shared/units';
import { brian2Expr } from '../spec/brian2';

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

/** OU's parameters (the other inputs are specs: their parameters and current come from the spec, inputCode). */
const OU_PARAMS = { perNeuron: ['mean', 'sigma'], single: { tau: 'time' } } as const;

/** OU's run_regularly update (`x` is the input's prefix): the exact discretisation, stationary std sigma for any dt (as SNN Studio's kernel). */
const ouCode = (x: string): string => `I_${x} = ${x}_mean + (I_${x} - ${x}_mean) * ${x}_decay + ${x}_sigma * sqrt(1 - ${x}_decay**2) * randn()`;

export const SUPPORTED_INPUTS = new Set([...bundledInputSpecs().map((s) => s.name), 'ou']);

/** A spec dimension as this file's Dim. */
const DIM_OF: Readonly<Record<DimensionName, Dim>> = {
  voltage: 'voltage', time: 'time', resistance: 'resistance', current: 'current', conductance: 'conductance', rate: 'rate', capacitance: 'capacitance', dimensionless: 'none',
};

const TRUTH_OPS = new Set(['<', '<=', '>', '>=', '==', '!=', 'and', 'or']);

/**
 * `e` with every comparison that stands for a number wrapped in int(…), as Brian2 wants it (a
 * spec counts a comparison as 1 or 0; inside and/or/not comparisons stay truth values), and
 * min(max(x, lo), hi) as clip(x, lo, hi).
 */
function intComparisons(e: Expr, truthContext = false): Expr {
  const logical = (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) || (e.kind === 'unary' && e.op === 'not');
  const truth = logical || (e.kind === 'binary' && TRUTH_OPS.has(e.op));
  let inner: Expr = e;
  if (e.kind === 'binary') inner = { ...e, left: intComparisons(e.left, logical), right: intComparisons(e.right, logical) };
  else if (e.kind === 'unary') inner = { ...e, arg: intComparisons(e.arg, logical) };
  else if (e.kind === 'call') {
    const [a, b] = e.args;
    // min(max(x, lo), hi) is Brian2's clip(x, lo, hi) (brian2Expr writes min and max as selections)
    inner = e.fn === 'min' && a.kind === 'call' && a.fn === 'max'
      ? { ...e, fn: 'clip', args: [a.args[0], a.args[1], b].map((x) => intComparisons(x)) }
      : { ...e, args: e.args.map((x) => intComparisons(x)) };
  }
  return truth && !truthContext ? { kind: 'call', fn: 'int', args: [inner], pos: e.pos } : inner;
}

/** The run_regularly update of a spec input: its current with the parameters prefixed by `x`. */
function inputCode(spec: InputSpec, x: string): string {
  return `I_${x} = ${brian2Expr(intComparisons(spec.current), (n) => (n === INPUT_T ? 't' : `${x}_${n}`))}`;
}

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
    ext.push(`I_${x}`);
    const spec = getInputSpec(ir.model);
    if (spec) {
      const c = spec.current;
      if (c.kind === 'name' && spec.perNeuron.includes(c.name)) {
        // a current that is one parameter (constant) is a constant of the group
        g.eqs.push(`I_${x} : amp (constant)`);
        g.after.push(`${name}.I_${x} = ${withUnit(valueExpr(ir.params[c.name] ?? { kind: 'scalar', value: 0 }, pop.size), 'current')}`);
        continue;
      }
      g.eqs.push(`I_${x} : amp`);
      // IR values are in internal units (Hz for a rate), as UNIT names them; a missing one takes the spec's default
      for (const p of spec.spec.params) {
        const dim = dimName(p.dim) ?? 'dimensionless';
        g.param(`${x}_${p.name}`, ir.params[p.name] ?? { kind: 'scalar', value: (p.default ?? 0) * internalPerCoherent(dim) }, DIM_OF[dim]);
      }
      g.after.push(`${name}.run_regularly(${JSON.stringify(inputCode(spec, x))}, dt=DT, when='start')`);
      continue;
    }
    g.eqs.push(`I_${x} : amp`);
    for (const p of OU_PARAMS.perNeuron) g.param(`${x}_${p}`, ir.params[p] ?? { kind: 'scalar', value: 0 }, 'current');
    for (const [p, dim] of Object.entries(OU_PARAMS.single)) g.param(`${x}_${p}`, ir.params[p], dim);
    g.ns.push(`'${x}_decay': np.exp(-float(DT / (${num(scalarOf(ir.params.tau))} * ms)))`);
    g.after.push(`${name}.I_${x} = ${withUnit(valueExpr(ir.params.mean, pop.size), 'current')}  # the OU current starts at its mean`);
    g.after.push(`${name}.run_regularly(${JSON.stringify(ouCode(x))}, dt=DT, when='end')`);
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
