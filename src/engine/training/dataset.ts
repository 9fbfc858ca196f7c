/**
 * Spike data sets for training: each sample is a list of (time, input unit) events and a class.
 * Times are in ms; they become time steps exactly as a SpikeTimes source rounds them
 * (spikeTimeEvents), so a sample fed to the trainer and the same sample written into the
 * document's input population spike in the same steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR } from '../ir';
import { streamFor } from '../random';
import { spikeTimeEvents } from '../backends/typed/sources';

/** One sample: spike times (ms) of input units, and its class (0-based). */
export interface SpikeSample {
  /** Spike times, ms. */
  readonly times: Float64Array;
  /** Input unit of each spike time. */
  readonly units: Int32Array;
  readonly label: number;
}

export interface SpikeDataset {
  /** Name shown in summaries, e.g. "randman". */
  readonly name: string;
  readonly nInputs: number;
  readonly nClasses: number;
  /** Length of one sample, ms. */
  readonly duration: number;
  readonly samples: readonly SpikeSample[];
}

/** The sample as the `lists` of a SpikeTimes population (times in ms, indices). */
export function sampleLists(s: SpikeSample): { times: Float64Array; indices: Float64Array } {
  return { times: s.times, indices: Float64Array.from(s.units) };
}

/** Steps (0-based) and units of a sample's spikes at time step dt (ms), the SpikeTimes rounding. */
export function sampleSteps(s: SpikeSample, nInputs: number, dt: number): { steps: Int32Array; ids: Int32Array } {
  const pop = { id: 'task input', size: nInputs, lists: sampleLists(s) } as unknown as PopulationIR;
  return spikeTimeEvents(pop, dt);
}

/**
 * A batch as T tensors [B, nInputs] of 0/1 (float32): entry [b, i] of tensor t is 1 when unit i
 * of sample b emits in step t. A unit listed twice in one step spikes once, as in the simulator.
 */
export function batchInputs(samples: readonly SpikeSample[], nInputs: number, steps: number, dt: number): Tensor[] {
  const B = samples.length;
  const dense = new Float32Array(steps * B * nInputs);
  samples.forEach((s, b) => {
    const ev = sampleSteps(s, nInputs, dt);
    for (let k = 0; k < ev.steps.length; k++) {
      const t = ev.steps[k];
      if (t >= 0 && t < steps) dense[(t * B + b) * nInputs + ev.ids[k]] = 1;
    }
  });
  return tf.tidy(() => tf.unstack(tf.tensor3d(dense, [steps, B, nInputs])));
}

/** One-hot targets [B, nClasses]. */
export function oneHot(samples: readonly SpikeSample[], nClasses: number): Tensor {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Int32Array.from(samples, (s) => s.label), 'int32'), nClasses), 'float32'));
}

export interface Split {
  readonly train: readonly SpikeSample[];
  readonly validation: readonly SpikeSample[];
  readonly test: readonly SpikeSample[];
}

/** Seeded shuffle (Fisher–Yates on the stream (seed, "training", purpose)). */
export function shuffled<T>(items: readonly T[], seed: number, purpose: string): T[] {
  const out = items.slice();
  const rng = streamFor(seed, 'training', purpose);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Shuffle once with the seed, then cut off a test part and a validation part (fractions of the whole). */
export function splitDataset(ds: SpikeDataset, validation: number, test: number, seed: number): Split {
  if (!(validation >= 0 && test >= 0 && validation + test < 1)) {
    throw new Error(`The validation (${validation}) and test (${test}) fractions must be at least 0 and leave samples to train on.`);
  }
  const all = shuffled(ds.samples, seed, 'split');
  const nTest = Math.round(all.length * test);
  const nVal = Math.round(all.length * validation);
  return { test: all.slice(0, nTest), validation: all.slice(nTest, nTest + nVal), train: all.slice(nTest + nVal) };
}
