import { describe, expect, it } from 'vitest';
import { chiOf, synchronyFromSpikes, synchronyFromTrace } from '../../src/engine/analysis';
import type { StateTrace } from '../../src/shared/results';
import { poissonTrains, trainOf } from './seeded';

describe('synchrony chi', () => {
  it('is 1 when every neuron fires the same train', () => {
    const same = poissonTrains(1, 30, 20_000, 0.1, 3)[0];
    expect(synchronyFromSpikes(trainOf([same, same, same, same]), 20_000, 0.1, 2)).toBeCloseTo(1, 12);
  });
  it('is about 1/sqrt(N) for independent Poisson neurons', () => {
    // For independent neurons Var(mean) = mean Var / N exactly in expectation, so chi ~ 1/sqrt(N).
    // N = 100, 2500 bins: the variance ratio has a relative sd ~ sqrt(2/2500) ~ 0.03; bound 10 %.
    const chi = synchronyFromSpikes(trainOf(poissonTrains(100, 40, 50_000, 0.1, 5)), 50_000, 0.1, 2) ?? 0;
    expect(chi).toBeGreaterThan(0.09);
    expect(chi).toBeLessThan(0.11);
  });
  it('uses the population-averaged V with a state trace, and is 1 for identical traces', () => {
    const samples = 100;
    const neurons = 3;
    const values = new Float32Array(samples * neurons);
    for (let s = 0; s < samples; s++) for (let j = 0; j < neurons; j++) values[s * neurons + j] = -60 + 5 * Math.sin(s / 7);
    const trace: StateTrace = {
      monitor: 'v', population: 'P', variable: 'V', unit: 'mV',
      neurons: Int32Array.from([0, 1, 2]), steps: Int32Array.from({ length: samples }, (_, s) => s), values,
    };
    expect(synchronyFromTrace(trace)).toBeCloseTo(1, 6);
  });
  it('matches a hand computation: anti-phase signals cancel', () => {
    // x0 = [1, 0, 1, 0], x1 = [0, 1, 0, 1]: the average is constant -> chi = 0
    expect(chiOf([1, 0, 1, 0, 0, 1, 0, 1], 2, 4, 'neuron-major')).toBe(0);
    expect(chiOf([1, 1, 1, 1], 2, 2, 'neuron-major')).toBeNull();
  });
});
