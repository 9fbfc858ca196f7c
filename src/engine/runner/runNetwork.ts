/**
 * Runs a network in chunks of biological time. Between chunks it reports progress, hands the
 * chunk's monitor batch on, yields to the event loop (a macrotask, so pause/stop/parameter
 * messages can arrive) and honours the controller. Backends are chunk-independent, so results
 * are bit-identical whatever the chunk sizes.
 */
import type { Backend, BackendInstance } from '../backend';
import type { NetworkIR } from '../ir';
import type { MonitorBatch, RunResults } from '../../shared/results';
import { ResultsAccumulator } from '../../shared/resultsAccumulator';
import type { RunController } from './controller';
import { ChunkSizer } from './chunkSizer';
import type { RecordingGuard } from './recordingGuard';

/** Progress of a run: steps done of steps, wall time since the run started (ms). */
export interface RunProgress {
  readonly step: number;
  readonly steps: number;
  readonly wallMs: number;
}

export interface RunOptions {
  /** Fixed chunk of biological time, ms. Default: sized by wall time (ChunkSizer, TARGET_CHUNK_WALL_MS per chunk). */
  readonly chunkMs?: number;
  /** Fixed chunk in steps (overrides chunkMs). */
  readonly chunkSteps?: number;
  readonly onProgress?: (p: RunProgress) => void;
  readonly onBatch?: (batch: MonitorBatch) => void;
  readonly controller?: RunController;
  /** Spike recordings over its budget end the run before the chunk that passes it (see RecordingGuard). */
  readonly guard?: RecordingGuard | null;
}

const now = (): number => globalThis.performance.now();

type Scheduler = (cb: () => void) => unknown;

/** A macrotask: setImmediate in Node (no 1 ms clamp), a MessageChannel in browsers, else setTimeout. */
export function nextMacrotask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: Scheduler }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      // The DOM MessagePort (browser workers) has onmessage; Node's typings do not declare it.
      const port = ch.port1 as unknown as { onmessage: (() => void) | null; close(): void };
      port.onmessage = () => {
        port.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Instantiate `ir` on `backend` and run it; see runInstance. */
export async function runNetwork(ir: NetworkIR, backend: Backend, options: RunOptions = {}): Promise<RunResults> {
  const instance = await backend.instantiate(ir);
  try {
    return await runInstance(instance, ir, options);
  } finally {
    instance.dispose();
  }
}

/**
 * Advance `instance` from its current step to ir.steps. Resolves with everything recorded; when
 * stopped early, results.steps is the number of steps actually simulated (by the recording
 * guard: the steps whose recordings were kept).
 */
export async function runInstance(instance: BackendInstance, ir: NetworkIR, options: RunOptions = {}): Promise<RunResults> {
  const acc = new ResultsAccumulator();
  const total = ir.steps;
  const start = now();
  const fixed = options.chunkSteps ?? (options.chunkMs !== undefined ? Math.round(options.chunkMs / ir.dt) : undefined);
  if (fixed !== undefined && !(fixed >= 1)) throw new Error(`A run chunk must be at least one step (got ${fixed}).`);
  const sizer = new ChunkSizer(now);
  const controller = options.controller;
  while (instance.step < total) {
    if (controller && (await controller.whenNotPaused()) === 'stopped') break;
    const before = instance.step;
    const plan = fixed !== undefined ? { steps: Math.min(fixed, total - before) } : sizer.plan(total - before, Infinity, instance.honoursDeadline === true);
    const t0 = now();
    const batch = await instance.advance(plan.steps, plan.deadline);
    sizer.observe(instance.step - before, now() - t0);
    if (options.guard && !options.guard.admit(batch)) break;
    acc.add(batch);
    options.onBatch?.(batch);
    options.onProgress?.({ step: instance.step, steps: total, wallMs: now() - start });
    if (instance.step < total) await nextMacrotask();
  }
  return acc.results({ dt: ir.dt, seed: ir.seed, backend: instance.name });
}
