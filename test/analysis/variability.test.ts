import { describe, expect, it } from 'vitest';
import { fanoFactor, isiCv } from '../../src/engine/analysis';
import { poissonTrains, trainOf } from './seeded';

describe('isiCv', () => {
  it('is 0 for regular trains', () => {
    expect(isiCv(trainOf([[0, 10, 20, 30], [5, 12, 19]]))).toBe(0);
  });
  it('matches a hand computation: ISIs 1 and 3 -> mean 2, std 1 -> CV 0.5', () => {
    expect(isiCv(trainOf([[0, 1, 4]]))).toBeCloseTo(0.5, 12);
  });
  it('averages over neurons with >= 3 spikes only, like brette.py', () => {
    // neuron 0: CV 0.5; neuron 1: 2 spikes (excluded); neuron 2: CV 0
    expect(isiCv(trainOf([[0, 1, 4], [0, 7], [3, 6, 9, 12]]))).toBeCloseTo(0.25, 12);
    expect(isiCv(trainOf([[1, 2], []]))).toBeNull();
  });
  it('is about 1 for Poisson trains', () => {
    // 100 neurons x ~1000 ISIs: per-neuron CV sd ~ 0.03, mean over 100 ~ 0.003; the discretisation
    // to 0.1 ms steps at mean ISI 20 ms changes CV by < 0.001. Bound 0.02 is ~6 sd.
    const t = trainOf(poissonTrains(100, 50, 200_000, 0.1, 7));
    expect(Math.abs((isiCv(t) ?? 0) - 1)).toBeLessThan(0.02);
  });
});

describe('fanoFactor', () => {
  it('is 0 for a regular train whose period divides the bin', () => {
    const regular = Array.from({ length: 100 }, (_, k) => k * 10 + 3);
    expect(fanoFactor(trainOf([regular]), 1000, 0.1, 5)).toBe(0);
  });
  it('matches a hand computation', () => {
    // bins of 10 steps over 30 steps: counts 2, 0, 1 -> mean 1, var 2/3 -> F = 2/3
    expect(fanoFactor(trainOf([[1, 2, 25]]), 30, 0.1, 1)).toBeCloseTo(2 / 3, 12);
  });
  it('is about 1 for Poisson trains', () => {
    // 200 neurons, 100 bins of 100 ms at 20 Hz (mean count 2): per-neuron F sd ~ sqrt(2/99) ~ 0.14,
    // mean over 200 ~ 0.01; bound 0.06 is ~6 sd.
    const t = trainOf(poissonTrains(200, 20, 100_000, 0.1, 11));
    expect(Math.abs((fanoFactor(t, 100_000, 0.1, 100) ?? 0) - 1)).toBeLessThan(0.06);
  });
  it('is null when fewer than two bins fit', () => {
    expect(fanoFactor(trainOf([[1]]), 10, 0.1, 1)).toBeNull();
  });
  it('refuses bins shorter than a step', () => {
    expect(() => fanoFactor(trainOf([[1]]), 10, 0.1, 0.01)).toThrow(/shorter than one step/);
  });
});
