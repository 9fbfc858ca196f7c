/**
 * Which backend runs a network: the document's (or CLI's, or run panel's) choice
 * `typed | tfjs | auto`, resolved against the network and what this process can load.
 *
 * The "auto" rule, from bench/tfjs/run.ts (bench/tfjs/results.json): on this 2-core machine
 * the typed backend beat tfjs-wasm at every size measured, in CPU seconds per simulated second
 * 1.14 vs 36.9 (4k neurons, Brette CUBA), 4.45 vs 105 (16k), 17.7 vs 403 (64k), 70.9 vs 1934
 * (256k; all at 80 synapses per neuron): 32x, 24x, 23x, 27x. Large nets amortise tfjs's cost
 * per tensor op (~50 ops and ~1.2 ms per step at 4k), but tfjs touches every synapse every step
 * (SparseSegmentSum) where typed touches only the rows of neurons that spiked (~0.2 % per step),
 * so on a CPU typed wins at any size. Auto therefore picks typed, except when a GPU build of
 * TensorFlow (tfjs-node-gpu) is loaded and the network has at least AUTO_GPU_MIN_SYNAPSES
 * synapses. That threshold is not measured (no GPU here): 5e7 synapses is 2.5 times the largest
 * network measured (256k neurons, 2e7 synapses, where typed needs 71 s of CPU per simulated
 * second), a size at which a GPU's memory bandwidth should pay for the per-op launches.
 * Re-measure with `npx tsx bench/tfjs/run.ts --big` on a GPU machine before trusting it.
 */
import type { Backend } from '../backend';
import type { BackendChoice } from '../../shared/document';
import type { NetworkIR } from '../ir';
import { typedBackend } from './typed';
import { expectedSynapseCount } from '../connectivity';
import type { TfjsBackend } from './tfjs';

/** Synapses above which auto prefers tfjs when tfjs-node-gpu is loaded (estimate, see above). */
export const AUTO_GPU_MIN_SYNAPSES = 50_000_000;

export interface SelectEnvironment {
  /** The tfjs backend to use (Node: createTfjsBackend(nodeTfjsOptions())); default WASM/CPU without native loading. */
  readonly tfjs?: TfjsBackend;
  /** What native TensorFlow is loaded: nativeKind() from src/engine/node/tfjsLoader.ts; null or absent in browsers. */
  readonly native?: 'gpu' | 'cpu' | null;
}


/** Synapses the network will have (expected; exact for every rule but bernoulli). */
export function estimateSynapses(ir: NetworkIR): number {
  let total = 0;
  for (const p of ir.projections) total += expectedSynapseCount(p.conn, ir.populations[p.pre].size, ir.populations[p.post].size);
  return total;
}

/**
 * The default tfjs backend, imported when a network is instantiated on it: loading tfjs-core and
 * its CPU/WASM backends costs more than building and running a small network on typed, and most
 * runs never touch it (this file is on every run's path, the CLI's included).
 */
const lazyTfjsBackend: Backend = {
  name: 'tfjs',
  instantiate: async (ir) => (await import('./tfjs')).tfjsBackend.instantiate(ir),
};

/** The backend for `choice` ("auto" by the rule above). */
export function selectBackend(choice: BackendChoice, ir: NetworkIR, env: SelectEnvironment = {}): Backend {
  const tfjs = env.tfjs ?? lazyTfjsBackend;
  if (choice === 'typed') return typedBackend;
  if (choice === 'tfjs') return tfjs;
  return env.native === 'gpu' && estimateSynapses(ir) >= AUTO_GPU_MIN_SYNAPSES ? tfjs : typedBackend;
}
