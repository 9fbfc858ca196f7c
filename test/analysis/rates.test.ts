import { describe, expect, it } from 'vitest';
import { meanRate, movingAverageSame, populationRate } from '../../src/engine/analysis';
import { trainOf } from './seeded';

describe('meanRate', () => {
  it('divides spikes by neurons and seconds', () => {
    // 2 neurons, 6 spikes, 1000 steps of 0.5 ms = 0.5 s -> 6 / (2 * 0.5) = 6 Hz
    const t = trainOf([[1, 2, 3, 4], [10, 20]]);
    expect(meanRate(t, 1000, 0.5)).toBeCloseTo(6, 12);
  });
  it('is 0 for an empty population or a zero-length run', () => {
    expect(meanRate(trainOf([]), 100, 0.1)).toBe(0);
    expect(meanRate(trainOf([[1]]), 0, 0.1)).toBe(0);
  });
});

describe('movingAverageSame', () => {
  it("matches numpy.convolve(x, ones(w)/w, mode='same') for odd and even windows", () => {
    // numpy: convolve([1,2,3,4,5], ones(3)/3, 'same') = [1, 2, 3, 4, 3]
    expect(Array.from(movingAverageSame([1, 2, 3, 4, 5], 3))).toEqual([1, 2, 3, 4, 3].map((v) => expect.closeTo(v, 12)));
    // numpy: convolve([1,2,3,4,5], ones(4)/4, 'same') = [0.75, 1.5, 2.5, 3.5, 3]
    expect(Array.from(movingAverageSame([1, 2, 3, 4, 5], 4))).toEqual([0.75, 1.5, 2.5, 3.5, 3].map((v) => expect.closeTo(v, 12)));
  });
  it('is the identity for a window of one sample', () => {
    expect(Array.from(movingAverageSame([3, 1, 4], 1))).toEqual([3, 1, 4]);
  });
});

describe('populationRate', () => {
  it('gives 1 / dt for neurons spiking every step, away from the edges', () => {
    const steps = 200;
    const every = Array.from({ length: steps }, (_, s) => s);
    const rate = populationRate(trainOf([every, every]), steps, 0.1, 2);
    // each neuron spikes once per 0.1 ms = 10 kHz; window 20 steps, so edges (10 steps) dip
    expect(rate[100]).toBeCloseTo(10_000, 9);
    expect(rate[0]).toBeCloseTo(10_000 * (10 / 20), 9);
  });
  it('converts with dt in seconds, not the tutorial’s factor 1000 that assumes dt = 1 ms', () => {
    // one neuron, one spike per 10 steps of 0.1 ms = 1000 Hz; window of exactly 10 steps
    const spikes = Array.from({ length: 50 }, (_, k) => k * 10);
    const rate = populationRate(trainOf([spikes]), 500, 0.1, 1);
    expect(rate[250]).toBeCloseTo(1000, 9);
  });
});
