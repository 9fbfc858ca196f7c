/**
 * Whether a live redraw is worth drawing: a run about to end draws once, at its end, instead of
 * drawing a frame that is replaced a moment later while the drawing takes a core from the engine
 * (issue 13: the page's drawing competes with the worker on two cores; bench/ui). Pure, with the
 * clock passed in.
 */

/** A run that will end within this many ms skips a live redraw: its final draw comes first anyway. */
export const ENDS_SOON_MS = 200;

/** Where a running run was when the engine last reported progress. */
export interface ProgressAt {
  readonly step: number;
  readonly steps: number;
  /** Wall ms the run had been running (pauses left out) when that progress arrived. */
  readonly runningMs: number;
}

/**
 * Wall ms until the run ends at the speed it has run so far, `nowRunningMs` being its running time
 * now; null before any step (unknown).
 */
export function remainingMs(p: ProgressAt, nowRunningMs: number): number | null {
  if (p.step <= 0 || p.runningMs <= 0) return null;
  const total = (p.steps * p.runningMs) / p.step;
  return Math.max(0, total - nowRunningMs);
}

/**
 * Skip this live redraw when the run will end before the next one would come (or within
 * ENDS_SOON_MS): the final results are drawn then. Never twice in a row, so a run that slows down
 * after a wrong estimate still redraws at least every second interval.
 */
export function skipLiveRedraw(p: ProgressAt | null, nowRunningMs: number, intervalMs: number, skippedLast: boolean): boolean {
  if (skippedLast || !p) return false;
  const left = remainingMs(p, nowRunningMs);
  return left !== null && left < Math.max(intervalMs, ENDS_SOON_MS);
}
