/**
 * The typed backend's per-step loop: one function per phase of STEP_SCHEDULE
 * (src/engine/schedule.ts), run in the schedule's order, so the order of work in a step is the
 * one the schedule declares (test/engine/stepLoop.test.ts). Used wherever the fused WebAssembly
 * driver cannot step the network (fused.ts). Nothing is allocated per step.
 */
import { STEP_SCHEDULE, type SchedulePhase } from '../../schedule';
import type { CountRecorder, SpikeRecorder, StateRecorder } from './monitors';
import { type GroupRuntime, takeDelayed } from './synapseGroups';
import type { Stdp } from './plasticity';
import { type PopRuntime, type ProjRuntime, sumInputs } from './runtime';

/** What the per-step loop steps, sorted by the phase that touches it. */
export interface StepNetwork {
  readonly pops: readonly PopRuntime[];
  readonly projs: readonly ProjRuntime[];
  /** Groups with a 'synapses' phase of their own (all but plain Expon). */
  readonly stepped: readonly GroupRuntime[];
  readonly deltaGroups: readonly GroupRuntime[];
  /** Populations receiving Delta projections, whose jumps are cleared after each step. */
  readonly jumped: readonly PopRuntime[];
  readonly plastic: readonly ProjRuntime[];
  /** State recorders of synaptic g, which read it before the neuron loops decay it. */
  readonly earlyRecs: readonly StateRecorder[];
  readonly spikeRecs: readonly SpikeRecorder[];
  readonly countRecs: readonly CountRecorder[];
  readonly stateRecs: readonly StateRecorder[];
}

export type PhaseStep = (net: StepNetwork, s: number) => void;

function propagatePhase(net: StepNetwork, s: number): void {
  const projs = net.projs;
  for (let k = 0; k < projs.length; k++) propagate(projs[k], s);
}

/** Increments due now leave the delay rings, constant inputs are summed, non-Expon synapses step. */
function synapsesPhase(net: StepNetwork, s: number): void {
  const pops = net.pops;
  for (let k = 0; k < pops.length; k++) {
    const pop = pops[k];
    const groups = pop.groups;
    for (let j = 0; j < groups.length; j++) if (groups[j].delayed.length > 0) takeDelayed(groups[j], s);
    if (pop.inputsVary || pop.inputsDirty) sumInputs(pop, s);
  }
  for (let k = 0; k < net.deltaGroups.length; k++) if (net.deltaGroups[k].delayed.length > 0) takeDelayed(net.deltaGroups[k], s);
  for (let k = 0; k < net.stepped.length; k++) (net.stepped[k].advance as (s: number) => void)(s);
  // g of this step is complete here; the neuron loops decay it for the next step.
  for (let k = 0; k < net.earlyRecs.length; k++) net.earlyRecs[k].record(s);
}

function neuronsPhase(net: StepNetwork, s: number): void {
  const pops = net.pops;
  for (let k = 0; k < pops.length; k++) {
    const pop = pops[k];
    pop.spikeCount = pop.kernel.update(s, pop.drive, pop.spikes);
  }
  for (let k = 0; k < net.jumped.length; k++) (net.jumped[k].drive.delta as Float64Array).fill(0);
}

function monitorsPhase(net: StepNetwork, s: number): void {
  for (let k = 0; k < net.plastic.length; k++) {
    const proj = net.plastic[k];
    (proj.stdp as Stdp).update(proj.pre, proj.post, plasticWeights(proj));
  }
  for (let k = 0; k < net.spikeRecs.length; k++) net.spikeRecs[k].record(s);
  for (let k = 0; k < net.countRecs.length; k++) net.countRecs[k].record(s);
  for (let k = 0; k < net.stateRecs.length; k++) net.stateRecs[k].record(s);
}

/**
 * The per-step loop's work in each phase; null where the work is done inside another phase:
 * 'spikes' are stored by the neuron kernels at the end of the previous step (pop.spikes,
 * pop.spikeCount), and each neuron kernel turns g into current at the present V ('outputs')
 * at the start of its update, within the 'neurons' phase.
 */
export const TYPED_PHASES: Readonly<Record<SchedulePhase, PhaseStep | null>> = {
  spikes: null,
  propagate: propagatePhase,
  synapses: synapsesPhase,
  outputs: null,
  neurons: neuronsPhase,
  monitors: monitorsPhase,
};

/** The phases the loop runs, in the order it runs them (STEP_SCHEDULE's). */
export const TYPED_STEP_ORDER: readonly SchedulePhase[] = STEP_SCHEDULE.filter((p) => TYPED_PHASES[p] !== null);
const STEPS: readonly PhaseStep[] = TYPED_STEP_ORDER.map((p) => TYPED_PHASES[p] as PhaseStep);

/** Steps [from, to) phase by phase. */
export function runSteps(net: StepNetwork, from: number, to: number): void {
  for (let s = from; s < to; s++) {
    for (let k = 0; k < STEPS.length; k++) STEPS[k](net, s);
  }
}

/** STDP changes every synapse's weight, so it needs one float64 per synapse. */
function plasticWeights(proj: ProjRuntime): Float64Array {
  if (proj.weights instanceof Float64Array) return proj.weights;
  const w = proj.weights ? Float64Array.from(proj.weights) : new Float64Array(proj.csr.col.length).fill(proj.weight);
  proj.weights = w;
  return w;
}

/**
 * Add the weights of the rows of neurons that spiked in the previous step: straight into the
 * group's input when there is no delay, else into the slot due `delaySteps` later. Short-term
 * plasticity scales each spike's row; pre-aligned receptors only note the arrival.
 */
function propagate(proj: ProjRuntime, s: number): void {
  const pre = proj.pre;
  const c = pre.spikeCount;
  if (c === 0) return;
  const spikes = pre.spikes;
  const group = proj.group;
  const d = proj.ir.delaySteps;
  if (group.arrivals) {
    const off = ((s + d) % group.slots) * group.nPre;
    for (let k = 0; k < c; k++) group.arrivals[off + spikes[k]] = 1;
    return;
  }
  const { rowPtr, col } = proj.csr;
  const buf = d === 0 ? group.input : group.delayed;
  const off = d === 0 ? 0 : ((s + d) % group.slots) * group.size;
  const weights = proj.weights;
  const stp = proj.shortTerm;
  const wasm = proj.wasm;
  if (wasm !== null && stp === null && (weights === null || (weights instanceof Float32Array && wasm.holds(weights)))) {
    // The same additions in the same order, in WebAssembly (no bounds checks): 2.4x faster on
    // brunel-sr.snn, whose time is almost all propagation.
    const wcol = proj.wasmCol;
    wasm.propagate(spikes.byteOffset, c, rowPtr.byteOffset, wcol.byteOffset, weights === null ? 0 : weights.byteOffset, proj.weight, buf.byteOffset + 8 * off, wcol instanceof Uint16Array ? 1 : 0);
    return;
  }
  for (let k = 0; k < c; k++) {
    const i = spikes[k];
    const f = stp === null ? 1 : stp.efficacy(i, s);
    if (weights === null) {
      const w = proj.weight * f;
      for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) buf[off + col[e]] += w;
    } else {
      for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) buf[off + col[e]] += weights[e] * f;
    }
  }
}
