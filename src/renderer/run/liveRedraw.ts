/**
 * Whether a live redraw is worth drawing: a run about to end draws once, at its end, instead of
 * drawing a frame that is replaced a moment later while the drawing takes a core from the engine
 * (issue 13: the page's drawing competes with the worker on two cores; bench/ui). Pure, with the
 * clock passed in.
 */

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
 * Skip this live redraw only when the run will end soon enough that its final draw still comes
 * within `maxGapMs` of the last draw (`sinceDrawMs` ago; for a run's first draw, the end of its
 * build), counting the time that final draw itself takes (`finalDrawMs`, estimated from the last
 * live draw: the plots are painted only when it is done): the page then draws once instead of
 * twice, and the plots still change at least every maxGapMs. Never twice in a row, so a run that
 * slows down after a wrong estimate is drawn at the next check. (Skipping whenever the end came
 * before the next interval left gaps of up to two intervals plus a draw; leaving the final draw's
 * own time out left gaps of 250–325 ms on brette-coba, whose draws take ~90 ms; bench:ui.)
 */
export function skipLiveRedraw(p: ProgressAt | null, nowRunningMs: number, sinceDrawMs: number, maxGapMs: number, skippedLast: boolean, finalDrawMs = 0): boolean {
  if (skippedLast || !p) return false;
  const left = remainingMs(p, nowRunningMs);
  return left !== null && sinceDrawMs + left + Math.max(0, finalDrawMs) <= maxGapMs;
}
