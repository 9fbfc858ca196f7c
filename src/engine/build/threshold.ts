/**
 * The tutorial's pitfall (SEMANTICS.md): a LIF driven by 2 nA through BrainPy's default R = 1 Ω
 * sees R·I = 2 nV and never fires. Warn, with the numbers, whenever the largest input a
 * population can ever receive still leaves it below threshold — whether that input is a
 * constant, a step, a ramp, a sinusoid or the synapses of projections firing at their ceiling.
 * Where no upper bound exists (OU noise, a synapse output that never settles) the
 * check stays silent rather than guess.
 */
import type { Document } from '../../shared/document';
import { formatQuantity, hzTimesMs } from '../../shared/units';
import { jumpsVoltage } from '../../shared/catalog';
import { lifPeriod, rheobase as rheobaseOf, thresholdGap, type ThresholdGap } from '../../shared/catalog/thresholdFacts';
import type { InputIR, PopulationIR, ProjectionIR, SynapseGroupIR, ValueIR } from '../ir';
import type { BuildContext } from './context';
import { valueRange } from './values';
import { outputDrive } from '../../shared/modelspec/outputs';
import { getBundledSynapseModel, getSpecModel } from '../../shared/modelspec/registry';
import { amplificationCache } from '../spec/amplification';

/**
 * mV: more than any membrane spans (roughly −100 to +100 mV). A threshold this far above V_rest
 * is no physiological threshold but a way of saying "never fire" — a "voltmeter" neuron whose
 * V trace shows a synaptic current, as in example 3.
 */
export const MEMBRANE_SPAN_MV = 200;
/** MΩ: the membrane resistance suggested when R is smaller (a typical point neuron's). */
const TYPICAL_R_MOHM = 10;
/** Random in-degrees stay below mean + this many √mean (+1): a bound nothing drawn ever beats in practice. */
const IN_DEGREE_SIGMAS = 6;

const lo = (v: ValueIR | undefined): number | undefined => (v === undefined ? undefined : valueRange(v)[0]);
const hi = (v: ValueIR | undefined): number | undefined => (v === undefined ? undefined : valueRange(v)[1]);
const absMax = (v: ValueIR | undefined): number | undefined => (v === undefined ? undefined : Math.max(...valueRange(v).map(Math.abs)));

/** The gap of `pop` (see thresholdGap in shared), its parameters taken at the ends of their ranges. */
function popGap(pop: PopulationIR): ThresholdGap | undefined {
  return thresholdGap(pop.model, (name, end) => (end === 'lo' ? lo(pop.params[name]) : hi(pop.params[name])));
}

/** Largest current (nA) an input ever injects during a run of `duration` ms; undefined when unbounded (OU) or unknown. */
export function inputCeiling(input: InputIR, duration: number): number | undefined {
  const p = input.params;
  switch (input.model) {
    case 'constant':
      return hi(p.amplitude);
    case 'step': {
      const start = lo(p.start) ?? 0;
      return start < duration ? Math.max(0, hi(p.amplitude) ?? 0) : 0;
    }
    case 'ramp':
      return Math.max(hi(p.from) ?? 0, hi(p.to) ?? 0);
    case 'sinusoid': {
      const off = hi(p.offset);
      const amp = absMax(p.amplitude);
      return off === undefined || amp === undefined ? undefined : off + amp;
    }
    default:
      return undefined;
  }
}

/** Spikes per step a population can emit per neuron at most: 1, or less under a refractory period or a Poisson rate. */
function spikesPerStep(pop: PopulationIR, dt: number): number {
  if (pop.model === 'Poisson') return Math.min(1, hzTimesMs(hi(pop.params.rate) ?? Infinity, dt));
  const ref = lo(pop.params.tau_ref);
  return ref !== undefined && ref > 0 ? Math.min(1, dt / ref) : 1;
}

/** Largest number of synapses one post neuron receives from `proj` (exact for the deterministic rules). */
function inDegreeBound(proj: ProjectionIR, pops: readonly PopulationIR[]): number {
  const nPre = pops[proj.pre].size;
  const nPost = pops[proj.post].size;
  const p = proj.conn.p ?? 0;
  const k = proj.conn.k ?? 0;
  const randomBound = (mean: number): number => Math.min(mean + IN_DEGREE_SIGMAS * Math.sqrt(mean) + 1, nPre * Math.max(1, k, Math.floor(nPost * p)));
  switch (proj.conn.rule) {
    case 'all_to_all':
      return nPre;
    case 'one_to_one':
      return 1;
    case 'fixed_indegree':
      return k;
    case 'fixed_prob':
      return randomBound((nPre * Math.floor(nPost * p)) / nPost);
    case 'bernoulli':
      return randomBound(nPre * p);
    case 'fixed_outdegree':
      return randomBound((nPre * k) / nPost);
    default:
      return Infinity;
  }
}

interface Drive {
  /** Largest summed current input, nA. */
  readonly current: number;
  /** Largest steady voltage jump from Delta projections, mV (already summed over steps). */
  readonly jump: number;
  /** Largest total conductance per reversal potential (µS, mV). */
  readonly conductances: ReadonlyArray<{ readonly g: number; readonly E: number }>;
  readonly fromInputs: number;
  readonly viaProjections: boolean;
  readonly onlyConstant: boolean;
}

/** The strongest drive `pop` can ever get, or undefined when it cannot be bounded. */
function strongestDrive(pop: PopulationIR, inputs: readonly InputIR[], projections: readonly ProjectionIR[], groups: readonly SynapseGroupIR[], pops: readonly PopulationIR[], dt: number, duration: number): Drive | undefined {
  let fromInputs = 0;
  const mine = inputs.filter((i) => i.target === pop.index);
  for (const input of mine) {
    const c = inputCeiling(input, duration);
    if (c === undefined) return undefined;
    fromInputs += c;
  }
  let current = fromInputs;
  let jump = 0;
  const conductances: Array<{ g: number; E: number }> = [];
  const incoming = projections.filter((p) => p.post === pop.index);
  for (const proj of incoming) {
    const group = groups[proj.group];
    const w = hi(proj.weight);
    if (!group || w === undefined) return undefined;
    if (w <= 0 && outputDrive(group.output.model) === 'current') continue; // inhibitory current never helps reach threshold
    const degree = inDegreeBound(proj, pops);
    const rate = spikesPerStep(pops[proj.pre], dt);
    if (jumpsVoltage(group.synapse.model)) {
      const tauMax = hi(pop.params.tau);
      if (tauMax === undefined) return undefined;
      jump += (degree * Math.max(0, w) * rate) / (1 - Math.exp(-dt / tauMax));
      continue;
    }
    const spec = getSpecModel(group.synapse.model) ?? getBundledSynapseModel(group.synapse.model);
    const amp = spec ? amplificationCache.get(spec, group.synapse, dt) : undefined;
    if (!amp || !Number.isFinite(degree)) return undefined;
    const g = degree * w * amp.factor * (amp.perSpike ? rate : 1);
    if (outputDrive(group.output.model) === 'current') current += g;
    else if (group.output.params.E !== undefined) conductances.push({ g: Math.max(0, g), E: group.output.params.E });
    else return undefined;
  }
  return { current, jump, conductances, fromInputs, viaProjections: incoming.length > 0, onlyConstant: mine.every((i) => i.model === 'constant') };
}

/** How far the strongest drive can lift a population, against how far it must, and the fastest LIF period it allows. */
export interface DriveCeiling {
  /** mV above V_rest V can settle at, at most; undefined when no bound exists. */
  readonly reach: number;
  /** mV above V_rest (or rheobase × R) the model needs to fire. */
  readonly gap: number;
  readonly formula: string;
  readonly lif: boolean;
  /** R at its largest, MΩ. */
  readonly rMax: number;
  /** The closed-form LIF period at `reach` (no refractoriness), ms; undefined for other models or with conductances. */
  readonly lifPeriodMs?: number;
  readonly drive: Drive;
}

/** The strongest drive `pop` can get over a run of `duration` ms, or undefined when it cannot be bounded. */
export function driveCeiling(pop: PopulationIR, inputs: readonly InputIR[], projections: readonly ProjectionIR[], groups: readonly SynapseGroupIR[], pops: readonly PopulationIR[], dt: number, duration: number): DriveCeiling | undefined {
  if (pop.family !== 'neuron' || pop.params.R === undefined) return undefined;
  const threshold = popGap(pop);
  if (!threshold) return undefined;
  const drive = strongestDrive(pop, inputs, projections, groups, pops, dt, duration);
  if (!drive) return undefined;
  const rMax = hi(pop.params.R)!;
  const { gap, formula, lif } = threshold;
  let reach = rMax * drive.current + drive.jump; // mV above V_rest at the steady state
  if (drive.conductances.length > 0) {
    if (!lif) return undefined;
    // V_inf − V_rest = (R I + R Σ g (E − V_rest)) / (1 + R Σ g): take conductances greedily, highest E first, while they raise it
    const vRest = hi(pop.params.V_rest)!;
    let num = reach;
    let den = 1;
    for (const { g, E } of [...drive.conductances].sort((a, b) => b.E - a.E)) {
      if (E - vRest <= num / den) break;
      num += rMax * g * (E - vRest);
      den += rMax * g;
    }
    reach = num / den;
    return { reach, gap, formula, lif, rMax, drive };
  }
  let lifPeriodMs: number | undefined;
  const p = pop.params;
  if (lif && p.tau && p.V_reset && p.V_rest) {
    // at its shortest over the parameter ranges
    lifPeriodMs = lifPeriod(lo(p.tau)!, reach, gap, lo(p.V_rest)!, hi(p.V_reset)!);
  }
  return { reach, gap, formula, lif, rMax, drive, ...(lifPeriodMs !== undefined ? { lifPeriodMs } : {}) };
}

/**
 * A population that by design never fires: its threshold lies beyond any membrane's range above
 * V_rest and no projection carries its spikes anywhere, so only its recorded state matters.
 * Neither the build's threshold warning nor the run's diagnosis calls it a mistake.
 */
export function isDeliberatelySilent(ceiling: Pick<DriveCeiling, 'gap' | 'lif'>, pop: PopulationIR, projections: readonly ProjectionIR[]): boolean {
  return ceiling.lif && ceiling.gap > MEMBRANE_SPAN_MV && !projections.some((p) => p.pre === pop.index);
}

/**
 * What to change when the strongest drive stays below threshold: V_th when it lies beyond any
 * membrane's range, R when it is below a typical neuron's (the tutorial's 1 Ω), else the input.
 */
export function thresholdFix(ceiling: DriveCeiling): string {
  if (ceiling.lif && ceiling.gap > MEMBRANE_SPAN_MV) {
    return `lower V_th: it lies ${formatQuantity(ceiling.gap, 'voltage')} above V_rest, beyond what any membrane reaches`;
  }
  if (ceiling.rMax < TYPICAL_R_MOHM) return `raise R (e.g. R = "${TYPICAL_R_MOHM} MOhm") or the input`;
  return ceiling.drive.viaProjections ? 'strengthen the input or the weights' : 'raise the input above the rheobase';
}

/**
 * Warn for every neuron population whose strongest possible drive leaves it below threshold.
 * LIF family: the highest V_inf, where conductances pull V toward their reversal potentials
 * (taken greedily, highest E first, only while it raises V). Other models: R·I against the gap.
 */
export function checkThresholds(
  doc: Document,
  pops: readonly PopulationIR[],
  inputs: readonly InputIR[],
  projections: readonly ProjectionIR[],
  groups: readonly SynapseGroupIR[],
  indexOf: Map<string, number>,
  duration: number | undefined,
  ctx: BuildContext,
): void {
  if (duration === undefined) return;
  for (const pop of pops) {
    const hasInput = inputs.some((i) => i.target === pop.index) || projections.some((p) => p.post === pop.index);
    if (!hasInput) continue;
    const ceiling = driveCeiling(pop, inputs, projections, groups, pops, ctx.dt, duration);
    if (!ceiling) continue;
    const { reach, gap, formula, lif, rMax, drive } = ceiling;
    if (!(reach < gap) || isDeliberatelySilent(ceiling, pop, projections)) continue;
    const i = indexOf.get(pop.id)!;
    const node = doc.nodes[i];
    const rheobase = formatQuantity(rheobaseOf(gap, rMax), 'current');
    const fix = thresholdFix(ceiling);
    if (!drive.viaProjections && drive.onlyConstant) {
      const settles = lif ? 'V settles at V_inf = V_rest + R·I below V_th' : 'V settles below the spike onset';
      ctx.report('unreachable_threshold', `nodes[${i}].params.R`,
        `Constant input can never reach threshold: R·I = ${formatQuantity(reach, 'voltage')} < ${formula} = ${formatQuantity(gap, 'voltage')}. ` +
          `${settles}, so "${node.id}" never spikes. The rheobase is ${rheobase}; ${fix}.`,
        pop.id, 'params.R');
      continue;
    }
    const parts = [
      drive.fromInputs > 0 || !drive.viaProjections ? `its current inputs at their largest (${formatQuantity(drive.fromInputs, 'current')})` : '',
      drive.viaProjections ? 'every presynaptic neuron firing as fast as it possibly can' : '',
    ].filter(Boolean).join(' plus ');
    ctx.report('unreachable_threshold', `nodes[${i}].params.R`,
      `Input can never reach threshold: even with ${parts}, V rises at most ${formatQuantity(reach, 'voltage')} above V_rest, less than ${formula} = ${formatQuantity(gap, 'voltage')} (R = ${formatQuantity(rMax, 'resistance')}). ` +
        `So "${node.id}" never spikes. The rheobase is ${rheobase}; ${fix}.`,
      pop.id, 'params.R');
  }
}
