/**
 * Chunks of a run sized by wall time, from the first chunk on: short enough that pause, stop and
 * live changes land within ~100 ms and the plots get fresh data several times a second, long
 * enough that the per-chunk costs (a batch message, a yield) stay small. The clock is injected,
 * so the sizing is tested without a real clock. Used by the worker's run loop and by runInstance.
 */
import type { Deadline } from '../backend';

/** Wall time one chunk should take, ms. */
export const TARGET_CHUNK_WALL_MS = 50;
/** Steps of the first chunk of an instance that cannot stop at a deadline, before any timing is known. */
export const FIRST_CHUNK_STEPS = 10;
/**
 * Steps asked of the first chunk of an instance that stops at its deadline: its deadline, not
 * this number, ends the chunk (the number bounds what a chunk's rate monitors allocate).
 */
export const FIRST_DEADLINE_CHUNK_STEPS = 1 << 14;
/**
 * Such an instance is asked for this many times the steps the timings so far predict for the
 * target, so a chunk is ended by its deadline even when the network became cheaper.
 */
export const DEADLINE_HEADROOM = 4;
/** Weight of the newest measurement in the moving average of wall ms per step. */
const EMA_WEIGHT = 0.5;
/** Without a deadline a chunk may grow at most this many times over the previous one (timings of tiny chunks are noisy). */
const MAX_GROWTH = 4;

/** The next chunk: at most `steps` steps, ended at `deadline` when the instance honours one. */
export interface ChunkPlan {
  readonly steps: number;
  readonly deadline?: Deadline;
}

export class ChunkSizer {
  private msPerStep: number | null = null;
  private last = FIRST_CHUNK_STEPS;

  /** `now`: the wall clock in ms (performance.now in the engine, a fake in tests). */
  constructor(private readonly now: () => number, private readonly targetMs = TARGET_CHUNK_WALL_MS) {}

  /** Record that `steps` steps took `wallMs`. */
  observe(steps: number, wallMs: number): void {
    if (steps <= 0) return;
    const m = Math.max(wallMs, 0.001) / steps;
    this.msPerStep = this.msPerStep === null ? m : EMA_WEIGHT * m + (1 - EMA_WEIGHT) * this.msPerStep;
  }

  /** Wall ms per step so far (moving average), or null before the first chunk. */
  get wallMsPerStep(): number | null {
    return this.msPerStep;
  }

  /**
   * The next chunk, at most `remaining` and `cap` steps. An instance that honours deadlines
   * gets a deadline `targetMs` from now and room to fill it; any other a step count predicted
   * from the timings so far.
   */
  plan(remaining: number, cap = Infinity, honoursDeadline = false): ChunkPlan {
    const limit = (n: number): number => Math.max(1, Math.min(Math.floor(n), remaining, cap));
    if (honoursDeadline) {
      const guess = this.msPerStep === null ? FIRST_DEADLINE_CHUNK_STEPS : Math.ceil((DEADLINE_HEADROOM * this.targetMs) / this.msPerStep);
      const steps = limit(guess);
      this.last = steps;
      return { steps, deadline: { atMs: this.now() + this.targetMs, now: this.now } };
    }
    let n = this.msPerStep === null ? FIRST_CHUNK_STEPS : this.targetMs / this.msPerStep;
    n = Math.min(n, this.last * MAX_GROWTH);
    const steps = limit(n);
    this.last = steps;
    return { steps };
  }
}
