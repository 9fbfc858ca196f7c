/**
 * The trainer's bookkeeping: no tensor leaks across epochs, early stopping keeps the best
 * validation epoch, and a stop request ends training after the current batch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { splitDataset } from '../../src/engine/training/dataset';
import { setupTraining } from '../../src/engine/training/setup';
import { train } from '../../src/engine/training/trainer';
import { feedForward, startWasm } from './helpers';

beforeAll(async () => {
  await startWasm();
});

const small = () =>
  feedForward({ nIn: 10, nHidden: 16, nOut: 3, task: { kind: 'latency', classes: 3, units: 10, samplesPerClass: 20, duration: '20 ms' }, epochs: 4, batchSize: 16 });

describe('trainer', () => {
  it('keeps tf.memory().numTensors flat across epochs and frees everything of its own at the end', () => {
    const s = setupTraining(small());
    const split = splitDataset(s.dataset, 0.2, 0.2, s.seed);
    const before = tf.memory().numTensors;
    const perEpoch: number[] = [];
    // patience 0: no early stop, so all four epochs run.
    const out = train(s.network, split, { ...s.options, patience: 0, onEpoch: () => perEpoch.push(tf.memory().numTensors) });
    expect(out.history).toHaveLength(4);
    // Epoch 1 creates Adam's moment estimates and the best-epoch snapshot; after that nothing grows.
    expect(perEpoch[1]).toBeGreaterThan(before);
    expect(perEpoch.slice(1)).toEqual([perEpoch[1], perEpoch[1], perEpoch[1]]);
    expect(tf.memory().numTensors).toBe(before);
    s.network.dispose();
  });

  it('stops early after `patience` epochs without a better validation loss and keeps the best epoch', () => {
    const s = setupTraining(small());
    const split = splitDataset(s.dataset, 0.2, 0.2, s.seed);
    // A learning rate this large makes the validation loss jump around, so it stops early.
    const out = train(s.network, split, { ...s.options, epochs: 30, learningRate: 2, patience: 2 });
    const best = Math.min(...out.history.map((r) => r.valLoss as number));
    expect(out.history[out.bestEpoch - 1].valLoss).toBe(best);
    expect(out.stoppedEarly).toBe(true);
    expect(out.history.length).toBe(out.bestEpoch + 2);
    s.network.dispose();
  });

  it('ends after the current batch when asked to stop, with a clock injected for the epoch times', () => {
    const s = setupTraining(small());
    const split = splitDataset(s.dataset, 0.2, 0.2, s.seed);
    let t = 0;
    let batches = 0;
    const out = train(s.network, split, { ...s.options, now: () => (t += 500), onBatch: () => batches++, shouldStop: () => batches >= 1 });
    expect(batches).toBe(1);
    expect(out.history).toHaveLength(1);
    // The injected clock advances 500 ms per call: one call at the start and one at the end of the epoch.
    expect(out.history[0].seconds).toBe(0.5);
    s.network.dispose();
  });
});
