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
});
