import { describe, expect, it } from 'vitest';
import { formatStatistics, networkStatistics } from '../../src/engine/analysis';
import type { RunResults } from '../../src/shared/results';
import { trainOf } from './seeded';

describe('networkStatistics', () => {
  // 2000 steps of 0.1 ms = 0.2 s; E: 4 neurons, 8 spikes -> 10 Hz; I: 1 neuron, 3 spikes -> 15 Hz
  const E = trainOf([[0, 100, 200], [50], [60, 70], [5, 6]], 'E');
  const I = trainOf([[10, 20, 30]], 'I');
  const results: RunResults = { dt: 0.1, steps: 2000, seed: 1, backend: 'typed', spikes: [E, I, { ...E, monitor: 'again' }], traces: [], counts: [] };

  it('computes the tutorial’s numbers, counting a population seen twice once', () => {
    const s = networkStatistics(results);
    expect(s.durationMs).toBeCloseTo(200, 12);
    expect(s.totalSpikes).toBe(11);
    expect(s.meanRateHz).toBeCloseTo(11 / (0.2 * 5), 12);
    expect(s.populations.map((p) => [p.population, p.spikes])).toEqual([['E', 8], ['I', 3]]);
    expect(s.populations[0].rateHz).toBeCloseTo(10, 12);
    expect(s.populations[1].rateHz).toBeCloseTo(15, 12);
    expect(s.populations[1].cvIsi).toBe(0);
  });

  it('leaves the ISI CV out when asked (live plots), with the same counts and rates', () => {
    const full = networkStatistics(results);
    const light = networkStatistics(results, { cv: false });
    expect(light.populations.map((p) => p.cvIsi)).toEqual([null, null]);
    expect(light.populations.map((p) => [p.spikes, p.rateHz])).toEqual(full.populations.map((p) => [p.spikes, p.rateHz]));
    expect(light.meanRateHz).toBe(full.meanRateHz);
  });

  it('prints them as the tutorial does', () => {
    const text = formatStatistics(networkStatistics(results));
    expect(text).toContain('Total spikes: 11');
    expect(text).toContain('Mean firing rate: 11.00 Hz');
    expect(text).toMatch(/I population \(1 neurons\):\n {2}Spikes: 3\n {2}Mean rate: 15\.00 Hz/);
  });
});
