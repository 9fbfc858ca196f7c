/**
 * The seam between the runner and a compute backend. A backend turns a NetworkIR into an
 * instance that advances whole steps following the schedule in src/engine/schedule.ts and
 * hands back what the monitors saw. Backends: "typed" (reference) and "tfjs".
 */
import type { NetworkIR, ValueIR } from './ir';
import type { MonitorBatch } from '../shared/results';

export interface BackendInstance {
  /** Backend actually running, e.g. "typed", "tfjs-wasm", "tfjs-node". */
  readonly name: string;
  /** Steps done so far. */
  readonly step: number;
  /**
   * Advance `steps` steps and return the monitor data recorded in them (fresh arrays owned by the
   * caller). Deterministic: the result never depends on how a run is cut into calls.
   */
  advance(steps: number): MonitorBatch | Promise<MonitorBatch>;
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
  instantiate(ir: NetworkIR): BackendInstance | Promise<BackendInstance>;
}
