/**
 * Kernel registries of the tfjs backend, keyed by model name as in the catalogue and mirroring
 * the typed backend's (src/engine/backends/typed/kernels.ts). Kernels run inside the instance's
 * per-step tf.tidy: tensors they return are freed at the end of the step unless kept.
 */
import type { InputIR, ModelIR, PopulationIR, ValueIR } from '../../ir';
import { kernelOf } from '../common/kernelLookup';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** What drives a population in one step; null means "nothing of this kind". */
export interface TfDrive {
  /** Sum of current inputs, nA. */
  iext: Tensor | null;
  /** Sum of CUBA synaptic currents, nA. */
  isyn: Tensor | null;
  /** Sum of COBA conductances, µS. */
  gsum: Tensor | null;
  /** Sum of g·E over COBA outputs, nA. */
  gesum: Tensor | null;
  /** Voltage jumps of this step from Delta projections, mV. */
  delta: Tensor | null;
}

/**
 * V after this step's voltage jumps, added after integration and before the threshold test as
 * the typed kernels do (SEMANTICS.md); refractory neurons keep their held V, so no jump there.
 */
export function withJumps(v: Tensor, drive: TfDrive): Tensor {
  return drive.delta ? tf.add(v, drive.delta) : v;
}

export interface KernelContext {
  /** Time step, ms. */
  readonly dt: number;
  readonly seed: number;
}

export interface TfPopulationKernel {
  readonly size: number;
  /**
   * Float32 0/1 mask [size] of the spikes stored at the end of the last step (the spk that the
   * next step's projections read). Owned by the kernel; valid until the next update.
   */
  spikes(): Tensor;
  /** The 'neurons' phase of step `step`. Returns the total current at the present V (nA) when `wantCurrent`. */
  update(step: number, drive: TfDrive, wantCurrent: boolean): Tensor | null;
  /** A live state variable (e.g. "V", mV), or undefined when the model has none of that name. */
  variable(name: string): Tensor | undefined;
  setParam(name: string, value: ValueIR): void;
  dispose(): void;
}

export type TfPopulationKernelFactory = (pop: PopulationIR, ctx: KernelContext) => TfPopulationKernel;

export interface TfInputKernel {
  /** False when the current never changes with time, so the instance caches the sum. */
  readonly timeVarying: boolean;
  /** This input's current at step `step` (nA; [size] or a scalar), or null when it is zero. */
  current(step: number): Tensor | null;
  setParam(name: string, value: ValueIR): void;
  dispose(): void;
}

export type TfInputKernelFactory = (input: InputIR, size: number, popId: string, ctx: KernelContext) => TfInputKernel;

export interface TfSynapseKernel {
  /** Synaptic variable per post neuron (nA for CUBA, µS for COBA). */
  readonly g: Tensor;
  /** g <- decay(g) + due; returns the new g. `due` may be null (no increments this step). */
  update(due: Tensor | null): Tensor;
  dispose(): void;
}

export type TfSynapseKernelFactory = (model: ModelIR, size: number, ctx: KernelContext) => TfSynapseKernel;

/** How a synaptic variable becomes input to the neuron. */
export type TfOutputKernel =
  | { readonly kind: 'current' }
  /** A conductance toward E (mV); with a gate, g times gate(V) at the V stored at the end of the previous step (MgBlock). */
  | { readonly kind: 'conductance'; readonly E: number; readonly gate?: (V: Tensor) => Tensor };
export type TfOutputKernelFactory = (model: ModelIR) => TfOutputKernel;

export const populationKernels = new Map<string, TfPopulationKernelFactory>();
/** Tried in order for a model with no entry above (models typed in the app, known only at run time). */
export const populationKernelFallbacks: ((model: string) => TfPopulationKernelFactory | undefined)[] = [];

/** The kernel factory of a population model, or a message naming what is missing. */
export function populationKernelFor(model: string): TfPopulationKernelFactory {
  return kernelOf('tfjs', populationKernels, populationKernelFallbacks, model, 'population model');
}
export const inputKernels = new Map<string, TfInputKernelFactory>();
export const synapseKernels = new Map<string, TfSynapseKernelFactory>();
/** Tried in order for a synapse model with no entry above (synapse models typed in the app, known only at run time). */
export const synapseKernelFallbacks: ((model: string) => TfSynapseKernelFactory | undefined)[] = [];

/** The kernel factory of a post-aligned synapse model, or a message naming what is missing. */
export function synapseKernelFor(model: string): TfSynapseKernelFactory {
  return kernelOf('tfjs', synapseKernels, synapseKernelFallbacks, model, 'synapse model');
}
export const outputKernels = new Map<string, TfOutputKernelFactory>();

/** Look up a kernel or throw a message naming what is missing. */
export function kernelFor<T>(registry: Map<string, T>, name: string, what: string): T {
  return kernelOf('tfjs', registry, [], name, what);
}
