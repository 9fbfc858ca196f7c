/** The tutorial's printed "Network Statistics" block, computed from any run's spike monitors. */
import type { RunResults, SpikeTrain } from '../results';
import { meanRate } from './rates';
import { isiCv } from './variability';

/** Per-population numbers; rate in Hz. */
export interface PopulationStatistics {
  readonly population: string;
  readonly size: number;
  readonly spikes: number;
  readonly rateHz: number;
  /** Mean ISI CV over neurons with >= 3 spikes, or null. */
  readonly cvIsi: number | null;
}

export interface NetworkStatistics {
  /** Duration analysed, ms. */
  readonly durationMs: number;
  readonly totalSpikes: number;
  /** Total spikes / (duration · neurons), Hz, over every recorded population. */
  readonly meanRateHz: number;
  readonly populations: readonly PopulationStatistics[];
}

/** One spike train per population: a population seen by two spike monitors is counted once. */
export function trainsByPopulation(results: RunResults): SpikeTrain[] {
  const seen = new Map<string, SpikeTrain>();
  for (const t of results.spikes) if (!seen.has(t.population)) seen.set(t.population, t);
  return [...seen.values()];
}

/**
 * `cv: false` leaves the ISI CV out (null): it sorts every spike by neuron, which a live plot
 * redrawn several times a second cannot afford; the counts and rates are cheap.
 */
export function networkStatistics(results: RunResults, options: { readonly cv?: boolean } = {}): NetworkStatistics {
  const withCv = options.cv ?? true;
  const populations = trainsByPopulation(results).map((t) => ({
    population: t.population,
    size: t.size,
    spikes: t.steps.length,
    rateHz: meanRate(t, results.steps, results.dt),
    cvIsi: withCv ? isiCv(t) : null,
  }));
  const totalSpikes = populations.reduce((a, p) => a + p.spikes, 0);
  const neurons = populations.reduce((a, p) => a + p.size, 0);
  const durationMs = results.steps * results.dt;
  const meanRateHz = neurons > 0 && durationMs > 0 ? totalSpikes / ((durationMs / 1000) * neurons) : 0;
  return { durationMs, totalSpikes, meanRateHz, populations };
}

/** The statistics as the tutorial prints them (rates with two decimals). */
export function formatStatistics(s: NetworkStatistics): string {
  const rule = '='.repeat(50);
  const lines = [rule, 'Network Statistics', rule, `Total spikes: ${s.totalSpikes}`, `Mean firing rate: ${s.meanRateHz.toFixed(2)} Hz`];
  for (const p of s.populations) {
    lines.push('', `${p.population} population (${p.size} neurons):`, `  Spikes: ${p.spikes}`, `  Mean rate: ${p.rateHz.toFixed(2)} Hz`);
    if (p.cvIsi !== null) lines.push(`  ISI CV: ${p.cvIsi.toFixed(3)}`);
  }
  return lines.join('\n');
}
