/**
 * A run in the engine worker: build the document and instantiate a backend (reporting `building`
 * progress: network, backend, connectivity, instantiation), advance it in chunks of about 50 ms
 * wall time (each ended by its deadline where the backend allows; the first one shorter), stream
 * each chunk's monitor data as a `batch` (typed arrays transferred, never copied into JSON) and
 * `progress`, and obey pause, resume, step, stop, set-parameter and set-speed between chunks. A stop during the build
 * ends the run once the build returns. Anything the engine throws becomes an `error` event; the
 * worker itself stays alive for the next run.
 */
import { BUILD_PROGRESS_MS, type BuildPhase, type EngineEvent, type EngineRequest, type RunOptions } from '../../shared/protocol';
import type { MonitorBatch } from '../../shared/results';
import type { BackendInstance, InstantiateProgress } from '../backend';
import type { BackendChoice } from '../../shared/document';
import type { NetworkIR } from '../ir';
import { build, type BuildResult } from '../build';
import { diagnoseRun, SpikeTally } from '../analysis/diagnosis';
import { pickBackend, type BackendPick } from './backendChoice';
import { patchDocument, resolveChange } from './liveParameter';
import { TARGET_CHUNK_WALL_MS } from '../runner/chunkSizer';
import { runChunks, type ChunkGate } from '../runner/chunkLoop';
import { RecordingGuard } from '../runner/recordingGuard';
import { chunkStepCap } from '../build/memory';
import { Yielder } from '../runner/yielder';
import { Sleeper } from './pacing';
import { WARM_CHUNK_STEPS, WARM_NETWORKS } from './warmUp';

type Send = (event: EngineEvent, transfer?: ArrayBuffer[]) => void;

/**
 * Wall time of a run's first chunk, ms, when the instance stops at deadlines: shorter than the
 * later chunks (TARGET_CHUNK_WALL_MS), so the first spikes reach the plots sooner. Results do
 * not depend on chunk sizes.
 */
export const FIRST_CHUNK_WALL_MS = 20;

/**
 * A project's document is warmed up (built, instantiated, stepped for DOCUMENT_WARM_MS) when it is
 * opened, if its estimated memory is at most this: its first Run then finds the document's checks
 * compiled and its generated kernels cached (per spec and configuration, wasmgen/specKernel.ts),
 * while a network too big to instantiate twice in passing (brunel's 170 MB) is left alone.
 */
export const DOCUMENT_WARM_MAX_BYTES = 16 * 2 ** 20;
/** Simulated ms a document warm-up runs: a few short chunks. */
export const DOCUMENT_WARM_MS = 5;

type Request<T extends EngineRequest['type']> = Extract<EngineRequest, { type: T }>;

export interface RunSessionOptions {
  /** Pick the backend for the document's choice (default: pickBackend, typed | tfjs | auto). */
  readonly backendFor?: (choice: BackendChoice, ir: NetworkIR, options: RunOptions) => BackendPick | Promise<BackendPick>;
  /** Wall clock in ms (tests may inject one). */
  readonly now?: () => number;
}

interface PendingChange {
  readonly requestId: number;
  readonly nodeId: string;
  readonly field: string;
  readonly text: string | number;
  readonly value: import('../ir').ValueIR;
}

interface ActiveRun {
  readonly id: number;
  readonly instance: BackendInstance;
  readonly steps: number;
  readonly dt: number;
  readonly buildOptions: { durationMs?: number; seed?: number };
  /** The document as the instance runs it: the run's document with every change the instance accepted. */
  document: unknown;
  /** `document` with the changes still waiting for the next chunk: a new change is checked against this. */
  proposed: unknown;
  paused: boolean;
  stopped: boolean;
  /** Steps still allowed while paused (set by `step`). */
  stepBudget: number;
  /** Simulated ms per real second, or null for as fast as possible. */
  speed: number | null;
  changes: PendingChange[];
  /** Spikes per population so far, for the diagnosis sent with `done`. */
  readonly tally: SpikeTally;
  /** Ends the run when its spike recordings would pass the memory budget. */
  readonly guard: RecordingGuard | null;
  /** Most steps in a chunk, so its state samples stay bounded (chunkStepCap). */
  readonly stepCap: number;
  /** A warm-up run (WARM_NETWORKS): small chunks, no controls reach it, stopped by a real Run. */
  readonly warm: boolean;
}

/** Events of a warm-up run go nowhere. */
const discard: Send = () => undefined;

const defaultBackendFor = (choice: BackendChoice, ir: NetworkIR, options: RunOptions): Promise<BackendPick> => pickBackend(choice, ir, options.tfjsWasm);

/** The `problems` event of a build: its problems and derived facts. */
export function problemsEvent(id: number, built: BuildResult): EngineEvent {
  return { type: 'problems', id, problems: built.problems, ...(built.facts ? { facts: built.facts } : {}) };
}

/** Every distinct buffer under a batch's typed arrays, for the transfer list. */
export function batchBuffers(batch: MonitorBatch): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView): void => {
    if (a.buffer instanceof ArrayBuffer) set.add(a.buffer);
  };
  for (const s of batch.spikes) [s.steps, s.ids].forEach(add);
  for (const t of batch.traces) [t.neurons, t.steps, t.values].forEach(add);
  for (const c of batch.counts) add(c.counts);
  return [...set];
}

/**
 * Sends `building` events for one run: at every change of phase, and within a phase at most every
 * BUILD_PROGRESS_MS, so a build reporting every few rows costs almost nothing.
 */
export function buildReporter(send: Send, id: number, now: () => number): (phase: BuildPhase, fraction: number, detail: string) => void {
  let lastPhase: BuildPhase | null = null;
  let lastAt = -Infinity;
  return (phase, fraction, detail) => {
    const t = now();
    if (phase === lastPhase && t - lastAt < BUILD_PROGRESS_MS) return;
    lastPhase = phase;
    lastAt = t;
    send({ type: 'building', id, phase, fraction: Math.min(1, Math.max(0, fraction)), detail });
  };
}

/** Serves run requests for one port (structurally the host's RunHandlers; no import, to keep the graph acyclic). */
export class RunSession {
  private run: ActiveRun | null = null;
  /** True while a run builds and instantiates (tfjs may take a while to start): a second Run is busy then too. */
  private starting = false;
  /** A stop that arrived while the run was starting: the run stops as soon as it exists. */
  private stopWhileStarting = false;
  private readonly sleeper = new Sleeper();
  /** The warm-up's current run, if one is going (never `run`: controls and Run do not see it). */
  private warmRun: ActiveRun | null = null;
  /** Set by a real Run or dispose: the warm-up starts nothing more. */
  private warmCancelled = false;
  /** Warm-ups run one after the other (a project opened while the start-up warm-up runs waits for it). */
  private warmQueue: Promise<void> = Promise.resolve();
  /** Warm-up requests so far: a document warm-up is skipped when a newer one is queued behind it. */
  private warmRequests = 0;
  /** The tiny networks (WARM_NETWORKS) ran to their end once: later warm-ups do only their document. */
  private warmedUp = false;
  private readonly backendFor: NonNullable<RunSessionOptions['backendFor']>;
  private readonly now: () => number;

  constructor(options: RunSessionOptions = {}) {
    this.backendFor = options.backendFor ?? defaultBackendFor;
    this.now = options.now ?? (() => performance.now());
  }

  /** The document the running instance follows (its start plus every change it accepted), or null with no run. */
  get runningDocument(): unknown {
    return this.run ? this.run.document : null;
  }

  /** Stop the current run, if any (its port closed). */
  dispose(): void {
    if (this.run) this.run.stopped = true;
    this.cancelWarmUp();
    this.sleeper.wake();
  }

  handle(request: EngineRequest, send: Send): void {
    switch (request.type) {
      case 'validate':
      case 'compile': {
        send(problemsEvent(request.id, build(request.document)));
        send({ type: 'done', id: request.id });
        return;
      }
      case 'run':
        this.cancelWarmUp();
        void this.start(request, send);
        return;
      case 'set-parameter':
        this.setParameter(request, send);
        return;
      case 'warm-up': {
        const serial = ++this.warmRequests;
        this.warmQueue = this.warmQueue.then(() => this.warmUp(request.id, send, request.document, serial));
        return;
      }
      case 'export':
        // The host answers exports itself; a session handed one directly has nothing to run.
        send({ type: 'error', id: request.id, code: 'unsupported', message: 'Exports are answered by the engine host, not by a run session.' });
        return;
      default:
        this.control(request, send);
    }
  }

  private control(request: Request<'pause' | 'resume' | 'stop' | 'step' | 'set-speed'>, send: Send): void {
    const run = this.run;
    if (!run) {
      // Stopping nothing is harmless (a stop may cross the run's own `done`). A stop pressed
      // while the run still builds must not be lost, or that run would go on to its end.
      if (request.type === 'stop') {
        if (this.starting) this.stopWhileStarting = true;
        send({ type: 'done', id: request.id });
      }
      else send({ type: 'error', id: request.id, code: 'no_run', message: `Nothing is running, so "${request.type}" has no effect. Press Run first.` });
      return;
    }
    if (request.type === 'pause') run.paused = true;
    else if (request.type === 'resume') run.paused = false;
    else if (request.type === 'stop') run.stopped = true;
    else if (request.type === 'step') {
      run.paused = true;
      run.stepBudget += request.steps !== undefined && request.steps > 0 ? Math.floor(request.steps) : -1;
    } else run.speed = request.speed !== undefined && request.speed > 0 ? request.speed : null;
    this.sleeper.wake();
    send({ type: 'done', id: request.id });
  }

  private setParameter(request: Request<'set-parameter'>, send: Send): void {
    const run = this.run;
    if (!run) {
      send({ type: 'error', id: request.id, code: 'no_run', message: 'Parameters change live only during a run; edit the node instead.' });
      return;
    }
    const outcome = resolveChange(run.proposed, request.nodeId, request.field, request.value, run.buildOptions);
    if (!outcome.ok) {
      send({ type: 'error', id: request.id, code: outcome.code, message: outcome.message });
      return;
    }
    // Only `proposed` moves now: the running document takes the change when the instance does.
    run.proposed = outcome.change.document;
    run.changes.push({ requestId: request.id, nodeId: request.nodeId, field: request.field, text: request.value, value: outcome.change.value });
    this.sleeper.wake();
  }

  /**
   * Run WARM_NETWORKS through the same path as a real run (build, backend, instantiate, chunk
   * loop, batches) with every event discarded, then `document` (if given, small enough and the
   * newest warm-up asked for), then answer `done`. A real Run (or the port closing) cancels it:
   * the warm run stops at its next chunk boundary and nothing more starts.
   */
  private async warmUp(id: number, send: Send, document: unknown, serial: number): Promise<void> {
    // A new warm-up (a fresh page on this engine, a project opened) may run unless a run is going.
    this.warmCancelled = false;
    const idle = (): boolean => !this.warmCancelled && !this.run && !this.starting;
    try {
      if (!this.warmedUp) {
        for (const { document: tiny, durationMs } of WARM_NETWORKS) {
          if (!idle()) break;
          await this.start({ type: 'run', id, document: tiny, options: durationMs !== undefined ? { durationMs } : {} }, discard, true);
        }
        this.warmedUp = idle();
      }
      if (document !== undefined && serial === this.warmRequests && idle()) {
        await this.start({ type: 'run', id, document, options: { durationMs: DOCUMENT_WARM_MS } }, discard, true, (built) => (built.memoryBytes ?? Infinity) <= DOCUMENT_WARM_MAX_BYTES);
      }
    } catch {
      // Only a head start: whatever failed here is reported by the run that needs it.
    }
    send({ type: 'done', id });
  }

  private cancelWarmUp(): void {
    this.warmCancelled = true;
    if (this.warmRun) this.warmRun.stopped = true;
  }

  /** `admit`: for a warm run, whether the built network is worth instantiating (default: yes). */
  private async start(request: Request<'run'>, send: Send, warm = false, admit?: (built: BuildResult) => boolean): Promise<void> {
    if (!warm && (this.run || this.starting)) {
      send({ type: 'error', id: request.id, code: 'busy', message: 'A run is already going; stop it before starting another.' });
      return;
    }
    const options = request.options ?? {};
    const buildOptions = { ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) };
    const report = buildReporter(send, request.id, this.now);
    report('network', 0, 'checking the document');
    const built = build(request.document, buildOptions);
    const { ir, problems } = built;
    send(problemsEvent(request.id, built));
    if (warm && ir && admit && !admit(built)) return;
    if (!ir) {
      const errors = problems.filter((p) => p.severity === 'error').length;
      send({ type: 'error', id: request.id, code: 'build_failed', message: `The network cannot run: ${errors} problem${errors === 1 ? '' : 's'} must be fixed first (see the marked nodes).` });
      return;
    }
    let instance: BackendInstance;
    if (!warm) {
      this.starting = true;
      this.stopWhileStarting = false;
    }
    try {
      report('backend', 0, `choosing the ${ir.backend} backend`);
      const { backend, warning } = await this.backendFor(ir.backend, ir, options);
      if (warning) send({ type: 'warning', id: request.id, message: warning });
      const onProgress = (p: InstantiateProgress): void => report(p.phase, p.fraction, p.detail);
      instance = await backend.instantiate(ir, { onProgress });
      if (instance.name === 'tfjs-cpu') {
        send({ type: 'warning', id: request.id, message: 'TensorFlow.js could not start WebAssembly here, so tfjs runs on plain JavaScript (much slower). Choose the typed backend for speed.' });
      }
    } catch (e) {
      if (!warm) this.starting = false;
      send({ type: 'error', id: request.id, code: 'engine_failed', message: `The engine could not set up the network: ${(e as Error).message}` });
      return;
    }
    if (warm && this.warmCancelled) {
      // A real Run arrived while the warm-up built: it must not wait for a warm-up run.
      instance.dispose();
      return;
    }
    // A stop sent during the build is read only now (the build does not yield): let it in, so
    // the run below starts stopped and ends before its first step.
    if (!warm) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      this.starting = false;
    }
    const run: ActiveRun = {
      id: request.id, instance, steps: ir.steps, dt: ir.dt, buildOptions, document: request.document, proposed: request.document,
      paused: false, stopped: !warm && this.stopWhileStarting, stepBudget: 0, speed: options.speed !== undefined && options.speed > 0 ? options.speed : null, changes: [],
      tally: new SpikeTally(),
      guard: RecordingGuard.of(ir),
      stepCap: chunkStepCap(ir.monitors),
      warm,
    };
    if (warm) this.warmRun = run;
    else this.run = run;
    send({ type: 'started', id: run.id, dt: ir.dt, steps: ir.steps, seed: ir.seed, backend: instance.name, facts: built.facts ?? [] });
    try {
      await this.loop(run, send);
      const diagnosis = diagnoseRun(ir, run.tally.counts, instance.step, run.stopped);
      send({ type: 'done', id: run.id, ...(run.stopped ? { stopped: true } : {}), ...(diagnosis.length > 0 ? { diagnosis } : {}) });
    } catch (e) {
      send({ type: 'error', id: run.id, code: 'engine_failed', message: `The engine failed at step ${instance.step}: ${(e as Error).message}` });
    } finally {
      if (warm) this.warmRun = null;
      else this.run = null;
      for (const c of run.changes) send({ type: 'error', id: c.requestId, code: 'no_run', message: 'The run ended before this change could take effect.' });
      try {
        instance.dispose();
      } catch {
        // Freeing memory of a failed instance must not hide the error already reported.
      }
    }
  }

  /** The runner's chunk loop; the session adds the messages, pause/step/speed and the pacing. */
  private async loop(run: ActiveRun, send: Send): Promise<void> {
    const yielder = new Yielder();
    // Pacing counts running time only, not time spent paused.
    let paceWall = this.now();
    let paceStep = run.instance.step;
    let paceSpeed = run.speed;
    const gate = async (): Promise<ChunkGate | null> => {
      for (;;) {
        if (run.stopped) return null;
        if (!(run.paused && run.stepBudget === 0)) break;
        await this.sleeper.wait();
        paceWall = this.now();
        paceStep = run.instance.step;
      }
      this.applyChanges(run, send);
      if (run.speed !== paceSpeed) {
        paceSpeed = run.speed;
        paceWall = this.now();
        paceStep = run.instance.step;
      }
      if (run.warm) return { cap: WARM_CHUNK_STEPS };
      const cap = run.speed === null ? undefined : Math.max(1, Math.floor((run.speed * TARGET_CHUNK_WALL_MS) / 1000 / run.dt));
      // Step N runs exactly N steps; a plain Step runs one chunk.
      const steps = run.paused && run.stepBudget > 0 ? run.stepBudget : undefined;
      if (run.paused) run.stepBudget = 0;
      return { ...(cap !== undefined ? { cap } : {}), ...(steps !== undefined ? { steps } : {}) };
    };
    const between = async (): Promise<void> => {
      if (run.speed !== null && !run.paused) {
        const due = paceWall + (((run.instance.step - paceStep) * run.dt) / run.speed) * 1000;
        const wait = due - this.now();
        if (wait > 0) return this.sleeper.sleep(wait);
      }
      return yielder.yield();
    };
    try {
      const end = await runChunks(run.instance, run.steps, {
        now: this.now,
        firstChunkWallMs: FIRST_CHUNK_WALL_MS,
        stepCap: run.stepCap,
        guard: run.guard,
        gate,
        onChunk: (batch) => {
          run.tally.add(batch); // before the send: transferring detaches the arrays
          send({ type: 'batch', id: run.id, batch }, batchBuffers(batch));
          const step = run.instance.step;
          send({ type: 'progress', id: run.id, step, steps: run.steps, simulatedMs: step * run.dt });
        },
        onOverrun: (overrun) => send({ type: 'warning', id: run.id, message: overrun.message }),
        between,
      });
      if (end === 'overrun') run.stopped = true;
    } finally {
      yielder.close();
    }
  }

  private applyChanges(run: ActiveRun, send: Send): void {
    for (const c of run.changes.splice(0)) {
      try {
        run.instance.setParameter(c.nodeId, c.field, c.value);
        run.document = patchDocument(run.document, c.nodeId, c.field, c.text) ?? run.document;
        send({ type: 'parameter', id: c.requestId, nodeId: c.nodeId, field: c.field, value: c.text, step: run.instance.step });
        send({ type: 'done', id: c.requestId });
      } catch (e) {
        send({ type: 'error', id: c.requestId, code: 'not_live', message: (e as Error).message });
      }
    }
    // A refused change leaves no trace: later changes are checked against what actually runs.
    run.proposed = run.document;
  }
}
