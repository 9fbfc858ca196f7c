/**
 * The training panel's state (session state: never saved, never in undo) and its conversation
 * with the engine worker (the training block of src/shared/protocol.ts). A finished training
 * leaves its trained document here as a proposal; only `apply` writes it into the user's document,
 * as one undoable change. Data files of a `file` task are kept here by name for the session (the
 * project stores only the name, relative to the project file).
 */
import { createStore } from 'zustand/vanilla';
import type { Document, Node, TrainingTask } from '../../shared/document';
import type { EngineEvent, SampleRaster, TrainingEpochRow, TrainingEvent, TrainingRequest, TrainingTaskSummary } from '../../shared/protocol';
import type { RequestBody } from '../engine/EngineClient';
import type { RunEngine } from '../run/runEngineTypes';
import type { Change } from '../store/changes';

export type TrainingStatus = 'idle' | 'checking' | 'training' | 'paused' | 'stopping' | 'finished' | 'failed';

export interface TrainingProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  /** Estimated wall time left, ms. */
  readonly etaMs: number | null;
}

export interface TrainingResult {
  /** The trained document the worker sent (the start document with weights and history written in). */
  readonly document: Document;
  /** The user's document when the training started (to tell whether it still fits). */
  readonly from: Document;
  readonly history: readonly TrainingEpochRow[];
  readonly bestEpoch: number;
  readonly stopped: boolean;
  readonly stoppedEarly: boolean;
  readonly test: { readonly loss: number; readonly accuracy: number } | null;
}

export interface TrainingState {
  /** The dock shows the training panel instead of the run's plots. */
  readonly open: boolean;
  readonly status: TrainingStatus;
  readonly backend: string | null;
  /** Why that backend runs (the training backend rule's sentence). */
  readonly backendReason: string | null;
  readonly task: TrainingTaskSummary | null;
  readonly progress: TrainingProgress | null;
  /** Epochs of the training going on (or last finished), numbered from 1 for this training. */
  readonly rows: readonly TrainingEpochRow[];
  readonly before: SampleRaster | null;
  readonly after: SampleRaster | null;
  readonly result: TrainingResult | null;
  /** The result has been written into the document. */
  readonly applied: boolean;
  readonly error: string | null;
  /** Test accuracy of the document's weights as the worker recomputed them (Evaluate). */
  readonly evaluation: { readonly accuracy: number; readonly loss: number; readonly of: Document } | null;
  /** Data files chosen this session, by the name the task uses. */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

export interface TrainingActions {
  setOpen(open: boolean): void;
  train(doc: Document): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Check the task (and, with `evaluate`, score the test split with the document's weights). */
  check(doc: Document, evaluate: boolean): void;
  /** The changes that write the result into `doc`, or an error saying why it no longer fits. */
  applyChanges(doc: Document): { changes: Change[] } | { error: string };
  markApplied(): void;
  discard(): void;
  addFile(name: string, bytes: Uint8Array): void;
  /** Another project was opened: forget everything of the last one. */
  reset(): void;
}

export type TrainingStore = TrainingState & TrainingActions;

/** A data file the document's task names that is not loaded in this session: which field, which name. */
export interface MissingTaskFile {
  readonly field: 'path' | 'labels';
  readonly name: string;
}

/**
 * The data files a `file` task names that this session has not loaded (a project saves only their
 * names: reopened, or on another machine, each must be chosen again before training).
 */
export function missingTaskFiles(task: TrainingTask | undefined, files: Readonly<Record<string, Uint8Array>>): MissingTaskFile[] {
  if (task?.kind !== 'file') return [];
  const named: MissingTaskFile[] = [{ field: 'path', name: task.path }];
  if (task.labels !== undefined && task.path.toLowerCase().endsWith('.npy')) named.push({ field: 'labels', name: task.labels });
  return named.filter((f) => f.name !== '' && !Object.hasOwn(files, f.name));
}

/** What the panel says of missing data files (names them, says how to get them back). */
export function missingFilesMessage(missing: readonly MissingTaskFile[]): string {
  const names = missing.map((f) => `"${f.name}"`).join(' and ');
  return `The task's data ${missing.length === 1 ? 'file' : 'files'} ${names} ${missing.length === 1 ? 'is' : 'are'} not loaded in this session (a project keeps only the file names): choose ${missing.length === 1 ? 'it' : 'them'} again under Task, then train.`;
}

const INITIAL: TrainingState = { open: false, status: 'idle', backend: null, backendReason: null, task: null, progress: null, rows: [], before: null, after: null, result: null, applied: false, error: null, evaluation: null, files: {} };

/** The parts of a document a training result depends on: all of it but positions, trained values and the history. */
export function trainingBasis(doc: Document): string {
  const nodes = doc.nodes.map((n) => {
    const { position: _p, ...rest } = n as Node & { position?: unknown };
    if (rest.kind === 'projection') {
      const { trained: _t, ...r } = rest;
      return r;
    }
    if (rest.kind === 'population' && rest.trainable?.includes('tau')) return { ...rest, params: { ...rest.params, tau: null } };
    return rest;
  });
  const { history: _h, testAccuracy: _a, ...training } = doc.training ?? ({} as NonNullable<Document['training']>);
  return JSON.stringify({ simulation: doc.simulation, nodes, wires: doc.wires, training });
}

/** The trained values of `trained` written into `doc`: per trained node a replace-node, then the training section. */
export function resultChanges(doc: Document, trained: Document): Change[] {
  const changes: Change[] = [];
  for (const t of trained.nodes) {
    const cur = doc.nodes.find((n) => n.id === t.id);
    if (!cur) continue;
    if (t.kind === 'projection' && cur.kind === 'projection' && t.trained) changes.push({ type: 'replace-node', node: { ...cur, trained: t.trained } });
    if (t.kind === 'population' && cur.kind === 'population' && cur.trainable?.includes('tau') && t.params.tau !== undefined) {
      changes.push({ type: 'replace-node', node: { ...cur, params: { ...cur.params, tau: t.params.tau } } });
    }
  }
  if (doc.training && trained.training) {
    changes.push({ type: 'set-training', training: { ...doc.training, history: trained.training.history ?? [], testAccuracy: trained.training.testAccuracy ?? null } });
  }
  return changes;
}

type Ev = EngineEvent | TrainingEvent;
type TrainingBody = TrainingRequest extends infer R ? (R extends TrainingRequest ? Omit<R, 'id'> : never) : never;

/** `makeEngine` starts the engine worker the first time the panel needs it; `parse` validates the worker's document. */
export function createTrainingStore(makeEngine: () => RunEngine, parse: (doc: unknown) => Document) {
  let engine: RunEngine | null = null;
  let current: number | null = null;
  const getEngine = (): RunEngine => {
    if (!engine) {
      const e = makeEngine();
      e.onCrash((message) => {
        engine = null;
        current = null;
        store.setState({ status: 'failed', error: `The engine stopped during training: ${message}. Press Train to start again.`, progress: null });
      });
      engine = e;
    }
    return engine;
  };
  const send = (body: TrainingBody, onEvent: (e: Ev) => void): number => {
    const e = getEngine();
    // Training requests share the engine's port (src/engine/worker/trainSession.ts); the client pairs them by id like any request.
    return e.client.send(body as unknown as RequestBody, onEvent as (e: EngineEvent) => void);
  };
  const options = (s: TrainingState) => {
    const e = getEngine();
    return { files: s.files, ...(e.tfjsWasm !== undefined ? { tfjsWasm: e.tfjsWasm } : {}) };
  };

  const store = createStore<TrainingStore>()((set, get) => ({
    ...INITIAL,
    setOpen(open) {
      set({ open });
    },
    train(doc) {
      const s = get();
      if (s.status === 'training' || s.status === 'paused' || s.status === 'stopping') return;
      const missing = missingTaskFiles(doc.training?.task, s.files);
      if (missing.length > 0) {
        set({ status: 'failed', error: missingFilesMessage(missing), progress: null });
        return;
      }
      set({ status: 'training', error: null, progress: null, rows: [], before: null, after: null, result: null, applied: false, task: null });
      const id = send({ type: 'train', document: doc, options: options(s) }, (e) => {
        if (current !== id) return;
        switch (e.type) {
          case 'train-started':
            set({ backend: e.backend, backendReason: e.backendReason, task: e.task, before: e.before, progress: { epoch: 1, epochs: e.epochs, batch: 0, batches: e.batches, loss: NaN, etaMs: null } });
            return;
          case 'train-progress':
            set({ progress: { epoch: e.epoch, epochs: e.epochs, batch: e.batch, batches: e.batches, loss: e.loss, etaMs: e.etaMs } });
            return;
          case 'train-epoch':
            set({ rows: [...get().rows, e.row] });
            return;
          case 'train-paused':
            if (get().status !== 'stopping') set({ status: e.paused ? 'paused' : 'training' });
            return;
          case 'trained':
            set({
              after: e.after,
              result: { document: parse(e.document), from: doc, history: e.history, bestEpoch: e.bestEpoch, stopped: e.stopped, stoppedEarly: e.stoppedEarly, test: e.test },
            });
            return;
          case 'done':
            current = null;
            set({ status: 'finished', progress: get().progress });
            return;
          case 'error':
            current = null;
            set({ status: 'failed', error: e.message });
            return;
          default:
        }
      });
      current = id;
    },
    pause() {
      if (get().status !== 'training') return;
      send({ type: 'train-pause' }, () => {});
    },
    resume() {
      if (get().status !== 'paused') return;
      send({ type: 'train-resume' }, () => {});
    },
    stop() {
      const st = get().status;
      if (st !== 'training' && st !== 'paused') return;
      set({ status: 'stopping' });
      send({ type: 'train-stop' }, () => {});
    },
    check(doc, evaluate) {
      const s = get();
      if (s.status === 'training' || s.status === 'paused' || s.status === 'stopping' || s.status === 'checking') return;
      const missing = missingTaskFiles(doc.training?.task, s.files);
      if (missing.length > 0) {
        set({ status: 'failed', error: missingFilesMessage(missing) });
        return;
      }
      const before = s.status;
      set({ status: 'checking', error: null, ...(evaluate ? { evaluation: null } : {}) });
      send({ type: 'train-check', document: doc, options: options(s), evaluate }, (e) => {
        if (e.type === 'train-checked') set({ backend: e.backend, backendReason: e.backendReason, task: e.task, ...(e.test ? { evaluation: { ...e.test, of: doc } } : {}) });
        else if (e.type === 'done') set({ status: before === 'failed' ? 'idle' : before });
        else if (e.type === 'error') set({ status: 'failed', error: e.message });
      });
    },
    applyChanges(doc) {
      const r = get().result;
      if (!r) return { error: 'There is no training result to apply.' };
      if (trainingBasis(doc) !== trainingBasis(r.from)) {
        return { error: 'The network or the task changed while it trained, so these weights no longer fit it. Train again.' };
      }
      return { changes: resultChanges(doc, r.document) };
    },
    markApplied() {
      // The document holds it now (and Undo/Redo move it); the panel reads the saved history from there.
      set({ applied: true, rows: [], result: null });
    },
    discard() {
      set({ result: null, applied: false, rows: [], after: null, status: 'idle' });
    },
    addFile(name, bytes) {
      set({ files: { ...get().files, [name]: bytes } });
    },
    reset() {
      if (current !== null) {
        const st = get().status;
        if (st === 'training' || st === 'paused') send({ type: 'train-stop' }, () => {});
      }
      current = null;
      set({ ...INITIAL, open: get().open });
    },
  }));
  return store;
}
