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
import { RecordingGuard, runInstance, type RecordingOverrun } from './runner';
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
      /** Set when the recordings reached the memory budget: the results end at `stopped.step`, and `problems` holds a recording_stopped error. */
      stopped?: RecordingOverrun;
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
    const guard = RecordingGuard.of(ir);
    const results = await runInstance(instance, ir, {
      ...(options.chunkMs !== undefined ? { chunkMs: options.chunkMs } : {}),
      ...(progress ? { onProgress: (p: RunProgress) => progress(p) } : {}),
      guard,
    });
    const t2 = performance.now();
    const stopped = guard?.overrun ?? undefined;
    const timing = { buildSeconds: seconds(t1 - t0), runSeconds: seconds(t2 - t1), backend: instance.name };
    if (!stopped) return { ok: true, ir, results, problems, ...timing };
    const at = nodeIndex(doc, stopped.nodeId);
    const stop = problem('recording_stopped', at < 0 ? '' : `nodes[${at}]`, stopped.message, { nodeId: stopped.nodeId, field: stopped.field });
    return { ok: true, ir, results, problems: [...problems, stop], ...timing, stopped };
  } finally {
    instance.dispose();
  }
}

/** Index of node `id` in the (already validated) document, -1 when absent. */
function nodeIndex(doc: unknown, id: string): number {
  const nodes = (doc as { nodes?: ReadonlyArray<{ id?: unknown }> }).nodes;
  return Array.isArray(nodes) ? nodes.findIndex((n) => n?.id === id) : -1;
}
