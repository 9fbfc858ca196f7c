/**
 * The seam between the runner and a compute backend. A backend turns a NetworkIR into an
 * instance that advances whole steps following the schedule in src/engine/schedule.ts and
 * hands back what the monitors saw. Backends: "typed" (reference) and "tfjs".
 */
import type { NetworkIR, ValueIR } from './ir';
import type { MonitorBatch } from '../shared/results';
import type { BuildPhase } from '../shared/protocol';

/**
 * When a chunk of steps should end: at `atMs` on the clock `now` (ms; performance.now in the
 * engine, a fake in tests). A backend that honours it stops at the first step boundary after it.
 */
export interface Deadline {
  readonly atMs: number;
  readonly now: () => number;
}

/** How far instantiation is: its phase, the fraction of that phase done (0..1), and what, e.g. "E->E". */
export interface InstantiateProgress {
  readonly phase: Extract<BuildPhase, 'connectivity' | 'instantiation'>;
  readonly fraction: number;
  readonly detail: string;
}

/** Optional hooks of instantiate; they observe, never change, what is built. */
export interface InstantiateHooks {
  readonly onProgress?: (progress: InstantiateProgress) => void;
}

export interface BackendInstance {
  /** Backend actually running, e.g. "typed", "tfjs-wasm", "tfjs-node". */
  readonly name: string;
  /** Steps done so far. */
  readonly step: number;
  /**
   * Advance `steps` steps and return the monitor data recorded in them (fresh arrays owned by the
   * caller). Deterministic: the result never depends on how a run is cut into calls. With a
   * `deadline`, an instance whose `honoursDeadline` is true may stop earlier, at the first step
   * boundary after it (batch.toStep and `step` say where); others ignore it.
   */
  advance(steps: number, deadline?: Deadline): MonitorBatch | Promise<MonitorBatch>;
  /** True when advance stops at its deadline, so a caller may ask for more steps than fit in it. */
  readonly honoursDeadline?: boolean;
  /**
   * Change a parameter from the next step on, e.g. ("drive", "amplitude") or ("E->I", "weight").
   * Throws an Error with a readable message if the node or field cannot be changed live.
   */
  setParameter(nodeId: string, field: string, value: ValueIR): void;
  /** Free native or GPU memory. */
  dispose(): void;
}

export interface Backend {
  readonly name: string;
  /** Build the state (connectivity, initial values) for `ir`; all randomness from ir.seed. */
  instantiate(ir: NetworkIR, hooks?: InstantiateHooks): BackendInstance | Promise<BackendInstance>;
}
