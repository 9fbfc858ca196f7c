/**
 * The training benchmark's fixed configuration and its timing loop, shared by `npm run
 * bench:training` (Node), the training row of `npm run bench` and the Chromium page in
 * bench/training-page. The configuration is the paper-size Randman network of
 * resources/training/randman.snn — 20 inputs -> 100 LIF -> 10 LIF, 51 steps of 1 ms, batches of
 * 64 — trained (surrogate-gradient BPTT, forward + backward + Adam) on a fixed subset of its
 * samples, so one "epoch" here is `samples` samples. Imports no Node builtins (the page runs it).
 */
import * as tf from '@tensorflow/tfjs-core';
import { setupTraining, splitDataset, train } from '../src/engine/training';

/** Samples per timed epoch: 4 batches of 64, so the training row of `npm run bench` stays near a minute with software WebGL in it. */
export const BENCH_SAMPLES = 256;
/** Timed epochs after the first (which includes kernel and shader set-up); the row shows their median. */
export const BENCH_REPEATS = 3;
/** Path of the project, from the repository root. */
export const BENCH_PROJECT = 'resources/training/randman.snn';

export interface EpochTiming {
  readonly flavour: string;
  readonly samples: number;
  readonly batchSize: number;
  readonly steps: number;
  readonly batches: number;
  /** Wall seconds of the first epoch: it includes kernel set-up (WASM compilation, WebGL shader compilation). */
  readonly firstEpochS: number;
  /** Wall seconds of every later epoch. */
  readonly epochS: number[];
  /** Median of epochS (s): the steady time per epoch. */
  readonly secondsPerEpoch: number;
  readonly msPerBatch: number;
  /** tf.memory().numTensors after training and disposal (flat across epochs when nothing leaks). */
  readonly tensorsAfter: number;
}

/**
 * The document with its task generating only about `samples` samples: the project's 1000 per class
 * take longer to generate (15 s) than the epochs take to train, and an epoch's work does not
 * depend on which samples it trains on.
 */
function withSamples(document: unknown, samples: number): unknown {
  const doc = document as { training?: { task?: { classes?: number; samplesPerClass?: number } } };
  const task = doc.training?.task;
  if (!task || typeof task.classes !== 'number') return document;
  const perClass = Math.ceil(samples / task.classes);
  return { ...doc, training: { ...doc.training, task: { ...task, samplesPerClass: Math.min(task.samplesPerClass ?? perClass, perClass) } } };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Train `document` (a parsed randman.snn) for 1 + `repeats` epochs of `samples` samples on the
 * tfjs backend that is running now (started by the caller, gradients registered), and time them.
 */
export function timeTrainingEpochs(document: unknown, flavour: string, samples = BENCH_SAMPLES, repeats = BENCH_REPEATS): EpochTiming {
  const setup = setupTraining(withSamples(document, samples));
  const split = splitDataset(setup.dataset, 0, 0, setup.seed);
  const subset = { train: split.train.slice(0, samples), validation: [], test: [] };
  const seconds: number[] = [];
  train(setup.network, subset, { ...setup.options, epochs: 1 + repeats, patience: 0, onEpoch: (r) => seconds.push(r.seconds) });
  setup.network.dispose();
  const steady = seconds.length > 1 ? seconds.slice(1) : seconds;
  const perEpoch = median(steady);
  const batches = Math.ceil(subset.train.length / setup.options.batchSize);
  return {
    flavour,
    samples: subset.train.length,
    batchSize: setup.options.batchSize,
    steps: setup.network.steps,
    batches,
    firstEpochS: seconds[0],
    epochS: steady,
    secondsPerEpoch: perEpoch,
    msPerBatch: (1000 * perEpoch) / batches,
    tensorsAfter: tf.memory().numTensors,
  };
}

export const describeTiming = (t: EpochTiming): string =>
  `${t.samples} samples (${t.batches} batches of ${t.batchSize}, ${t.steps} steps): ${t.secondsPerEpoch.toFixed(2)} s/epoch (median of ${t.epochS.map((s) => s.toFixed(2)).join(', ')}), ${t.msPerBatch.toFixed(0)} ms/batch, first epoch ${t.firstEpochS.toFixed(2)} s`;
