import { describe, expect, it } from 'vitest';
import { ResultsAccumulator } from '../../src/shared/resultsAccumulator';
import type { MonitorBatch } from '../../src/shared/results';

function batch(fromStep: number, toStep: number): MonitorBatch {
  return {
    fromStep,
    toStep,
    spikes: [{ monitor: 'spk', population: 'P', size: 3, steps: Int32Array.from([fromStep, fromStep + 1]), ids: Int32Array.from([0, 2]) }],
    traces: [{ monitor: 'v', population: 'P', variable: 'V', unit: 'mV', neurons: Int32Array.from([0, 1]), steps: Int32Array.from([fromStep]), values: Float32Array.from([-60 - fromStep, -61 - fromStep]) }],
    counts: [{ monitor: 'r', population: 'P', size: 3, startStep: 0, counts: Int32Array.from([fromStep % 3, 1]) }],
  };
}

const meta = { dt: 0.1, seed: 1, backend: 'typed' };

describe('ResultsAccumulator', () => {
  it('appends batches; view() and results() give the same contents, a view sharing the buffers and results() copies', () => {
    const acc = new ResultsAccumulator();
    acc.add(batch(0, 2));
    acc.add(batch(2, 4));
    const view = acc.view(meta);
    const copy = acc.results(meta);
    expect(copy.steps).toBe(4);
    expect(Array.from(copy.spikes[0].steps)).toEqual([0, 1, 2, 3]);
    expect(Array.from(copy.spikes[0].ids)).toEqual([0, 2, 0, 2]);
    expect(Array.from(copy.traces[0].steps)).toEqual([0, 2]);
    expect(Array.from(copy.traces[0].values)).toEqual([-60, -61, -62, -63]);
    expect(Array.from(copy.counts[0].counts)).toEqual([0, 1, 2, 1]);
    expect(view).toEqual(copy);
    // A view is cut from the accumulator's own (over-allocated) buffer; a copy owns an exact one.
    expect(copy.spikes[0].steps.buffer.byteLength).toBe(4 * 4);
    expect(view.spikes[0].steps.byteOffset + view.spikes[0].steps.byteLength).toBeLessThanOrEqual(view.spikes[0].steps.buffer.byteLength);
    copy.spikes[0].ids[0] = 99;
    expect(acc.view(meta).spikes[0].ids[0]).toBe(0);
  });

  it('allocates a state monitor announced with its sample count once, at its full length, and still grows past it', () => {
    const acc = new ResultsAccumulator(new Map([['v', 3]]));
    acc.add(batch(0, 2));
    acc.add(batch(2, 4));
    acc.add(batch(4, 6));
    const v = acc.view(meta).traces[0];
    expect(Array.from(v.values)).toEqual([-60, -61, -62, -63, -64, -65]);
    // 3 samples of 2 neurons, float32: exactly the announced length, never a doubled capacity.
    expect(v.values.buffer.byteLength).toBe(3 * 2 * 4);
    expect(v.steps.buffer.byteLength).toBe(3 * 4);
    acc.add(batch(6, 8));
    expect(Array.from(acc.results(meta).traces[0].steps)).toEqual([0, 2, 4, 6]);
  });

  it('finish() hands a trace filled to its announced length over without a copy, and trims the rest', () => {
    const acc = new ResultsAccumulator(new Map([['v', 3]]));
    for (let s = 0; s < 6; s += 2) acc.add(batch(s, s + 2));
    const own = acc.view(meta).traces[0].values.buffer;
    const done = acc.finish(meta);
    // the very buffer the accumulator filled: a run's peak holds the recording once
    expect(done.traces[0].values.buffer).toBe(own);
    expect(Array.from(done.traces[0].values)).toEqual([-60, -61, -62, -63, -64, -65]);
    // spikes grew by doubling: trimmed to exact copies, as results() does
    expect(done.spikes[0].steps.buffer.byteLength).toBe(done.spikes[0].steps.length * 4);
    expect(done).toEqual(acc.results(meta));
  });

  it('finish() copies a trace that stopped short of its announced length', () => {
    const acc = new ResultsAccumulator(new Map([['v', 5]]));
    for (let s = 0; s < 6; s += 2) acc.add(batch(s, s + 2));
    const done = acc.finish(meta);
    expect(done.traces[0].values.buffer.byteLength).toBe(3 * 2 * 4);
    expect(Array.from(done.traces[0].steps)).toEqual([0, 2, 4]);
  });

  it('without an announcement grows by doubling (over-allocates)', () => {
    const acc = new ResultsAccumulator();
    for (let s = 0; s < 6; s += 2) acc.add(batch(s, s + 2));
    expect(acc.view(meta).traces[0].values.buffer.byteLength).toBeGreaterThan(3 * 2 * 4);
  });
});

