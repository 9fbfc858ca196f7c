/**
 * Backpropagation through time with surrogate gradients: mini-batches, Adam, a validation split
 * and early stopping (the best validation epoch's parameters are kept). Every tensor of a batch
 * lives inside the optimizer's tidy or a tidy here, so tf.memory().numTensors is the same after
 * every epoch (the tests check it). Wall time comes from an injected clock, so tests never
 * depend on it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { batchInputs, oneHot, shuffled, type SpikeSample, type Split } from './dataset';
import type { TrainableNetwork } from './network';
import { assertGradients } from './gradients';
import { superSpike, type SpikeFn } from './surrogate';
import type { TrainingEpoch } from '../../shared/document';

export interface TrainOptions {
  readonly epochs: number;
  /** Samples per gradient step. */
  readonly batchSize: number;
  /** Adam's step size. */
  readonly learningRate: number;
  /** Surrogate slope, 1/mV. */
  readonly slope: number;
  /** Stop after this many epochs without a better validation loss (0: never stop early). */
  readonly patience: number;
  readonly seed: number;
  /** Wall clock, ms (performance.now by default). */
  readonly now?: () => number;
  /** Called after every batch (progress bars). */
  readonly onBatch?: (p: BatchProgress) => void;
  /** Called after every epoch with its row of the history. */
  readonly onEpoch?: (row: EpochRecord) => void;
  /** Polled between batches; true stops after the current batch (the best parameters are kept). */
  readonly shouldStop?: () => boolean;
}

export interface BatchProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
}

/** One epoch of the training history: the document's record, saved in the project. */
export type EpochRecord = TrainingEpoch;

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
}

export interface TrainOutcome {
  readonly history: EpochRecord[];
  /** Epoch (1-based) whose parameters the network holds at the end. */
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
  readonly test: Evaluation | null;
}

function crossEntropy(logits: Tensor, targets: Tensor): Scalar {
  return tf.losses.softmaxCrossEntropy(targets, logits) as Scalar;
}

/** Loss and accuracy of the network on `samples`, in batches, no gradients. */
export function evaluate(net: TrainableNetwork, samples: readonly SpikeSample[], batchSize: number, spike: SpikeFn): Evaluation {
  let lossSum = 0;
  let correct = 0;
  for (let at = 0; at < samples.length; at += batchSize) {
    const batch = samples.slice(at, at + batchSize);
    const [loss, hits] = tf.tidy(() => {
      const inputs = batchInputs(batch, net.nInputs, net.steps, net.dt);
      const targets = oneHot(batch, net.nClasses);
      const { logits } = net.forward(inputs, spike);
      const ok = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32'));
      return [crossEntropy(logits, targets).dataSync()[0], ok.dataSync()[0]];
    });
    lossSum += loss * batch.length;
    correct += hits;
  }
  const n = Math.max(1, samples.length);
  return { loss: lossSum / n, accuracy: correct / n };
}

/** Train `net` on split.train; validation drives early stopping; test is scored once at the end. */
export function train(net: TrainableNetwork, split: Split, options: TrainOptions): TrainOutcome {
  const steps = trainSteps(net, split, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same training one batch at a time: the generator yields after every batch, so a caller
 * that must stay responsive (the engine worker) can yield to its message loop, pause by not
 * asking for the next batch, or stop (shouldStop) between batches. Abandoning it early (return())
 * still disposes the optimizer and the best-epoch snapshot.
 */
export function* trainSteps(net: TrainableNetwork, split: Split, options: TrainOptions): Generator<BatchProgress, TrainOutcome, void> {
  assertGradients();
  const now = options.now ?? (() => performance.now());
  const spike = superSpike(options.slope);
  const optimizer = tf.train.adam(options.learningRate);
  const variables = net.variables();
  if (variables.length === 0) throw new Error('Nothing is marked trainable: mark at least one projection\'s weights trainable.');
  const history: EpochRecord[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let bestValues: Tensor[] | null = null;
  let waited = 0;
  let stoppedEarly = false;
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const batches = Math.ceil(split.train.length / batchSize);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const t0 = now();
      const order = shuffled(split.train, options.seed + epoch, 'batches');
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let b = 0; b < batches; b++) {
        const batch = order.slice(b * batchSize, (b + 1) * batchSize);
        const inputs = batchInputs(batch, net.nInputs, net.steps, net.dt);
        const targets = oneHot(batch, net.nClasses);
        let hits = 0;
        const loss = optimizer.minimize(() => {
          const { logits } = net.forward(inputs, spike);
          hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32')).dataSync()[0];
          return crossEntropy(logits, targets);
        }, true, variables) as Scalar;
        const value = loss.dataSync()[0];
        loss.dispose();
        tf.dispose([...inputs, targets]);
        if (!Number.isFinite(value)) throw new Error(`The loss became ${value} in epoch ${epoch}; lower the learning rate or the initial weights.`);
        lossSum += value * batch.length;
        correct += hits;
        seen += batch.length;
        const progress = { epoch, batch: b + 1, batches, loss: value };
        options.onBatch?.(progress);
        yield progress;
        if (options.shouldStop?.()) break;
      }
      const val = split.validation.length > 0 ? evaluate(net, split.validation, batchSize, spike) : null;
      // A stop inside the epoch scores the batches it did.
      const n = Math.max(1, seen);
      const row: EpochRecord = { epoch, loss: lossSum / n, accuracy: correct / n, valLoss: val?.loss ?? null, valAccuracy: val?.accuracy ?? null, seconds: (now() - t0) / 1000 };
      history.push(row);
      options.onEpoch?.(row);
      const score = val ? val.loss : row.loss;
      if (score < best) {
        best = score;
        bestEpoch = epoch;
        waited = 0;
        if (bestValues) tf.dispose(bestValues);
        bestValues = net.snapshot();
      } else if (options.patience > 0 && ++waited >= options.patience) {
        stoppedEarly = true;
        break;
      }
      if (options.shouldStop?.()) break;
    }
    if (bestValues) net.restore(bestValues);
  } finally {
    if (bestValues) tf.dispose(bestValues);
    optimizer.dispose();
  }
  const test = split.test.length > 0 ? evaluate(net, split.test, batchSize, spike) : null;
  return { history, bestEpoch, stoppedEarly, test };
}

/** Spikes of every population for one sample (steps and neuron ids), and the class the readout picks. */
export interface SampleSpikes {
  readonly predicted: number;
  readonly populations: { id: string; size: number; steps: Int32Array; ids: Int32Array }[];
}

/** Run one sample through the network's forward pass (the simulator's step, as typedEquivalence checks). */
export function recordSample(net: TrainableNetwork, sample: SpikeSample, slope: number): SampleSpikes {
  return tf.tidy(() => {
    const inputs = batchInputs([sample], net.nInputs, net.steps, net.dt);
    const { logits, spikes } = net.forward(inputs, superSpike(slope), true);
    const predicted = tf.argMax(logits, 1).dataSync()[0];
    const populations = [...(spikes ?? new Map<string, Tensor[]>())].map(([id, perStep]) => {
      const size = perStep.length > 0 ? (perStep[0].shape[1] as number) : 0;
      const steps: number[] = [];
      const ids: number[] = [];
      perStep.forEach((s, t) => {
        const row = s.dataSync();
        for (let i = 0; i < row.length; i++) if (row[i] > 0.5) { steps.push(t); ids.push(i); }
      });
      return { id, size, steps: Int32Array.from(steps), ids: Int32Array.from(ids) };
    });
    return { predicted, populations };
  });
}
