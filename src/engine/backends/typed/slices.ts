/**
 * Runs a chunk of steps in slices and ends it at a deadline, so a chunk lasts the wall time it
 * was given even when the network's activity (and so its cost per step) changes within it.
 */
import type { Deadline } from '../../backend';

/** Wall time a slice aims at, ms: how finely a deadline is kept. */
export const SLICE_TARGET_MS = 2;
/** A slice this many times over its aim is halved. */
const SHRINK_FACTOR = 4;

/**
 * The slice length in steps adapts (doubling while a slice takes under SLICE_TARGET_MS, halving
 * when one takes far longer) and carries over from chunk to chunk: a cheap network reads the
 * clock rarely, an expensive one after every few steps.
 */
export class Slicer {
  private slice = 1;

  /** Steps per slice now (tests). */
  get sliceSteps(): number {
    return this.slice;
  }

  /**
   * Run [from, to) with `runRange`, stopping at the first slice boundary at or after the
   * deadline (at least one slice always runs). Returns the step reached.
   */
  run(from: number, to: number, deadline: Deadline | undefined, runRange: (from: number, to: number) => void): number {
    if (!deadline) {
      if (to > from) runRange(from, to);
      return to;
    }
    let s = from;
    while (s < to) {
      const t0 = deadline.now();
      const end = Math.min(to, s + this.slice);
      runRange(s, end);
      const t1 = deadline.now();
      const took = t1 - t0;
      if (end - s === this.slice) {
        if (took < SLICE_TARGET_MS) this.slice *= 2;
        else if (took > SHRINK_FACTOR * SLICE_TARGET_MS && this.slice > 1) this.slice >>= 1;
      }
      s = end;
      if (t1 >= deadline.atMs) break;
    }
    return s;
  }
}
