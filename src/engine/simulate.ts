/**
 * One call from a document to results: build (document -> IR, every problem collected),
 * instantiate on a backend, run in chunks. The CLI, the examples and the tests use this.
 */
import { build } from './build';
import type { NetworkIR } from './ir';
import type { Backend } from './backend';
import type { RunResults } from '../shared/results';
import { problem, type Problem } from '../shared/problems';
import { typedBackend } from './backends/typed';
import { runInstance } from './runner';
import type { RunProgress } from './runner';

export interface SimulateOptions {
  /** Overrides the document's simulation duration, ms. */
  durationMs?: number;
  /** Overrides the document's seed. */
  seed?: number;
  backend?: 'typed' | 'auto';
  /** Fixed chunk of biological time, ms (default adaptive). Results do not depend on it. */
  chunkMs?: number;
  onProgress?: (p: { step: number; steps: number; wallMs: number }) => void;
  /** Refuse networks whose estimated memory exceeds this many bytes (default 4 GiB). */
  memoryBudgetBytes?: number;
}

export type SimulateOutcome =
  | { ok: true; ir: NetworkIR; results: RunResults; problems: Problem[]; buildSeconds: number; runSeconds: number }
  | { ok: false; problems: Problem[] };

const BACKENDS: Readonly<Record<string, Backend>> = { typed: typedBackend, auto: typedBackend };

const seconds = (ms: number): number => ms / 1000;

/**
 * Build and run `doc`. buildSeconds covers document -> IR and instantiation (connectivity,
 * initial state); runSeconds covers the steps only.
 */
export async function simulate(doc: unknown, options: SimulateOptions = {}): Promise<SimulateOutcome> {
  const t0 = performance.now();
  const { ir, problems } = build(doc, {
    ...(options.memoryBudgetBytes !== undefined ? { memoryBudgetBytes: options.memoryBudgetBytes } : {}),
    ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  if (!ir) return { ok: false, problems };
  const choice = options.backend ?? (ir.backend === 'typed' ? 'typed' : 'auto');
  const backend = BACKENDS[choice];
  let instance;
  try {
    instance = await backend.instantiate(ir);
  } catch (e) {
    return { ok: false, problems: [...problems, problem('unsupported', '', `The network could not be set up: ${(e as Error).message}`)] };
  }
  const t1 = performance.now();
  try {
    const progress = options.onProgress;
    const results = await runInstance(instance, ir, {
      ...(options.chunkMs !== undefined ? { chunkMs: options.chunkMs } : {}),
      ...(progress ? { onProgress: (p: RunProgress) => progress(p) } : {}),
    });
    const t2 = performance.now();
    return { ok: true, ir, results, problems, buildSeconds: seconds(t1 - t0), runSeconds: seconds(t2 - t1) };
  } finally {
    instance.dispose();
  }
}
