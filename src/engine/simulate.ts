/**
 * One call from a document to results: build (document -> IR, every problem collected),
 * instantiate on a backend, run in chunks. The CLI, the examples and the tests use this.
 * Node-specific tfjs loading (native module, WASM files on disk) is handed in through
 * `environment` by the caller, so this file also runs in a browser worker.
 */
import { build } from './build';
import type { NetworkIR } from './ir';
import type { Backend } from './backend';
import type { RunResults } from '../shared/results';
import { problem, type Problem } from '../shared/problems';
import type { BackendChoice } from '../shared/document';
import { selectBackend, type SelectEnvironment } from './backends/select';
import { runInstance } from './runner';
import type { RunProgress } from './runner';

export interface SimulateOptions {
  /** Overrides the document's simulation duration, ms. */
  durationMs?: number;
  /** Overrides the document's seed. */
  seed?: number;
  /** Which backend runs; default: the document's simulation.backend. "auto" follows selectBackend's rule. */
  backend?: BackendChoice;
  /** What this process can load for tfjs (Node: { tfjs: createTfjsBackend(nodeTfjsOptions()), native: nativeKind() }). */
  environment?: SelectEnvironment;
  /** Fixed chunk of biological time, ms (default adaptive). Results do not depend on it. */
  chunkMs?: number;
  /** Called once the network is instantiated, before the first step, with the backend that runs it. */
  onStart?: (info: { backend: string; steps: number }) => void;
  onProgress?: (p: { step: number; steps: number; wallMs: number }) => void;
  /** Refuse networks whose estimated memory exceeds this many bytes (default 4 GiB). */
  memoryBudgetBytes?: number;
}

export type SimulateOutcome =
  | {
      ok: true; ir: NetworkIR; results: RunResults; problems: Problem[]; buildSeconds: number; runSeconds: number;
      /** Backend that actually ran, e.g. "typed", "tfjs-wasm", "tfjs-node". */
      backend: string;
    }
  | { ok: false; problems: Problem[] };

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
  const choice = options.backend ?? ir.backend;
  const backend: Backend = selectBackend(choice, ir, options.environment);
  let instance;
  try {
    instance = await backend.instantiate(ir);
  } catch (e) {
    return { ok: false, problems: [...problems, problem('unsupported', '', `The network could not be set up: ${(e as Error).message}`)] };
  }
  const t1 = performance.now();
  try {
    options.onStart?.({ backend: instance.name, steps: ir.steps });
    const progress = options.onProgress;
    const results = await runInstance(instance, ir, {
      ...(options.chunkMs !== undefined ? { chunkMs: options.chunkMs } : {}),
      ...(progress ? { onProgress: (p: RunProgress) => progress(p) } : {}),
    });
    const t2 = performance.now();
    return { ok: true, ir, results, problems, buildSeconds: seconds(t1 - t0), runSeconds: seconds(t2 - t1), backend: instance.name };
  } finally {
    instance.dispose();
  }
}
