/** summary.json: the numbers a script or a student checks after a headless run. */
import type { RunResults } from '../shared/results';
import type { Diagnosis } from '../shared/diagnosis';
import { networkStatistics } from '../engine/analysis';

/** Per population: size, spike count, mean rate (Hz), mean ISI CV (neurons with >= 3 spikes) or null. */
export interface PopulationSummary {
  readonly size: number;
  readonly spikes: number;
  readonly rate_hz: number;
  readonly cv_isi: number | null;
}

export interface RunSummary {
  readonly duration_ms: number;
  readonly seed: number;
  readonly backend: string;
  /** Wall time of build + run, s. */
  readonly wall_s: number;
  readonly populations: Record<string, PopulationSummary>;
  /** Populations that never fired or fired at their ceiling, with the likely cause (empty when none). */
  readonly diagnosis: readonly Diagnosis[];
}

export function runSummary(results: RunResults, wallS: number, diagnosis: readonly Diagnosis[] = []): RunSummary {
  const stats = networkStatistics(results);
  const populations: Record<string, PopulationSummary> = {};
  for (const p of stats.populations) populations[p.population] = { size: p.size, spikes: p.spikes, rate_hz: p.rateHz, cv_isi: p.cvIsi };
  return { duration_ms: Number(stats.durationMs.toPrecision(12)), seed: results.seed, backend: results.backend, wall_s: wallS, populations, diagnosis };
}
