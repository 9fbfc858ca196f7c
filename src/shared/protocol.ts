/**
 * The engine host's message protocol: the only way the renderer talks to the engine. The same
 * messages travel over a browser Web Worker, an Electron utilityProcess MessagePort and Node
 * worker_threads. Bulk data (spike steps, ids, traces) travels as transferable typed arrays.
 */
import type { Diagnosis } from './diagnosis';
import type { TrainingEpoch } from './document';
import type { Problem } from './problems';
import type { DerivedFacts } from './derivedFacts';
import type { MonitorBatch, RunResults } from './results';

/** Requests the renderer sends; `id` pairs a request with the events it causes. */
export type EngineRequest =
  /** Build the document and report its problems, without running. */
  | { readonly type: 'validate'; readonly id: number; readonly document: unknown }
  /** Build and keep the compiled network ready for `run` (problems are reported too). */
  | { readonly type: 'compile'; readonly id: number; readonly document: unknown }
  /** Build (if needed) and run; monitor batches stream as `batch` events. */
  | { readonly type: 'run'; readonly id: number; readonly document: unknown; readonly options?: RunOptions }
  | { readonly type: 'pause'; readonly id: number }
  | { readonly type: 'resume'; readonly id: number }
  | { readonly type: 'stop'; readonly id: number }
  /** Advance a paused run by `steps` time steps (default one chunk). */
  | { readonly type: 'step'; readonly id: number; readonly steps?: number }
  /** Change a parameter of the running network at the next chunk, e.g. nodeId "drive", field "params.amplitude", value "1.8 nA". */
  | { readonly type: 'set-parameter'; readonly id: number; readonly nodeId: string; readonly field: string; readonly value: string | number }
  /** Change the pace of the running simulation: simulated ms per real second; absent means as fast as possible. */
  | { readonly type: 'set-speed'; readonly id: number; readonly speed?: number }
  /**
   * Load and compile what a first run needs (build, the typed backend's WebAssembly) while nothing runs; answered by `done`.
   * With a document (a project just opened): also build, instantiate and step that document briefly, if it is small.
   */
  | { readonly type: 'warm-up'; readonly id: number; readonly document?: unknown }
  /** Write the document as a script for another simulator; answered by `exported`, then `done`. */
  | { readonly type: 'export'; readonly id: number; readonly document: unknown; readonly target: ExportTargetName };

/** Simulators a project can be exported to (src/engine/export). */
export const EXPORT_TARGET_NAMES = ['brian2', 'brainpy', 'pynest'] as const;
export type ExportTargetName = (typeof EXPORT_TARGET_NAMES)[number];

export interface RunOptions {
  /** Override the document's duration, ms. */
  readonly durationMs?: number;
  /** Override the document's seed. */
  readonly seed?: number;
  /** Simulated ms per real second; absent means as fast as possible. */
  readonly speed?: number;
  /**
   * Where the tfjs backend finds tfjs-backend-wasm's binaries: a folder or URL prefix ending in
   * "/", or each binary's absolute URL keyed by its file name (bundlers rename the files). Absent:
   * the engine's own default (the utilityProcess is told at start; a browser worker has none).
   */
  readonly tfjsWasm?: TfjsWasmLocation;
}

/** A folder/URL prefix, or a URL per binary: "tfjs-backend-wasm.wasm", "-simd.wasm", "-threaded-simd.wasm". */
export type TfjsWasmLocation = string | Readonly<Record<string, string>>;

/** Events the engine sends back; `id` is the request they answer. */
export type EngineEvent =
  /** The build's problems and, when the document parsed, its derived facts (threshold lines, rheobase, V∞, constant drive). */
  | { readonly type: 'problems'; readonly id: number; readonly problems: readonly Problem[]; readonly facts?: DerivedFacts }
  /** Progress of a run: steps done of steps, simulated time (ms). How fast it runs is the renderer's measure (wall time of the run). */
  | { readonly type: 'progress'; readonly id: number; readonly step: number; readonly steps: number; readonly simulatedMs: number }
  | { readonly type: 'batch'; readonly id: number; readonly batch: MonitorBatch }
  | { readonly type: 'warning'; readonly id: number; readonly message: string }
  /** A request finished; after a run, `diagnosis` lists the populations that never fired or fired at their ceiling. */
  | { readonly type: 'done'; readonly id: number; readonly results?: RunResults; readonly stopped?: boolean; readonly diagnosis?: readonly Diagnosis[] }
  | { readonly type: 'error'; readonly id: number; readonly code: string; readonly message: string }
  /**
   * A run is being built (before `started`): the phase, how far the whole build is (0..1, by the
   * work each phase has, e.g. synapses to draw) and what is being done, e.g. "E->E: 10,000,000 synapses".
   * Sent at most every BUILD_PROGRESS_MS and at each change of phase.
   */
  | { readonly type: 'building'; readonly id: number; readonly phase: BuildPhase; readonly fraction: number; readonly detail: string }
  /** A run has built and instantiated: time step (ms), steps it will take, seed, backend that runs it, the build's derived facts. */
  | { readonly type: 'started'; readonly id: number; readonly dt: number; readonly steps: number; readonly seed: number; readonly backend: string; readonly facts?: DerivedFacts }
  /**
   * The script of an `export` request, or null when the target cannot express the project; then
   * `problems` holds the errors naming each node and feature. Warnings travel with a script.
   */
  | { readonly type: 'exported'; readonly id: number; readonly target: ExportTargetName; readonly script: string | null; readonly problems: readonly Problem[] }
  /** A live parameter change took effect from time step `step` on (answers the set-parameter request `id`). */
  | { readonly type: 'parameter'; readonly id: number; readonly nodeId: string; readonly field: string; readonly value: string | number; readonly step: number }
  | TrainingEvent;

// ---------------------------------------------------------------------------------------------
// Training (issue 18): surrogate-gradient training of the document's `training` section, in the
// same worker as runs (src/engine/worker/trainSession.ts). One training per port at a time; its
// pause, resume and stop name no id, like a run's.

/** How a training request may differ from the document's own settings. */
export interface TrainStartOptions {
  /** Override training.epochs. */
  readonly epochs?: number;
  /** Bytes of the data files a `file` task names (the browser has no file system), keyed by the task's path. */
  readonly files?: Readonly<Record<string, Uint8Array>>;
  /** Where tfjs finds its WASM files (see RunOptions.tfjsWasm). */
  readonly tfjsWasm?: TfjsWasmLocation;
}

export type TrainingRequest =
  /** Train; answered by train-started, train-progress per batch, train-epoch per epoch, trained, done. */
  | { readonly type: 'train'; readonly id: number; readonly document: unknown; readonly options?: TrainStartOptions }
  /** Build the task and the trainable network without training; with `evaluate`, score the test split with the weights as they are. Answered by train-checked, done. */
  | { readonly type: 'train-check'; readonly id: number; readonly document: unknown; readonly options?: TrainStartOptions; readonly evaluate?: boolean }
  | { readonly type: 'train-pause'; readonly id: number }
  | { readonly type: 'train-resume'; readonly id: number }
  /** End the training after the current batch; `trained` still comes, with the best epoch's weights. */
  | { readonly type: 'train-stop'; readonly id: number };

const TRAINING_REQUEST_TYPES: ReadonlySet<string> = new Set<TrainingRequest['type']>(['train', 'train-check', 'train-pause', 'train-resume', 'train-stop']);

/**
 * Training requests travel on the engine's port beside EngineRequest but are not among them: the
 * worker hands them to its training session before the run host sees the message.
 */
export function isTrainingRequest(message: unknown): message is TrainingRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; id?: unknown };
  return typeof m.type === 'string' && TRAINING_REQUEST_TYPES.has(m.type) && typeof m.id === 'number';
}

/** What a task gave: samples and how they split. */
export interface TrainingTaskSummary {
  readonly name: string;
  readonly samples: number;
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  readonly classes: number;
  readonly inputs: number;
  /** Length of a sample, ms. */
  readonly durationMs: number;
  /** Numbers the training changes (weights of connected pairs, taus). */
  readonly parameters: number;
}

/** One epoch of the history, as saved in the project. Losses in nats, accuracies fractions, seconds of wall time. */
export type TrainingEpochRow = TrainingEpoch;

/** The spikes of every population of the trained network for one test sample. */
export interface SampleRaster {
  readonly label: number;
  /** The class the readout picks. */
  readonly predicted: number;
  /** Time step, ms, and steps of the sample. */
  readonly dt: number;
  readonly steps: number;
  /** Per population: spike steps and neuron ids (transferable). */
  readonly populations: ReadonlyArray<{ readonly id: string; readonly size: number; readonly steps: Int32Array; readonly ids: Int32Array }>;
}

export type TrainingEvent =
  /** Training begins: the tfjs flavour that runs it (e.g. "tfjs-wasm") and why, the task, epochs and batches per epoch. */
  | { readonly type: 'train-started'; readonly id: number; readonly backend: string; readonly backendReason: string; readonly task: TrainingTaskSummary; readonly epochs: number; readonly batches: number; readonly before: SampleRaster | null }
  /** After every batch: position, the batch's loss, and the estimated wall time left (ms, null before the first batch). */
  | { readonly type: 'train-progress'; readonly id: number; readonly epoch: number; readonly epochs: number; readonly batch: number; readonly batches: number; readonly loss: number; readonly etaMs: number | null }
  | { readonly type: 'train-epoch'; readonly id: number; readonly row: TrainingEpochRow }
  /** The training is paused (true) or goes on (false). */
  | { readonly type: 'train-paused'; readonly id: number; readonly paused: boolean }
  /**
   * The training ended (all epochs, early stopping or a stop): `document` is the request's document
   * with the best epoch's weights and the extended history written in (not yet applied anywhere).
   */
  | {
      readonly type: 'trained'; readonly id: number; readonly document: unknown; readonly history: readonly TrainingEpochRow[]; readonly bestEpoch: number;
      readonly stoppedEarly: boolean; readonly stopped: boolean; readonly test: { readonly loss: number; readonly accuracy: number } | null; readonly after: SampleRaster | null;
    }
  /** Answer to train-check. */
  | { readonly type: 'train-checked'; readonly id: number; readonly backend: string; readonly backendReason: string; readonly task: TrainingTaskSummary; readonly test: { readonly loss: number; readonly accuracy: number } | null };

/** Phases of building a run: document -> network description, backend start (tfjs), connectivity, state arrays. */
export const BUILD_PHASES = ['network', 'backend', 'connectivity', 'instantiation'] as const;
export type BuildPhase = (typeof BUILD_PHASES)[number];

/** Building progress is reported at most this often (wall ms), plus at each change of phase. */
export const BUILD_PROGRESS_MS = 50;

export type EngineRequestType = EngineRequest['type'];
export type EngineEventType = EngineEvent['type'];

/** A two-way message channel, whatever carries it (Worker, MessagePort, parentPort). */
export interface EnginePort {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Subscribe to incoming messages; returns an unsubscribe. */
  onMessage(listener: (message: unknown) => void): () => void;
}

const REQUEST_TYPES: ReadonlySet<string> = new Set<EngineRequestType>(['validate', 'compile', 'run', 'pause', 'resume', 'stop', 'step', 'set-parameter', 'set-speed', 'warm-up', 'export']);

/** Check that an incoming message is a request (a port may carry anything). */
export function isEngineRequest(message: unknown): message is EngineRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; id?: unknown };
  return typeof m.type === 'string' && REQUEST_TYPES.has(m.type) && typeof m.id === 'number';
}

