/**
 * The memory a run will take, estimated from the IR before anything is allocated: every buffer
 * the typed backend and the runner allocate that grows with the network — neuron state and
 * parameters, CSR connectivity (with its copy into WebAssembly memory), synapse state and delay
 * rings, and the recordings, which for spikes are bounded by how fast each population can fire
 * (a Poisson rate, a spike list, the closed-form LIF rate at its strongest input, or the
 * refractory / one-spike-per-step ceiling). A network over the budget is refused with the
 * largest part named, so `snn run` never grows until the machine swaps.
 * The constants are the typed backend's allocations (src/engine/backends/typed/*, runner/
 * accumulate.ts); test/engine/memory/memory.test.ts checks the total against measured peak RSS.
 */
import type { Document } from '../../shared/document';
import { getPopulationModel, jumpsVoltage } from '../../shared/catalog';
import { isPreAlignedSynapse } from '../../shared/modelspec/specModel';
import { hzTimesMs } from '../../shared/units';
import type { InputIR, MonitorIR, PopulationIR, ProjectionIR, SynapseGroupIR } from '../ir';
import type { BuildContext } from './context';
import { valueRange } from './values';
import { driveCeiling } from './threshold';
import { expectedSynapseCount } from '../connectivity';
import { groupDigits } from '../../shared/groupDigits';
import { NARROW_COLUMNS } from '../backends/typed/columns';
import { GENERATED_SLOTS, runsGenerated } from '../backends/typed/generatedRule';
import { getPlasticityModel } from '../../shared/modelspec/plasticityModel';

/** 4 GiB: what a laptop can give one simulation without swapping. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 4 * 1024 ** 3;

const F64 = 8;
const I32 = 4;
/*
 * The estimate counts the bytes a run *touches*: Linux maps a zero-filled typed array lazily, so
 * a buffer that is allocated but never written (LIF's zero tau_ref, the fused driver's spike
 * record beyond the spikes of one step, a recording array's unused doubling) costs no memory.
 */
/** Every population: its external current (f64) and its spike list (i32). */
const BYTES_PER_NEURON_COMMON = F64 + I32;
/** A population on the JavaScript spec kernel: last spike step (i32) and the synaptic sums it zeroes every step (3 f64); with tau_ref, refractory steps (i32). */
const BYTES_PER_NEURON_BASE = I32 + 3 * F64;
/**
 * A population on the kernel generated from its model's spec (which ones: the typed backend's
 * rule, backends/typed/generatedRule.ts): last spike step (i32), with tau_ref its refractory
 * steps (i32), and the g of each synapse group it receives (f64, counted per group below, at most
 * GENERATED_SLOTS: more groups are summed into two slots); it sums its synapse slots in registers.
 */
const BYTES_PER_NEURON_GENERATED = I32;
/** Poisson: spike probability per neuron (f64). SpikeTimes: last emitted step per neuron (i32). */
const BYTES_PER_SOURCE: Readonly<Record<string, number>> = { Poisson: F64, SpikeTimes: I32 };
/** Each listed spike time: its f64 time and index in the IR, its i32 step and id, the sort order (a JS array of doubles). */
const BYTES_PER_LISTED_SPIKE = 2 * F64 + 2 * I32 + F64;
/**
 * Per synapse: its Int32 target in the CSR, plus the copy the typed backend makes into
 * WebAssembly memory (the original stays alive until the instance is built, so both count):
 * u16 for post populations up to NARROW_COLUMNS neurons (then the original stays, as the one
 * JavaScript reads), else Int32.
 */
function bytesPerSynapse(postSize: number): number {
  return I32 + (postSize <= NARROW_COLUMNS ? 2 : I32);
}
/** A per-synapse weight (float32), and its slot in WebAssembly memory. */
const BYTES_PER_SYNAPSE_WEIGHT = 2 * 4;
/** A weight-changing rule (STDP) per synapse: float64 weight, Int32 column order, Int32 presynaptic index. */
const BYTES_PER_PLASTIC_SYNAPSE = F64 + 2 * I32;
/** A recorded spike: its step and neuron id (2 × i32). */
const BYTES_PER_SPIKE = 2 * I32;
/** A recorded sample or count (f32 or i32). */
const BYTES_PER_SAMPLE = 4;
/**
 * State samples (all state monitors together) one chunk of a run may record: the runner ends a
 * chunk before it records more (chunkStepCap), so what a chunk allocates on its way to the
 * results (the recorder's buffer, the batch's copy, one not yet collected) stays a few times
 * this, however long the run, and is counted once per run (STATE_CHUNK_BYTES).
 */
export const MAX_CHUNK_STATE_SAMPLES = 1 << 21;
/** The recorder's buffer (up to the next power of two), the batch's copy and one earlier copy the collector has not freed yet. */
const STATE_CHUNK_BYTES = 4 * MAX_CHUNK_STATE_SAMPLES * BYTES_PER_SAMPLE;

/** Most steps one chunk may run so its state monitors record at most MAX_CHUNK_STATE_SAMPLES values (Infinity without state monitors). */
export function chunkStepCap(monitors: readonly MonitorIR[]): number {
  const perStep = monitors.reduce((s, m) => s + (m.record === 'state' ? (m.neurons.length * m.variables.length) / m.every : 0), 0);
  return perStep > 0 ? Math.max(1, Math.floor(MAX_CHUNK_STATE_SAMPLES / perStep)) : Infinity;
}

/** Models whose spike is an upward crossing of V_th, so a neuron spikes at most every other step. */
const CROSSING_MODELS: ReadonlySet<string> = new Set(['HH']);
/** CSR column indices are Int32. */
export const MAX_SYNAPSES_PER_PROJECTION = 2 ** 31 - 1;
/** Spike counts are mean + this many √mean for Poisson sources (an excess nothing drawn beats). */
const POISSON_SIGMAS = 6;
/**
 * Hz: the fastest a neuron fires for long in a network that behaves (cortical neurons rarely
 * sustain more). A recording whose bound the build cannot decide (recurrent excitation, a LIF
 * without refractory period) is estimated at this rate; a network that runs away above it is
 * stopped by the run's recording guard (runner/recordingGuard.ts) when the budget is reached.
 */
export const PLAUSIBLE_RATE_HZ = 200;
/** Warn before the run when the expected total reaches this fraction of the budget and a recording could outgrow it. */
const RECORDING_WARN_FRACTION = 0.5;

/** One part of the estimate, named after the node it belongs to. */
export interface MemoryPart {
  /** The node a refusal points at (a recording: its population). */
  readonly id: string;
  /** Bytes at the peak; for a spike recording whose bound is not decided, the expected bytes. */
  readonly bytes: number;
  /** What it is, e.g. "4,000 neurons" or "spikes of up to 2.0e+7 (Poisson rate)". */
  readonly what: string;
  /** A spike recording (counted at run time by the recording guard, not certain before it). */
  readonly spikes?: { readonly expected: number; readonly worst: number; readonly decided: boolean };
}

/**
 * Bytes a run's recording of `n` values of `size` bytes takes at its peak: the runner's array
 * that grows by doubling (only its filled part is touched), and the trimmed copy in the results.
 */
function recorded(n: number, size: number): number {
  return n > 0 ? 2 * n * size : 0;
}

/** Bytes a recording of `n` spikes takes at its peak: what the estimate counts and the run's recording guard checks. */
export function recordedSpikeBytes(n: number): number {
  return recorded(n, BYTES_PER_SPIKE);
}

/** Bytes per neuron of a population's state, parameters and runtime arrays. */
function neuronBytes(pop: PopulationIR, groups: readonly SynapseGroupIR[]): number {
  if (pop.family === 'source') return BYTES_PER_NEURON_COMMON + (BYTES_PER_SOURCE[pop.model] ?? F64);
  const spec = getPopulationModel(pop.model);
  const params = spec?.params.length ?? 0;
  const state = spec?.state?.length ?? 1;
  const refractory = spec?.params.some((p) => p.name === 'tau_ref') ?? false;
  if (runsGenerated(pop.model, pop.index, groups)) {
    const onto = groups.filter((g) => g.post === pop.index && !jumpsVoltage(g.synapse.model));
    // its synapse slots: one per group, or with more groups than slots the two that hold their sums
    const kernel = BYTES_PER_NEURON_GENERATED + (refractory ? I32 : 0) + F64 * Math.min(onto.length, GENERATED_SLOTS);
    return BYTES_PER_NEURON_COMMON + kernel + F64 * (params + state);
  }
  return BYTES_PER_NEURON_COMMON + BYTES_PER_NEURON_BASE + (refractory ? I32 : 0) + F64 * (params + state);
}

/** Expected synapse count of a projection, before anything is drawn. */
export function expectedSynapses(p: ProjectionIR, pops: readonly PopulationIR[]): number {
  return expectedSynapseCount(p.conn, pops[p.pre].size, pops[p.post].size);
}

/** Temporary arrays a rule needs while drawing, per synapse (bernoulli grows by 1.5×; fixed_indegree sorts from a copy). */
function drawingBytesPerSynapse(rule: string): number {
  if (rule === 'fixed_indegree') return I32;
  if (rule === 'bernoulli') return I32 / 2;
  return 0;
}

/**
 * At most how many spikes `pop` emits in `steps` steps, and why: sources from their rate or
 * list; neurons from the closed-form LIF rate at their strongest input when that is decidable
 * (0 below threshold), else one spike per refractory period or per step.
 */
export function spikeBound(pop: PopulationIR, inputs: readonly InputIR[], projections: readonly ProjectionIR[], groups: readonly SynapseGroupIR[], pops: readonly PopulationIR[], dt: number, steps: number): { spikes: number; why: string; decided: boolean } {
  const n = pop.size;
  if (pop.model === 'SpikeTimes') return { spikes: pop.lists.times?.length ?? 0, why: 'the listed spike times', decided: true };
  // Only what the neuron's own limits allow: the network may or may not drive it there.
  const ceiling = (perStep: number, why: string) => ({ spikes: n * Math.min(steps, Math.floor(steps * perStep) + 1), why, decided: false });
  if (pop.model === 'Poisson') {
    const rate = pop.params.rate ? valueRange(pop.params.rate)[1] : 0;
    const p = Math.min(1, Math.max(0, hzTimesMs(rate, dt)));
    const mean = n * steps * p;
    return { spikes: Math.min(n * steps, Math.ceil(mean + POISSON_SIGMAS * Math.sqrt(mean))), why: `${rate} Hz Poisson`, decided: true };
  }
  const ref = pop.params.tau_ref ? valueRange(pop.params.tau_ref)[0] : 0;
  const refSteps = ref > 0 ? Math.max(1, Math.ceil(ref / dt - 1e-9)) : 0;
  const drive = driveCeiling(pop, inputs, projections, groups, pops, dt, steps * dt);
  if (drive && (drive.reach < drive.gap || drive.lifPeriodMs !== undefined)) {
    const early = n * initialSpikes(pop);
    if (drive.reach < drive.gap) return { spikes: Math.min(n * steps, early), why: early ? 'an initial V above threshold, then never again' : 'it can never reach threshold', decided: true };
    // The fastest closed-form period at the strongest input, floored to whole steps (a soft reset can gain a step), plus the refractory steps.
    const period = Math.max(1, Math.floor(drive.lifPeriodMs! / dt) + refSteps);
    const { spikes } = ceiling(1 / period, '');
    // Inputs alone decide the rate; through projections it is the rate if every presynaptic neuron fired at its fastest.
    return { spikes: Math.min(n * steps, spikes + early), why: 'its fastest rate at its strongest input', decided: !drive.drive.viaProjections };
  }
  if (CROSSING_MODELS.has(pop.model)) return ceiling(1 / 2, 'one upward crossing of V_th every other step at most');
  return refSteps > 0 ? ceiling(1 / (refSteps + 1), `one spike per refractory period (${ref} ms)`) : ceiling(1, 'one spike per step, the most any neuron can fire');
}

/**
 * Spikes a recording is expected to hold: its bound where the build decides it (a Poisson rate,
 * a spike list, the closed-form LIF rate), else PLAUSIBLE_RATE_HZ per neuron (never above the bound).
 */
export function expectedSpikes(bound: { spikes: number; decided: boolean }, size: number, dt: number, steps: number): number {
  if (bound.decided) return bound.spikes;
  return Math.min(bound.spikes, Math.ceil(size * hzTimesMs(PLAUSIBLE_RATE_HZ, steps * dt)));
}

/**
 * Spikes per neuron an initial V above threshold gives before the leak and input take over (LIF
 * family): one under a hard reset; under a soft reset, one per (V_th − V_reset) of excess.
 */
function initialSpikes(pop: PopulationIR): number {
  const p = pop.params;
  const v0 = pop.init.V ? valueRange(pop.init.V)[1] : 0;
  const vTh = p.V_th ? valueRange(p.V_th)[0] : Infinity;
  if (!(v0 >= vTh)) return 0;
  if (pop.choices.reset === 'hard') return 1;
  const drop = p.V_reset ? vTh - valueRange(p.V_reset)[1] : 0;
  return drop > 0 ? Math.floor((v0 - vTh) / drop) + 1 : Infinity;
}

/** Every part of the estimate (bytes > 0), in a stable order. */
export function memoryParts(
  pops: readonly PopulationIR[],
  inputs: readonly InputIR[],
  projections: readonly ProjectionIR[],
  groups: readonly SynapseGroupIR[],
  monitors: readonly MonitorIR[],
  dt: number,
  steps: number,
): MemoryPart[] {
  const parts: MemoryPart[] = [];
  for (const pop of pops) {
    const listed = (pop.lists.times?.length ?? 0) * BYTES_PER_LISTED_SPIKE;
    parts.push({ id: pop.id, bytes: pop.size * neuronBytes(pop, groups) + listed, what: `${groupDigits(pop.size)} neurons` });
  }
  for (const p of projections) {
    const n = expectedSynapses(p, pops);
    const plastic = p.plasticity && getPlasticityModel(p.plasticity.model)?.rule.changesWeight ? n * BYTES_PER_PLASTIC_SYNAPSE : 0;
    const weights = p.weight.kind === 'scalar' ? 0 : n * BYTES_PER_SYNAPSE_WEIGHT;
    const bytes = n * (bytesPerSynapse(pops[p.post].size) + drawingBytesPerSynapse(p.conn.rule)) + weights + plastic + 2 * (pops[p.pre].size + 1) * I32;
    parts.push({ id: p.id, bytes, what: `${groupDigits(Math.round(n))} ${plastic ? 'plastic ' : ''}synapses` });
  }
  for (const g of groups) {
    const post = pops[g.post].size;
    const nPre = pops[projections[g.projections[0]].pre].size;
    const maxDelay = Math.max(0, ...g.projections.map((i) => projections[i].delaySteps));
    const preAligned = isPreAlignedSynapse(g.synapse.model);
    const state = preAligned ? (2 * post + 3 * nPre) * F64 + (maxDelay + 1) * nPre : 2 * post * F64;
    const ring = !preAligned && maxDelay > 0 ? (maxDelay + 1) * post * F64 : 0;
    parts.push({ id: projections[g.projections[0]].id, bytes: state + ring, what: ring ? `synapse state and a delay ring of ${maxDelay + 1} steps` : 'synapse state' });
  }
  const bounds = new Map<number, ReturnType<typeof spikeBound>>();
  let stateChunks = false;
  for (const m of monitors) {
    if (m.record === 'spikes') {
      const pop = pops[m.population];
      const bound = bounds.get(m.population) ?? spikeBound(pop, inputs, projections, groups, pops, dt, steps);
      bounds.set(m.population, bound);
      const expected = expectedSpikes(bound, pop.size, dt, steps);
      const upTo = `up to ${groupDigits(bound.spikes)} (${bound.why})`;
      const what = bound.decided || expected === bound.spikes
        ? `its recorded spikes: ${upTo}`
        : `its recorded spikes: about ${groupDigits(expected)} at ${PLAUSIBLE_RATE_HZ} Hz per neuron, ${upTo} if the network runs away`;
      // named after the population: the CLI's own monitors are not nodes the user can find
      parts.push({ id: pop.id, bytes: recordedSpikeBytes(expected), what, spikes: { expected, worst: bound.spikes, decided: bound.decided } });
    } else if (m.record === 'state') {
      const samples = Math.ceil(steps / m.every);
      const values = samples * m.neurons.length * m.variables.length;
      // allocated once at full length and handed to the results without a copy (ResultsAccumulator);
      // the first state monitor also counts what the run's chunks allocate on the way
      const chunks = stateChunks ? 0 : Math.min(STATE_CHUNK_BYTES, 3 * values * BYTES_PER_SAMPLE);
      stateChunks = true;
      parts.push({ id: m.id, bytes: values * BYTES_PER_SAMPLE + samples * I32 + chunks, what: `${groupDigits(m.neurons.length * m.variables.length)} traces × ${groupDigits(samples)} samples` });
    } else {
      parts.push({ id: m.id, bytes: recorded(steps, BYTES_PER_SAMPLE), what: `${groupDigits(steps)} per-step counts` });
    }
  }
  return parts.filter((p) => p.bytes > 0);
}

function gib(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'an unbounded amount';
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

/**
 * Bytes the run's spike recordings may take before the recording guard stops it: the budget less
 * every part that is not a spike recording (those are certain before the run and checked here).
 */
export function recordingBudget(parts: readonly MemoryPart[], budget: number): number {
  return Math.max(0, budget - parts.reduce((s, p) => s + (p.spikes ? 0 : p.bytes), 0));
}

/**
 * Refuse projections too large to index and networks over `budget` (spike recordings at their
 * expected size), naming the biggest part; warn when a recording the build cannot bound is
 * expected to take much of the budget. Returns the total.
 */
export function checkMemory(parts: readonly MemoryPart[], projections: readonly ProjectionIR[], pops: readonly PopulationIR[], budget: number, doc: Document, indexOf: Map<string, number>, ctx: BuildContext): number {
  for (const p of projections) {
    const n = expectedSynapses(p, pops);
    if (n > MAX_SYNAPSES_PER_PROJECTION) {
      ctx.report('memory_budget', `nodes[${indexOf.get(p.id)}].conn`,
        `Projection "${p.id}" would have ${n.toExponential(2)} synapses, more than one projection can index (${groupDigits(MAX_SYNAPSES_PER_PROJECTION)}). Lower p or k, or split the populations.`,
        p.id, 'conn');
    }
  }
  const total = parts.reduce((s, p) => s + p.bytes, 0);
  if (total <= budget || parts.length === 0) {
    const open = parts.filter((p) => p.spikes && !p.spikes.decided && recordedSpikeBytes(p.spikes.worst) > recordingBudget(parts, budget));
    if (open.length > 0 && total >= RECORDING_WARN_FRACTION * budget) {
      const biggest = open[0];
      const i = indexOf.get(biggest.id);
      ctx.report('recording_budget', i === undefined ? 'nodes' : `nodes[${i}]`,
        `The run is expected to need about ${gib(total)} of the ${gib(budget)} memory budget, most of it recorded spikes ("${biggest.id}": ${biggest.what}). ` +
          `If the recordings reach ${gib(recordingBudget(parts, budget))}, the run stops there with what it recorded so far. Record fewer populations or run shorter to be safe.`,
        i === undefined ? undefined : doc.nodes[i]?.id);
    }
    return total;
  }
  const biggest = parts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const i = indexOf.get(biggest.id);
  const recording = biggest.what.startsWith('its recorded spikes');
  const advice = recording
    ? 'Record fewer populations or a shorter run, or give the neurons a refractory period (LIFRef).'
    : 'Make it smaller: fewer neurons or synapses, or a shorter run.';
  ctx.report('memory_budget', i === undefined ? 'nodes' : `nodes[${i}]`,
    `The run needs about ${gib(total)}, more than the memory budget of ${gib(budget)}. The largest part is "${biggest.id}" (${biggest.what}, ${gib(biggest.bytes)}). ${advice}`,
    i === undefined ? undefined : doc.nodes[i]?.id);
  return total;
}
