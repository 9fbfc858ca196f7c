/**
 * Kernel registries of the typed backend, keyed by model name as in the catalogue
 * (src/shared/catalog): a new model registers a factory here instead of growing a switch.
 */
import type { InputIR, ModelIR, NetworkIR, PopulationIR, ValueIR } from '../../ir';
import type { WasmArena, WasmStepArgs } from './wasm';
import { kernelOf } from '../common/kernelLookup';

/** One synapse group's state as a neuron kernel sees it. */
export interface SynapseState {
  /**
   * Synaptic variable per post neuron (nA for CUBA, µS for COBA). Between steps it holds the
   * value already decayed for the next step, so propagation adds increments straight into it
   * (g <- g·decay + x, SEMANTICS.md step 3) and the neuron loop reads g of this step.
   */
  readonly g: Float64Array;
  /** Factor applied to g once per step (e^{-dt/tau} for Expon). */
  readonly decay: number;
  readonly output: OutputKernel;
}

/** What drives a population in a step, read by its fused update loop. */
export interface Drive {
  /** Sum of current inputs (constant, step, OU, ...), nA. */
  readonly iext: Float64Array;
  /** Synapse groups targeting the population; the update loop reads g and applies the decay. */
  readonly groups: readonly SynapseState[];
  /** When set, the update writes the total current at the present V here (nA), for monitors. */
  current: Float64Array | null;
  /**
   * Voltage jumps of this step from Delta projections (mV), or null/absent when there are none.
   * A kernel that sets `acceptsDelta` adds delta[i] to V after integrating and before the
   * threshold test (SEMANTICS.md); the instance clears the array after the neuron phase.
   */
  delta?: Float64Array | null;
}

/** What a kernel needs besides its IR. */
export interface KernelContext {
  /** Time step, ms. */
  readonly dt: number;
  readonly seed: number;
  /** The instance's WebAssembly memory, for kernels that run there (null: none, use JS). */
  readonly arena?: WasmArena | null;
  /** The network being instantiated: a kernel that can only take some drives (generated spec kernels) looks at its synapses and monitors here. */
  readonly network?: NetworkIR;
}

/** State and update of one population (a neuron model or a spike source). */
export interface PopulationKernel {
  /**
   * The 'neurons' phase of step `step`: reset, integrate, threshold in one loop. Writes the
   * indices of neurons that spike in this step to `spikes` and returns how many.
   */
  update(step: number, drive: Drive, spikes: Int32Array): number;
  /** Spikes implied by the initial state (spk of "step -1"), written like update's. */
  initialSpikes(spikes: Int32Array): number;
  /** A live state array (e.g. "V", mV), or undefined if the model has no such variable. */
  variable(name: string): Float64Array | undefined;
  /** Change a parameter from the next step on; throws with a readable message if it cannot. */
  setParam(name: string, value: ValueIR): void;
  /** True when update() adds drive.delta (voltage jumps) after integration; Delta projections need it. */
  readonly acceptsDelta?: boolean;
  /**
   * Storage the kernel offers for arrays its update reads every step: the external current
   * ('iext') and the g of its k-th synapse group ('g0', 'g1', ...). A kernel running in
   * WebAssembly hosts them in its own memory so nothing is copied per step; undefined means
   * the caller allocates as usual. Offered arrays are zero-filled and never move.
   */
  hostArray?(role: string): Float64Array | undefined;
  /** Likewise the spike list update() writes (population size, Int32), so it is not copied out. */
  hostSpikes?(): Int32Array | undefined;
  /**
   * This step's update as arguments of a WebAssembly loop in `arena` (LIF, LIF with
   * conductances, Poisson), when update() would be exactly that loop on arrays that live there;
   * null otherwise. The fused driver (fused.ts) then steps the whole network in WebAssembly.
   */
  wasmStep?(arena: WasmArena, drive: Drive, spikes: Int32Array): WasmStepArgs | null;
}

export type PopulationKernelFactory = (pop: PopulationIR, ctx: KernelContext) => PopulationKernel;

/** Bytes of WebAssembly memory a model's kernel takes for n neurons (models that run there). */
export const populationArenaBytes = new Map<string, (n: number) => number>();
/** Tried in order for a model with no entry above (models typed in the app, known only at run time). */
export const populationArenaBytesFallbacks: ((model: string) => ((n: number) => number) | undefined)[] = [];

/** Bytes of WebAssembly memory `model`'s kernel takes for n neurons; 0 when it does not run there. */
export function populationArenaBytesFor(model: string, n: number): number {
  const known = populationArenaBytes.get(model);
  if (known) return known(n);
  for (const fallback of populationArenaBytesFallbacks) {
    const f = fallback(model);
    if (f) return f(n);
  }
  return 0;
}

/** A current input into one population. */
export interface InputKernel {
  /** False when the current never changes with time, so its sum can be cached between changes. */
  readonly timeVarying: boolean;
  /** Add this input's current (nA) at step `step` to `iext`. */
  add(step: number, iext: Float64Array): void;
  /**
   * For a time-varying input that is piecewise constant: the first step after `step` whose
   * current may differ from step's (Infinity: none). Absent: it may change at every step. The
   * fused driver runs up to that step without summing the inputs again.
   */
  nextChange?(step: number): number;
  setParam(name: string, value: ValueIR): void;
}

export type InputKernelFactory = (input: InputIR, size: number, popId: string, ctx: KernelContext) => InputKernel;

/**
 * Synapse dynamics of a group, aligned on the post neurons. Expon: g decays by a constant factor
 * per step, fused into the neuron loops (see SynapseState), and increments go straight into g.
 * Kernels with more state (DualExpon, Alpha) take increments in `input` and compute g in
 * `advance`, the 'synapses' phase; they expose decay = 1 so the neuron loop leaves g alone.
 */
export interface SynapseKernel {
  readonly g: Float64Array;
  readonly decay: number;
  /** Where projections add this step's increments; absent means g itself. */
  readonly input?: Float64Array;
  /** Fold `input` (then zeroed) into the state and write this step's g (the 'synapses' phase of step `step`). */
  advance?(step: number): void;
}

/**
 * A synapse whose state lives on the presynaptic neurons (a spec with a pulse: AMPA, GABAa, NMDA;
 * BrainPy's AlignPreProj). Each step the instance marks the neurons whose spikes arrive, calls advance,
 * and sums weight · state over the synapses into the group's g.
 */
export interface PreSynapseKernel {
  /** Per presynaptic neuron: the open fraction g (0..1) the weights multiply. */
  readonly state: Float64Array;
  /** The 'synapses' phase of step `step`; arrived[i] = 1 for neurons whose spike arrives now. */
  advance(step: number, arrived: Uint8Array): void;
}

export type PreSynapseKernelFactory = (model: ModelIR, nPre: number, ctx: KernelContext) => PreSynapseKernel;

export type SynapseKernelFactory = (model: ModelIR, size: number, ctx: KernelContext) => SynapseKernel;

/** How a synaptic variable becomes input to the neuron. */
export type OutputKernel =
  | { readonly kind: 'current' }
  /**
   * A conductance toward E (mV); with a gate, g times gate(V) at the V stored at the end of the
   * previous step (MgBlock): gate returns its values for every neuron (an array it owns).
   */
  | { readonly kind: 'conductance'; readonly E: number; readonly gate?: (V: Float64Array) => Float64Array };

export type OutputKernelFactory = (model: ModelIR) => OutputKernel;

export const populationKernels = new Map<string, PopulationKernelFactory>();
/** Tried in order for a model with no entry above (models typed in the app, known only at run time). */
export const populationKernelFallbacks: ((model: string) => PopulationKernelFactory | undefined)[] = [];

/** The kernel factory of a population model, or a message naming what is missing. */
export function populationKernelFor(model: string): PopulationKernelFactory {
  return kernelOf('typed', populationKernels, populationKernelFallbacks, model, 'population model');
}
export const inputKernels = new Map<string, InputKernelFactory>();
export const synapseKernels = new Map<string, SynapseKernelFactory>();
/** Tried in order for a synapse model with no entry above (synapse models typed in the app, known only at run time). */
export const synapseKernelFallbacks: ((model: string) => SynapseKernelFactory | undefined)[] = [];

/** The kernel factory of a post-aligned synapse model, or a message naming what is missing. */
export function synapseKernelFor(model: string): SynapseKernelFactory {
  return kernelOf('typed', synapseKernels, synapseKernelFallbacks, model, 'synapse model');
}
export const outputKernels = new Map<string, OutputKernelFactory>();
export const preSynapseKernels = new Map<string, PreSynapseKernelFactory>();
/** Tried in order for a pre-aligned synapse model with no entry above (synapse specs with a pulse typed in the app). */
export const preSynapseKernelFallbacks: ((model: string) => PreSynapseKernelFactory | undefined)[] = [];

/** The kernel factory of a pre-aligned synapse model (one with a pulse), or a message naming what is missing. */
export function preSynapseKernelFor(model: string): PreSynapseKernelFactory {
  return kernelOf('typed', preSynapseKernels, preSynapseKernelFallbacks, model, 'synapse model');
}

/** Look up a kernel or throw a message naming what is missing. */
export function kernelFor<T>(registry: Map<string, T>, name: string, what: string): T {
  return kernelOf('typed', registry, [], name, what);
}
