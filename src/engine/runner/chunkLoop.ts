/**
 * The one chunked run loop, used by runInstance (CLI, tests, bench) and by the worker's run
 * session. Per chunk: the gate (where a pause is waited out, a stop ends the run and live
 * parameter changes are applied), a chunk sized by wall time on the injected clock (ChunkSizer),
 * the advance, the recording guard, the chunk handed on, then the pause between chunks (a yield,
 * or the worker's pacing). Callers add only what they do with a chunk and how they pace.
 * Backends are chunk-independent, so results are bit-identical whatever the chunk sizes.
 */
import type { BackendInstance } from '../backend';
import type { MonitorBatch } from '../../shared/results';
import { ChunkSizer, type ChunkPlan } from './chunkSizer';
import type { RecordingGuard, RecordingOverrun } from './recordingGuard';

/** What the gate lets the next chunk do. */
export interface ChunkGate {
  /** At most this many steps (e.g. a slowed-down run's steps per target chunk). */
  readonly cap?: number;
  /** Exactly this many steps, without a deadline (a Step of N while paused). */
  readonly steps?: number;
}

/** How a run loop ended. */
export type ChunkLoopEnd = 'done' | 'stopped' | 'overrun';

export interface ChunkLoopOptions {
  /** Wall clock, ms (performance.now in the engine, a fake in tests). */
  readonly now: () => number;
  /** Fixed chunk size in steps; default: sized by wall time (ChunkSizer). */
  readonly chunkSteps?: number;
  /**
   * Wall time of the first chunk, ms, for an instance that stops at deadlines (default: the
   * sizer's target). A shorter first chunk brings the first spikes to the plots sooner.
   */
  readonly firstChunkWallMs?: number;
  /**
   * At most this many steps in any chunk but a gate's exact Step N (build/memory.ts chunkStepCap:
   * what a chunk's state monitors record, and so allocate, stays bounded however long the run).
   */
  readonly stepCap?: number;
  /** Spike recordings over its budget end the run before the chunk that passes it. */
  readonly guard?: RecordingGuard | null;
  /**
   * Called before every chunk: waits out a pause and applies live changes. Null ends the run
   * (stopped); otherwise it says what the chunk may do.
   */
  readonly gate?: () => ChunkGate | null | Promise<ChunkGate | null>;
  /** Every kept chunk's batch, in order. */
  readonly onChunk: (batch: MonitorBatch) => void;
  /** The recording guard refused a chunk: the run ends at the step before it. */
  readonly onOverrun?: (overrun: RecordingOverrun) => void;
  /** After every kept chunk, including the last: let messages in, or pace a slowed-down run. */
  readonly between: () => Promise<void>;
}

/** The plan for one chunk: the gate's exact steps, else the sizer's plan (the first one's deadline shortened). */
function planChunk(sizer: ChunkSizer, instance: BackendInstance, remaining: number, gate: ChunkGate, options: ChunkLoopOptions): ChunkPlan {
  const first = sizer.wallMsPerStep === null;
  // The sizer plans even when the gate overrides, so its growth limit follows the same sequence.
  let plan = sizer.plan(remaining, Math.min(gate.cap ?? Infinity, options.stepCap ?? Infinity), instance.honoursDeadline === true);
  if (first && plan.deadline && options.firstChunkWallMs !== undefined) {
    plan = { steps: plan.steps, deadline: { atMs: options.now() + options.firstChunkWallMs, now: plan.deadline.now } };
  }
  if (gate.steps !== undefined) plan = { steps: Math.min(gate.steps, remaining) };
  return plan;
}

/** Advance `instance` from its current step to `total` steps in chunks; resolves with how it ended. */
export async function runChunks(instance: BackendInstance, total: number, options: ChunkLoopOptions): Promise<ChunkLoopEnd> {
  const fixed = options.chunkSteps;
  if (fixed !== undefined && !(fixed >= 1)) throw new Error(`A run chunk must be at least one step (got ${fixed}).`);
  const sizer = new ChunkSizer(options.now);
  const open: ChunkGate = {};
  while (instance.step < total) {
    const gate = options.gate ? await options.gate() : open;
    if (gate === null) return 'stopped';
    const before = instance.step;
    const remaining = total - before;
    const plan = fixed !== undefined ? { steps: Math.min(fixed, remaining, options.stepCap ?? Infinity) } : planChunk(sizer, instance, remaining, gate, options);
    const t0 = options.now();
    const batch = await instance.advance(plan.steps, plan.deadline);
    sizer.observe(instance.step - before, options.now() - t0);
    if (options.guard && !options.guard.admit(batch)) {
      options.onOverrun?.(options.guard.overrun!);
      return 'overrun';
    }
    options.onChunk(batch);
    await options.between();
  }
  return 'done';
}
