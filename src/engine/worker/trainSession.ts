/**
 * Training in the engine worker (issue 18): the document's `training` section is set up
 * (setupTraining), TensorFlow.js started by the measured rule for training (selectTrainingBackend), and the
 * trainer driven one batch at a time (trainSteps), yielding to the message loop between batches
 * so pause, resume and stop are heard within a batch. Progress, every epoch's row and, at the
 * end, the trained document travel back as TrainingEvents; nothing is applied to the user's
 * document here — the renderer does that as one undoable change when the user says so.
 *
 * Training requests share the engine's port with runs: `withTraining` wraps the port so the run
 * host never sees them (src/engine/worker/entry.ts).
 */
import {
  isTrainingRequest, type EngineEvent, type EnginePort, type SampleRaster, type TfjsWasmLocation, type TrainingEvent, type TrainingRequest,
  type TrainingTaskSummary, type TrainStartOptions,
} from '../../shared/protocol';

type Send = (event: EngineEvent | TrainingEvent, transfer?: ArrayBuffer[]) => void;
type Training = typeof import('../training');

/** The tfjs flavour that started and one line on why it is the one. */
export interface BackendStarted {
  readonly flavour: string;
  readonly reason: string;
}

export interface TrainSessionOptions {
  /** Start TensorFlow.js with gradients and say which flavour runs and why (tests inject one). */
  readonly startBackend?: (location: TfjsWasmLocation | undefined) => Promise<BackendStarted>;
  /** Wall clock, ms (ETA and epoch seconds). */
  readonly now?: () => number;
  /** Hand control back to the message loop between batches. */
  readonly yieldNow?: () => Promise<void>;
}

/** The training flavour by the measured rule (selectTrainingBackend), plus the gradients training needs (bundled code can import them). */
async function defaultStartBackend(location: TfjsWasmLocation | undefined): Promise<BackendStarted> {
  const { selectTrainingBackend } = await import('../training/backendChoice');
  const choice = await selectTrainingBackend('auto', location !== undefined ? { wasmPath: location } : {});
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  return choice;
}

/** A macrotask, so messages queued while a batch ran (pause, stop) are delivered before the next (its clamp of a few ms is nothing beside a batch). */
const defaultYield = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

interface Active {
  readonly id: number;
  paused: boolean;
  stopped: boolean;
  /** Resolves a pause. */
  wake: (() => void) | null;
}

/** The message of a setup or import problem, with the node and field where it has them. */
function problemText(e: unknown, t: Training | null): string {
  if (t && e instanceof t.TrainingSetupError && e.nodeId) return `${e.nodeId} · ${e.field}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

function rasterOf(t: Training, setup: import('../training').TrainingSetup, sample: import('../training').SpikeSample | undefined): SampleRaster | null {
  if (!sample) return null;
  const rec = t.recordSample(setup.network, sample, setup.options.slope);
  return { label: sample.label, predicted: rec.predicted, dt: setup.network.dt, steps: setup.network.steps, populations: rec.populations };
}

const rasterBuffers = (r: SampleRaster | null): ArrayBuffer[] => (r ? r.populations.flatMap((p) => [p.steps.buffer as ArrayBuffer, p.ids.buffer as ArrayBuffer]) : []);

export class TrainSession {
  private active: Active | null = null;
  private readonly startBackend: NonNullable<TrainSessionOptions['startBackend']>;
  private readonly now: () => number;
  private readonly yieldNow: () => Promise<void>;

  constructor(options: TrainSessionOptions = {}) {
    this.startBackend = options.startBackend ?? defaultStartBackend;
    this.now = options.now ?? (() => performance.now());
    this.yieldNow = options.yieldNow ?? defaultYield;
  }

  /** Whether a training is going (or paused). */
  get busy(): boolean {
    return this.active !== null;
  }

  /** The port closed: end the training after its batch. */
  dispose(): void {
    if (!this.active) return;
    this.active.stopped = true;
    this.active.wake?.();
  }

  handle(request: TrainingRequest, send: Send): void {
    switch (request.type) {
      case 'train':
        void this.train(request.id, request.document, request.options ?? {}, send);
        return;
      case 'train-check':
        void this.check(request.id, request.document, request.options ?? {}, request.evaluate === true, send);
        return;
      default:
        this.control(request, send);
    }
  }

  private control(request: Extract<TrainingRequest, { type: 'train-pause' | 'train-resume' | 'train-stop' }>, send: Send): void {
    const a = this.active;
    if (!a) {
      // A stop may cross the training's own end; pausing nothing is a mistake worth saying.
      if (request.type === 'train-stop') send({ type: 'done', id: request.id });
      else send({ type: 'error', id: request.id, code: 'no_training', message: 'Nothing is training, so there is nothing to pause or resume. Press Train first.' });
      return;
    }
    if (request.type === 'train-stop') a.stopped = true;
    else a.paused = request.type === 'train-pause';
    if (!a.paused || a.stopped) {
      a.wake?.();
      a.wake = null;
    }
    send({ type: 'train-paused', id: a.id, paused: a.paused && !a.stopped });
    send({ type: 'done', id: request.id });
  }

  /** Load the training modules, start tfjs, and set the document's training up. */
  private async prepare(document: unknown, options: TrainStartOptions): Promise<{ t: Training; setup: import('../training').TrainingSetup; backend: BackendStarted; split: import('../training').Split }> {
    const [t, { build }] = await Promise.all([import('../training'), import('../build')]);
    const first = build(document);
    if (!first.ir) {
      const errors = first.problems.filter((p) => p.severity === 'error');
      throw new Error(`The network does not build: ${errors.map((p) => (p.nodeId ? `${p.nodeId}: ${p.message}` : p.message)).join(' ')}`);
    }
    const backend = await this.startBackend(options.tfjsWasm);
    const files = options.files ?? {};
    const read = (path: string): Uint8Array => {
      const bytes = files[path];
      if (!bytes) throw new t.TrainingSetupError('training', 'task.path', `The data file "${path}" is not loaded in this session: choose it again under Task (the app keeps only its name in the project).`);
      return bytes;
    };
    const doc = document as { training?: Record<string, unknown> } | null;
    const input = doc && doc.training && options.epochs !== undefined ? { ...doc, training: { ...doc.training, epochs: options.epochs } } : document;
    const setup = t.setupTraining(input, read);
    const split = t.splitDataset(setup.dataset, setup.training.validation, setup.training.test, setup.seed);
    return { t, setup, backend, split };
  }

  private summary(setup: import('../training').TrainingSetup, split: import('../training').Split): TrainingTaskSummary {
    const d = setup.dataset;
    return { name: d.name, samples: d.samples.length, train: split.train.length, validation: split.validation.length, test: split.test.length, classes: d.nClasses, inputs: d.nInputs, durationMs: d.duration, parameters: setup.network.parameterCount() };
  }

  private async check(id: number, document: unknown, options: TrainStartOptions, evaluate: boolean, send: Send): Promise<void> {
    let t: Training | null = null;
    try {
      const p = await this.prepare(document, options);
      t = p.t;
      try {
        const spike = t.superSpike(p.setup.options.slope);
        const test = evaluate && p.split.test.length > 0 ? t.evaluate(p.setup.network, p.split.test, p.setup.options.batchSize, spike) : null;
        send({ type: 'train-checked', id, backend: p.backend.flavour, backendReason: p.backend.reason, task: this.summary(p.setup, p.split), test });
      } finally {
        p.setup.network.dispose();
      }
      send({ type: 'done', id });
    } catch (e) {
      send({ type: 'error', id, code: 'training_setup', message: problemText(e, t ?? (await import('../training'))) });
    }
  }

  private async train(id: number, document: unknown, options: TrainStartOptions, send: Send): Promise<void> {
    if (this.active) {
      send({ type: 'error', id, code: 'busy', message: 'A training is already going; stop it before starting another.' });
      return;
    }
    const a: Active = { id, paused: false, stopped: false, wake: null };
    this.active = a;
    let t: Training | null = null;
    let setup: import('../training').TrainingSetup | null = null;
    try {
      const p = await this.prepare(document, options);
      t = p.t;
      setup = p.setup;
      const { split } = p;
      const epochs = setup.options.epochs;
      const batches = Math.ceil(split.train.length / Math.max(1, Math.floor(setup.options.batchSize)));
      const sample = split.test[0] ?? split.validation[0] ?? split.train[0];
      const before = rasterOf(t, setup, sample);
      send({ type: 'train-started', id, backend: p.backend.flavour, backendReason: p.backend.reason, task: this.summary(setup, split), epochs, batches, before }, rasterBuffers(before));
      const started = this.now();
      let done = 0;
      const total = epochs * batches;
      const steps = t.trainSteps(setup.network, split, {
        ...setup.options,
        now: this.now,
        shouldStop: () => a.stopped,
        onEpoch: (row) => send({ type: 'train-epoch', id, row }),
      });
      let outcome: import('../training').TrainOutcome;
      for (;;) {
        const next = steps.next();
        if (next.done) {
          outcome = next.value;
          break;
        }
        done++;
        const b = next.value;
        const elapsed = this.now() - started;
        send({ type: 'train-progress', id, epoch: b.epoch, epochs, batch: b.batch, batches: b.batches, loss: b.loss, etaMs: (elapsed / done) * Math.max(0, total - done) });
        await this.yieldNow();
        while (a.paused && !a.stopped) await new Promise<void>((resolve) => (a.wake = resolve));
      }
      const trainedDoc = t.applyTraining(setup, outcome.history, outcome.test?.accuracy ?? null);
      const after = rasterOf(t, setup, sample);
      send(
        { type: 'trained', id, document: trainedDoc, history: outcome.history, bestEpoch: outcome.bestEpoch, stoppedEarly: outcome.stoppedEarly, stopped: a.stopped, test: outcome.test, after },
        rasterBuffers(after),
      );
      send({ type: 'done', id });
    } catch (e) {
      send({ type: 'error', id, code: setup ? 'training_failed' : 'training_setup', message: problemText(e, t ?? (await import('../training').catch(() => null))) });
    } finally {
      setup?.network.dispose();
      this.active = null;
    }
  }
}

/**
 * The port as the run host should see it: training requests are answered by `session` and never
 * reach the host's listeners. When the host lets go of the port, the training ends too.
 */
export function withTraining(port: EnginePort, session: TrainSession = new TrainSession()): EnginePort {
  const send: Send = (event, transfer) => port.postMessage(event, transfer);
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    onMessage(listener) {
      const off = port.onMessage((message) => {
        if (isTrainingRequest(message)) session.handle(message, send);
        else listener(message);
      });
      return () => {
        off();
        session.dispose();
      };
    },
  };
}
