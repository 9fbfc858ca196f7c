/** summary.json: the numbers a script or a student checks after a headless run. */
import type { RunResults } from '../shared/results';
import type { Diagnosis } from '../shared/diagnosis';
import { networkStatistics } from '../engine/analysis';
import type { RecordingOverrun } from '../engine/runner';

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
  /** Present when the run ended early: why, where, and how far it got (duration_ms is the part simulated). */
  readonly stopped?: StopSummary;
}

/** Why a run ended before its duration. */
export interface StopSummary {
  readonly reason: 'recording_budget';
  /** The population whose recording is the largest, and the recorded field. */
  readonly node: string;
  readonly field: string;
  /** Time simulated and kept, and the run's full duration, ms. */
  readonly at_ms: number;
  readonly of_ms: number;
  /** Bytes the recordings would have taken, against the bytes the budget left them. */
  readonly recorded_bytes: number;
  readonly budget_bytes: number;
  readonly message: string;
}

export function runSummary(results: RunResults, wallS: number, diagnosis: readonly Diagnosis[] = [], stopped?: RecordingOverrun): RunSummary {
  const stats = networkStatistics(results);
  const populations: Record<string, PopulationSummary> = {};
  for (const p of stats.populations) populations[p.population] = { size: p.size, spikes: p.spikes, rate_hz: p.rateHz, cv_isi: p.cvIsi };
  const ms = (steps: number): number => Number((steps * results.dt).toPrecision(12));
  return {
    duration_ms: Number(stats.durationMs.toPrecision(12)), seed: results.seed, backend: results.backend, wall_s: wallS, populations, diagnosis,
    ...(stopped
      ? { stopped: { reason: 'recording_budget', node: stopped.nodeId, field: stopped.field, at_ms: ms(stopped.step), of_ms: ms(stopped.steps), recorded_bytes: stopped.bytes, budget_bytes: stopped.budgetBytes, message: stopped.message } }
      : {}),
  };
}
