/**
 * Network IR: the compiled, unit-free description the backends instantiate. Every number is in
 * the internal unit system of src/shared/units (ms, mV, nA, µS, MΩ, nF, Hz). Built by
 * src/engine/build from a document; a backend never sees the document.
 */
import type { BackendChoice } from '../shared/document';
import type { IntegrationMethod } from '../shared/modelspec/method';

/** A parameter value: one number, one per neuron/synapse, or a seeded draw done at instantiation. */
export type ValueIR =
  | { readonly kind: 'scalar'; readonly value: number }
  | { readonly kind: 'array'; readonly values: Float64Array }
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'linspace'; readonly from: number; readonly to: number };

/** A neuron group (family "neuron") or spike generator (family "source"). */
export interface PopulationIR {
  readonly id: string;
  readonly index: number;
  readonly model: string;
  readonly family: 'neuron' | 'source';
  readonly size: number;
  /** Numeric parameters in internal units, e.g. V_th (mV), tau (ms), R (MΩ). */
  readonly params: Readonly<Record<string, ValueIR>>;
  /** Word-valued options, e.g. { reset: "hard" }. */
  readonly choices: Readonly<Record<string, string>>;
  /** Lists (not per-neuron), e.g. SpikeTimes { times (ms), indices }. */
  readonly lists: Readonly<Record<string, Float64Array>>;
  /** Initial state, e.g. { V: normal(-55 mV, 5 mV) }. */
  readonly init: Readonly<Record<string, ValueIR>>;
  /** Integration method of every state (shared/modelspec/method.ts); absent: the spec's own schemes ("auto"). */
  readonly method?: Exclude<IntegrationMethod, 'auto'>;
}

/** A current input on one target population (an input wired to two populations gives two). */
export interface InputIR {
  readonly id: string;
  readonly model: string;
  readonly target: number;
  /** Parameters in internal units (amplitude nA, start ms, frequency Hz, ...). */
  readonly params: Readonly<Record<string, ValueIR>>;
}

export interface ConnIR {
  readonly rule: string;
  /** Probability for fixed_prob / bernoulli. */
  readonly p?: number;
  /** Count for fixed_indegree / fixed_outdegree. */
  readonly k?: number;
  /** Whether i -> i is allowed when pre and post are the same population. */
  readonly allowSelf: boolean;
}

/** Synapses from one population to another; increments go to a shared synapse group. */
export interface ProjectionIR {
  readonly id: string;
  readonly pre: number;
  readonly post: number;
  readonly conn: ConnIR;
  /** Increment of g per spike: nA for CUBA (scale folded in), µS for COBA. */
  readonly weight: ValueIR;
  /** Transmission delay in whole steps (0 = the next step, per SEMANTICS.md). */
  readonly delaySteps: number;
  /** Index into NetworkIR.synapseGroups. */
  readonly group: number;
  /** Short- or long-term plasticity of this projection's synapses, if any. */
  readonly plasticity?: PlasticityIR;
}

/**
 * Plasticity on a projection: STP / STD (per presynaptic neuron) or STDP (per synapse).
 * Times in ms; STDP's w_min / w_max in the weight's unit (nA for CUBA, µS for COBA).
 */
export interface PlasticityIR {
  readonly model: string;
  readonly params: Readonly<Record<string, number>>;
  /** Word-valued options, e.g. STDP { bound: "hard" | "soft" }. */
  readonly choices: Readonly<Record<string, string>>;
}

/** A model with numeric parameters in internal units, e.g. Expon { tau: 5 } (ms). */
export interface ModelIR {
  readonly model: string;
  readonly params: Readonly<Record<string, number>>;
}

/**
 * One synapse state on a post population, shared by every projection whose synapse and output
 * are identical (BrainPy's AlignPostProj merging). Synapses with a transmitter pulse (AMPA,
 * GABAa, NMDA: modelspec isPreAlignedSynapse) keep their state per presynaptic neuron
 * (AlignPreProj), so their group holds exactly one projection. A Delta synapse's "g" is the voltage jump of this step (mV).
 */
export interface SynapseGroupIR {
  readonly index: number;
  readonly post: number;
  readonly synapse: ModelIR;
  readonly output: ModelIR;
  readonly projections: readonly number[];
}

export interface MonitorIR {
  readonly id: string;
  readonly record: 'spikes' | 'state' | 'rate';
  readonly population: number;
  /** State variables for `state` (e.g. ["V"]). */
  readonly variables: readonly string[];
  /** Neuron indices for `state`. */
  readonly neurons: Int32Array;
  /** Sample every this many steps (state monitors). */
  readonly every: number;
}

export interface NetworkIR {
  /** Time step, ms. */
  readonly dt: number;
  /** Duration, ms. */
  readonly duration: number;
  readonly steps: number;
  readonly seed: number;
  readonly backend: BackendChoice;
  readonly populations: readonly PopulationIR[];
  readonly inputs: readonly InputIR[];
  readonly projections: readonly ProjectionIR[];
  readonly synapseGroups: readonly SynapseGroupIR[];
  readonly monitors: readonly MonitorIR[];
  /**
   * Bytes the spike recordings may take (the memory budget less everything certain before the
   * run); the runner stops the run when they would pass it. Absent: no spike is recorded.
   */
  readonly recordingBudgetBytes?: number;
}
