/**
 * What the engine concluded about a finished run: populations that never fired or fired at the
 * ceiling, with the likely cause in words a student can act on. Computed once in the engine
 * (src/engine/analysis/diagnosis.ts); the CLI prints it and the app shows it in the run log.
 */

/** One finding about one population. */
export interface Diagnosis {
  /** silent: no spike in the whole run (or fewer than one per 100 neurons); saturated: at (or within 10 % of) the fastest rate it can fire. */
  readonly code: 'silent' | 'saturated';
  /** The population's node id. */
  readonly nodeId: string;
  /** Its mean rate over the run, Hz. */
  readonly rateHz: number;
  /** The fastest rate it can fire (1/dt or 1/(refractory period)), Hz. */
  readonly ceilingHz: number;
  /** The likely cause, e.g. "R·I far below rheobase", "inhibition dominating", "dt too large". */
  readonly cause: string;
  /** A sentence or two for the student. */
  readonly message: string;
}

/** One line per finding, for terminals and logs. */
export function formatDiagnosis(d: Diagnosis): string {
  return `${d.code} ${d.nodeId}: ${d.message}`;
}
