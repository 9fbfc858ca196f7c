/**
 * The earlier runs of the open project, kept to compare their rates with the current run's.
 * Pure functions over plain records; the run store holds the state and clears it whenever a
 * project is opened, created or restored, so runs of different projects are never mixed.
 */
import type { RunResults } from '../../shared/results';

export interface PastRun {
  /** Shown in the legend, e.g. "#2 seed 7". */
  readonly label: string;
  readonly results: RunResults;
}

export interface RunHistory {
  readonly runs: readonly PastRun[];
  /** Runs finished in this project so far (numbers the labels; kept when old runs drop out). */
  readonly count: number;
}

/** Runs kept for overlaying their rates. */
export const HISTORY_LENGTH = 4;

export const EMPTY_RUN_HISTORY: RunHistory = { runs: [], count: 0 };

/** The history with a finished run added (the oldest dropped beyond `max`). */
export function addRun(h: RunHistory, results: RunResults, max = HISTORY_LENGTH): RunHistory {
  const count = h.count + 1;
  return { runs: [...h.runs, { label: `#${count} seed ${results.seed}`, results }].slice(-max), count };
}

/** An earlier run to draw under the current one: only its populations that the current run also has. */
export interface ComparedRun {
  readonly label: string;
  readonly results: RunResults;
  /** Population ids drawn, in the current run's order. */
  readonly populations: readonly string[];
}

/**
 * The earlier runs to overlay on `current`: none unless comparison is on; never the current run
 * itself; each matched to the current run by population id, so a population that no longer
 * exists is not drawn, and a run sharing no population with the current one is left out.
 */
export function runsToCompare(runs: readonly PastRun[], current: RunResults | null, enabled: boolean): ComparedRun[] {
  if (!enabled || !current) return [];
  const ids = new Set(current.spikes.map((t) => t.population));
  const order = [...ids];
  const out: ComparedRun[] = [];
  for (const r of runs) {
    if (r.results === current) continue;
    const theirs = new Set(r.results.spikes.map((t) => t.population));
    const populations = order.filter((id) => theirs.has(id));
    if (populations.length > 0) out.push({ label: r.label, results: r.results, populations });
  }
  return out;
}
