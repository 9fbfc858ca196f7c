/**
 * Runs a network to its end in the runner's one chunk loop (chunkLoop.ts), joining the chunks'
 * monitor batches into results. Between chunks it reports progress, hands the batch on, yields
 * (so pause/stop can arrive) and honours the controller.
 */
import type { Backend, BackendInstance } from '../backend';
import type { NetworkIR } from '../ir';
import type { MonitorBatch, RunResults } from '../../shared/results';
import { ResultsAccumulator } from '../../shared/resultsAccumulator';
import type { RunController } from './controller';
import { runChunks } from './chunkLoop';
import { Yielder } from './yielder';
import { chunkStepCap } from '../build/memory';
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
  /** Wall clock, ms (default performance.now; tests inject one). */
  readonly now?: () => number;
}

const performanceNow = (): number => globalThis.performance.now();

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
  const now = options.now ?? performanceNow;
  const total = ir.steps;
  const acc = new ResultsAccumulator(stateSamples(ir, total));
  const start = now();
  const fixed = options.chunkSteps ?? (options.chunkMs !== undefined ? Math.round(options.chunkMs / ir.dt) : undefined);
  const controller = options.controller;
  const yielder = new Yielder();
  try {
    await runChunks(instance, total, {
      now,
      stepCap: chunkStepCap(ir.monitors),
      ...(fixed !== undefined ? { chunkSteps: fixed } : {}),
      ...(options.guard ? { guard: options.guard } : {}),
      ...(controller ? { gate: async () => ((await controller.whenNotPaused()) === 'stopped' ? null : {}) } : {}),
      onChunk: (batch) => {
        acc.add(batch);
        options.onBatch?.(batch);
        options.onProgress?.({ step: instance.step, steps: total, wallMs: now() - start });
      },
      between: () => (instance.step < total ? yielder.yield() : Promise.resolve()),
    });
  } finally {
    yielder.close();
  }
  return acc.finish({ dt: ir.dt, seed: ir.seed, backend: instance.name });
}

/** Samples each state monitor of `ir` takes over `steps` steps (one at every step divisible by its `every`, step 0 first). */
export function stateSamples(ir: NetworkIR, steps: number): Map<string, number> {
  return new Map(ir.monitors.filter((m) => m.record === 'state').map((m) => [m.id, Math.ceil(steps / m.every)]));
}
