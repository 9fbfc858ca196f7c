/**
 * State of runs in the renderer: settings for the next run, the live run (status, progress,
 * throttled results), a log of live changes, and the last few runs for comparison. The document
 * is never touched: settings are applied to a copy when Run is pressed.
 */
import { createStore } from 'zustand/vanilla';
import type { Document } from '../../shared/document';
import type { DerivedFacts } from '../../shared/derivedFacts';
import type { BuildPhase, EngineEvent } from '../../shared/protocol';
import type { RunResults } from '../../shared/results';
import type { Problem } from '../../shared/problems';
import { ResultsAccumulator } from '../../shared/resultsAccumulator';
import type { RunEngine } from './runEngineTypes';
import { ENGINE_CRASHED } from '../engine/EngineClient';
import { addRun, EMPTY_RUN_HISTORY, type PastRun, type RunHistory } from './runHistory';
import { skipLiveRedraw, type ProgressAt } from './liveRedraw';

export { HISTORY_LENGTH, type PastRun } from './runHistory';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'error' | 'crashed';

/** Overrides of the document's simulation settings for the next run (text as typed, with units). */
export interface RunSettings {
  readonly duration: string;
  readonly dt: string;
  readonly seed: number;
  readonly backend: 'auto' | 'typed' | 'tfjs';
}

export interface LogEntry {
  /** Step the entry refers to, and its time in ms. */
  readonly step: number;
  readonly timeMs: number;
  readonly text: string;
}

/** Simulated ms per real second for the speed presets; null runs as fast as possible. */
export const SPEEDS: readonly { readonly label: string; readonly speed: number | null }[] = [
  { label: 'Max', speed: null },
  { label: '1×', speed: 1000 },
  { label: '0.1×', speed: 100 },
];

/** Results reach the plots at most this often during a run (10 Hz), and progress the panel. */
export const LIVE_UPDATE_MS = 100;
/**
 * ...and at least this often while batches arrive: 4 Hz (250 ms) with room for a timer that fires
 * late behind the page's other work (brette-coba's redraws came every 258 ms with 250 here).
 * Between the two, the interval follows LIVE_BACKOFF times the time the last redraw took, so
 * slow drawing never floods the main thread.
 */
export const LIVE_MAX_UPDATE_MS = 220;
const LIVE_BACKOFF = 2;
/**
 * A new run takes the plots over at its first data: until then the previous run's stay as they
 * are, so a short run draws once, its results, instead of an empty panel (clearing every chart
 * costs the page tens of ms, and holds up the engine's messages behind it) and then its results.
 * If no data came this long after Run (a longer build), they are dimmed (plotsPending) so nobody
 * takes them for the new run's; a shorter run never changes them before its data. A first run
 * has no plots to keep: the ones premounted hidden at start (PlotsPanel) show with its first data.
 */
export const PLOTS_HOLD_MS = 100;

/** What the plots show: a run's results, whether they are whole, and the document that made them. */
export interface ShownRun {
  readonly results: RunResults;
  /** True once the results hold the whole run (full-quality plots); false while live. */
  readonly final: boolean;
  /**
   * Whether the plots also draw what re-reads every spike by neuron (ISI histogram and CV) and the
   * spectrum. False while live, and for the first frame of a run's whole results: those follow once
   * the raster and rates are on screen (a short run, drawn only at its end, showed its first spikes
   * 150-220 ms after `done` with them in the same task, bench:ui).
   */
  readonly extras: boolean;
  readonly document: Document | null;
  /** The derived facts of that document's build (threshold lines, sweep), once the engine sent them. */
  readonly facts?: DerivedFacts | null;
}

/** What the engine is building before a run's first step (null once it runs). */
export interface BuildState {
  readonly phase: BuildPhase;
  /** How far the whole build is, 0..1. */
  readonly fraction: number;
  /** What is being built, e.g. "E->E: 10,000,000 synapses". */
  readonly detail: string;
}

export interface RunState {
  readonly status: RunStatus;
  /** Non-null from Run until the network is built and instantiated (status is 'running' then). */
  readonly build: BuildState | null;
  /** Wall ms from Run to the network built (the engine's `started`). */
  readonly buildMs: number;
  readonly message: string | null;
  readonly step: number;
  readonly steps: number;
  readonly dt: number;
  readonly simulatedMs: number;
  /** Simulated ms per wall ms of the run: simulatedMs / wallMs, the same wall time as "took". */
  readonly realTimeFactor: number;
  readonly speed: number | null;
  readonly results: RunResults | null;
  /** True once `results` hold the whole run (the plots switch from live to full quality). */
  readonly final: boolean;
  /** Earlier runs of the open project, newest last (cleared when a project is opened). */
  readonly history: readonly PastRun[];
  /** Overlay the earlier runs' rates on the current run's (off until the user asks). */
  readonly compare: boolean;
  readonly log: readonly LogEntry[];
  /** The document the current results came from (for the F-I curve's inputs and live controls). */
  readonly runDocument: Document | null;
  /**
   * What the plots draw: the current run's results once its first data arrived, until then the
   * previous run's (see PLOTS_HOLD_MS); null before the first run.
   */
  readonly shown: ShownRun | null;
  /** True while `shown` is still the previous run's though a new run started PLOTS_HOLD_MS ago (the plots say so, dimmed). */
  readonly plotsPending: boolean;
  /** Wall ms the run has been running: from the network built to now (live) or to done, pauses left out. */
  readonly wallMs: number;
  /** Backend that runs (or ran) the current run, e.g. "typed", "tfjs-wasm"; null before it started. */
  readonly backend: string | null;
  /** What the run panel shows for the next run (so the menu's Run uses the same settings); null: the document's. */
  readonly nextSettings: RunSettings | null;
}

export interface RunActions {
  run(doc: Document, settings: RunSettings): void;
  /** Start the engine before the first Run, so its code loads and compiles while the user reads the network. */
  prepare(): void;
  /**
   * Warm the engine up on a project just opened: the worker builds it and steps it briefly if it
   * is small (runSession.ts), so its first Run finds its kernels generated. Sent after prepare's
   * warm-up (remembered until then); nothing while a run goes.
   */
  prepareDocument(doc: Document): void;
  /** Run `doc` with the run panel's settings (the menu's Run and F5). */
  runWithPanelSettings(doc: Document): void;
  setNextSettings(settings: RunSettings): void;
  pause(): void;
  resume(): void;
  stepOnce(): void;
  stop(): void;
  setSpeed(speed: number | null): void;
  /** Change a value live; `answer` hears whether the engine took it (its value) or refused it (why). */
  setParameter(nodeId: string, field: string, value: string, answer?: (outcome: { ok: true; value: string | number } | { ok: false; message: string }) => void): void;
  setCompare(on: boolean): void;
  /** Forget the earlier runs (a project was opened, created or restored); a run in flight is not added. */
  clearHistory(): void;
}

export type RunStore = RunState & RunActions;

const INITIAL: RunState = {
  status: 'idle', build: null, buildMs: 0, message: null, step: 0, steps: 0, dt: 0.1, simulatedMs: 0, realTimeFactor: 0, speed: null,
  results: null, final: false, history: [], compare: false, log: [], runDocument: null, shown: null, plotsPending: false, wallMs: 0, backend: null, nextSettings: null,
};

/** The document with the run settings applied (a copy: the user's document stays as it is). */
export function withSettings(doc: Document, s: RunSettings): Document {
  return { ...doc, simulation: { ...doc.simulation, duration: s.duration, dt: s.dt, seed: s.seed, backend: s.backend } };
}

/** The document's own simulation settings, as the run panel starts them. */
export function settingsOf(sim: { duration: string | number; dt: string | number; seed: number; backend: RunSettings['backend'] }): RunSettings {
  return { duration: String(sim.duration), dt: String(sim.dt), seed: sim.seed, backend: sim.backend };
}

/** The next animation frame where there is one (a page), else about one frame's time (Node tests). */
function nextFrame(cb: () => void): void {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => unknown }).requestAnimationFrame;
  if (raf) raf(cb);
  else setTimeout(cb, 16);
}

/** When the current run began running (network built) and how long it was paused, page ms. */
interface RunClock {
  startedAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
}

function resumeClock(c: RunClock, now: number): void {
  if (c.pausedAt !== null) c.pausedMs += now - c.pausedAt;
  c.pausedAt = null;
}

/** Wall ms the run has been running so far: since it started, pauses left out. */
function runningMs(c: RunClock, now: number): number {
  if (c.startedAt === null) return 0;
  const end = c.pausedAt ?? now;
  return Math.max(0, end - c.startedAt - c.pausedMs);
}

/** What the run store takes from its surroundings besides the engine (tests pass their own clock). */
export interface RunStoreOptions {
  /** The page's clock, ms (default performance.now). */
  readonly now?: () => number;
}

/** `makeEngine` starts the engine for the next run (the app passes startRunEngine from runEngine.ts). */
export function createRunStore(makeEngine: () => RunEngine, options: RunStoreOptions = {}) {
  const now = options.now ?? (() => performance.now());
  let engine: RunEngine | null = null;
  /** Set by stop(): no more plot updates until the run's `done` arrives. */
  let stopping = false;
  /** Runs of the open project; `epoch` changes with the project, so a run of the old one is not added. */
  let runHistory: RunHistory = EMPTY_RUN_HISTORY;
  let epoch = 0;
  /** A document to warm up once the engine is prepared (a project opened before that). */
  let warmDocument: Document | null = null;
  /** The wall clock of the current run (a fresh one per run). */
  let clock: RunClock = { startedAt: null, pausedAt: null, pausedMs: 0 };
  return createStore<RunStore>()((set, get) => {
    /** Runs started so far: a run's late writes check they still belong to the newest run. */
    let runs = 0;
    /** Cancels the live run's timers; set while a run is going. */
    let cancelRun: (() => void) | null = null;
    /** The engine died under the run: drop its pending updates and say so (once, whichever report comes first). */
    const crashed = (message: string): void => {
      const cancel = cancelRun;
      cancelRun = null;
      cancel?.();
      if (!cancel && get().status !== 'running' && get().status !== 'paused') return;
      const shown = get().shown;
      set({ status: 'crashed', final: true, ...(shown ? { shown: { ...shown, final: true, extras: true } } : {}), plotsPending: false, message: `The engine stopped unexpectedly (${message}). Your document is unchanged; press Run to start a fresh engine.` });
    };
    const fresh = (): RunEngine => {
      if (engine) return engine;
      const e = makeEngine();
      e.onCrash((message) => {
        if (engine === e) engine = null;
        e.terminate();
        crashed(message);
      });
      engine = e;
      return e;
    };
    const control = (type: 'pause' | 'resume' | 'stop' | 'step'): void => {
      // Marks in the performance timeline let tests and profiles see when the engine answered.
      engine?.client.send({ type }, (ev) => {
        if (ev.type === 'done') performance.mark(`snn-${type}-ack`);
      });
    };
    const log = (text: string, step = get().step): void => set((s) => ({ log: [...s.log, { step, timeMs: step * s.dt, text }] }));

    return {
      ...INITIAL,
      setNextSettings(settings) {
        set({ nextSettings: settings });
      },
      runWithPanelSettings(doc) {
        get().run(doc, get().nextSettings ?? settingsOf(doc.simulation));
      },
      prepare() {
        const e = fresh();
        e.client.send({ type: 'warm-up' }, (ev) => {
          // Lets the benchmark press Run when a user would: after the page has settled.
          if (ev.type === 'done') performance.mark('snn-engine-warm');
        });
        const doc = warmDocument;
        warmDocument = null;
        if (doc) get().prepareDocument(doc);
      },
      prepareDocument(doc) {
        if (!engine) {
          warmDocument = doc;
          return;
        }
        if (get().status === 'running' || get().status === 'paused') return;
        engine.client.send({ type: 'warm-up', document: doc }, (ev) => {
          if (ev.type === 'done') performance.mark('snn-document-warm');
        });
      },
      run(doc, settings) {
        if (get().status === 'running' || get().status === 'paused') return;
        const e = fresh();
        stopping = false;
        const acc = new ResultsAccumulator();
        const runDoc = withSettings(doc, settings);
        let meta = { dt: 0.1, seed: settings.seed, backend: settings.backend as string };
        let lastPublish = 0;
        /** The engine's last progress of this run, and whether the last live redraw was skipped. */
        let lastProgress: ProgressAt | null = null;
        let skippedLast = false;
        /** Page ms the last live draw took (to its next frame): the estimate of the final draw's. */
        let lastDrawMs = 0;
        let buildErrors: readonly Problem[] = [];
        let timer: ReturnType<typeof setTimeout> | null = null;
        const t0 = now();
        clock = { startedAt: null, pausedAt: null, pausedMs: 0 };
        const runClock = clock;
        performance.mark('snn-run-start');
        // Plot updates back off when drawing them is slow, so the main thread never falls behind
        // the worker's messages (a backlog would delay the stop's answer by seconds), but never
        // below 4 a second.
        let interval = LIVE_UPDATE_MS;
        // What the run panel shows of the run (build progress, started, progress) is committed at
        // most every LIVE_UPDATE_MS, with the next redraw of the plots or at the end: every commit
        // is a React render and a frame the page's threads draw while the engine needs the CPU,
        // and a short run would otherwise commit three or four times before its end.
        let pendingState: Partial<RunState> | null = null;
        const pendingLog: LogEntry[] = [];
        let progressTimer: ReturnType<typeof setTimeout> | null = null;
        /** Steps of this run (from its `started`), for the live redraw rule. */
        let runSteps = 0;
        let live = true;
        let holdTimer: ReturnType<typeof setTimeout> | null = null;
        /** Whether the plots show this run yet (its first data were published), and any of its spikes. */
        let shownThisRun = false;
        let spikesShown = false;
        /** The build's derived facts of this run (from its problems and started events). */
        let facts: DerivedFacts | null = null;
        const runNumber = ++runs;
        cancelRun = () => {
          live = false;
          if (holdTimer !== null) clearTimeout(holdTimer);
          holdTimer = null;
          if (timer !== null) clearTimeout(timer);
          if (progressTimer !== null) clearTimeout(progressTimer);
          timer = null;
          progressTimer = null;
          pendingState = null;
          pendingLog.length = 0;
        };
        const ended = (): void => {
          live = false;
          cancelRun = null;
          if (holdTimer !== null) clearTimeout(holdTimer);
          holdTimer = null;
        };
        /** The run panel's state waiting to be committed (and its log entries), taken. */
        const takePending = (): Partial<RunState> => {
          if (progressTimer !== null) clearTimeout(progressTimer);
          progressTimer = null;
          const patch: Partial<RunState> = { ...pendingState, ...(pendingLog.length > 0 ? { log: [...get().log, ...pendingLog] } : {}) };
          pendingState = null;
          pendingLog.length = 0;
          return patch;
        };
        const flushPending = (): void => {
          const patch = takePending();
          if (Object.keys(patch).length > 0) set(patch);
        };
        const schedule = (patch: Partial<RunState>): void => {
          pendingState = { ...pendingState, ...patch };
          if (progressTimer === null) progressTimer = setTimeout(() => live && flushPending(), LIVE_UPDATE_MS);
        };
        const publish = (): void => {
          timer = null;
          if (stopping || !live) return;
          // A run about to end draws once, at its end, if that keeps the gap within LIVE_MAX_UPDATE_MS (liveRedraw.ts).
          const begun = now();
          const sinceDraw = begun - (lastPublish > 0 ? lastPublish : (runClock.startedAt ?? begun));
          const skip = get().status === 'running' && skipLiveRedraw(lastProgress, runningMs(runClock, begun), sinceDraw, LIVE_MAX_UPDATE_MS, skippedLast, lastDrawMs);
          skippedLast = skip;
          if (skip) {
            // Checked again when the gap would reach its longest: drawn then if the run has not ended.
            timer = setTimeout(publish, Math.max(0, LIVE_MAX_UPDATE_MS - sinceDraw));
            return;
          }
          lastPublish = begun;
          // Views, not copies: the accumulator only appends, so a view's contents never change.
          const view = acc.view(meta);
          shownThisRun = true;
          spikesShown = view.spikes.some((t) => t.steps.length > 0);
          set({ ...takePending(), results: view, shown: { results: view, final: false, extras: false, document: runDoc, facts }, plotsPending: false });
          performance.mark('snn-publish');
          // The redraw (React, shaping, ECharts) ran in set(); the paint follows in the next frame.
          nextFrame(() => setTimeout(() => {
            lastDrawMs = now() - begun;
            interval = Math.min(LIVE_MAX_UPDATE_MS, Math.max(LIVE_UPDATE_MS, LIVE_BACKOFF * lastDrawMs));
          }, 0));
        };
        const runEpoch = epoch;
        // The plots keep the previous run until this run's first data, dimmed once PLOTS_HOLD_MS
        // passed without them.
        set({
          ...INITIAL, history: get().history, compare: get().compare, speed: get().speed, nextSettings: get().nextSettings, status: 'running', runDocument: runDoc, log: [],
          build: { phase: 'network', fraction: 0, detail: '' }, results: acc.view(meta), shown: get().shown, plotsPending: false,
        });
        holdTimer = setTimeout(() => {
          holdTimer = null;
          if (live && !stopping && !shownThisRun && get().shown !== null) set({ plotsPending: true });
        }, PLOTS_HOLD_MS);
        const speed = get().speed;
        const options = { ...(speed !== null ? { speed } : {}), ...(e.tfjsWasm !== undefined ? { tfjsWasm: e.tfjsWasm } : {}) };
        e.client.send({ type: 'run', document: runDoc, options }, (ev: EngineEvent) => {
          if (!live) return;
          switch (ev.type) {
            case 'building':
              schedule({ build: { phase: ev.phase, fraction: ev.fraction, detail: ev.detail } });
              return;
            case 'started':
              performance.mark('snn-run-started');
              runClock.startedAt = now();
              meta = { dt: ev.dt, seed: ev.seed, backend: ev.backend };
              if (ev.facts) facts = ev.facts;
              runSteps = ev.steps;
              schedule({ steps: ev.steps, dt: ev.dt, backend: ev.backend, build: null, buildMs: runClock.startedAt - t0 });
              pendingLog.push({ step: 0, timeMs: 0, text: `Run started: ${ev.steps} steps of ${ev.dt} ms, seed ${ev.seed}, backend ${ev.backend}.` });
              return;
            case 'batch': {
              acc.add(ev.batch);
              lastProgress = { step: ev.batch.toStep, steps: runSteps, runningMs: runningMs(runClock, now()) };
              // The run's first spikes are drawn at once, not after the redraw interval (a network that is silent at first),
              // unless that draw was just skipped for the run's end (a skip is checked again by its own timer).
              const firstSpikes = !spikesShown && !skippedLast && ev.batch.spikes.some((t) => t.steps.length > 0);
              if (firstSpikes && timer !== null && !stopping) {
                clearTimeout(timer);
                timer = null;
              }
              if (timer === null && !stopping) timer = setTimeout(publish, firstSpikes ? 0 : Math.max(0, interval - (now() - lastPublish)));
              return;
            }
            case 'progress': {
              const wallMs = runningMs(runClock, now());
              lastProgress = { step: ev.step, steps: ev.steps, runningMs: wallMs };
              schedule({ step: ev.step, steps: ev.steps, simulatedMs: ev.simulatedMs, wallMs, realTimeFactor: wallMs > 0 ? ev.simulatedMs / wallMs : 0 });
              return;
            }
            case 'warning':
              flushPending(); // the log keeps its order
              log(`Warning: ${ev.message}`);
              return;
            case 'problems':
              buildErrors = ev.problems.filter((p) => p.severity === 'error');
              if (ev.facts) facts = ev.facts;
              return;
            case 'done': {
              ended();
              if (timer !== null) clearTimeout(timer);
              const results = acc.results(meta);
              performance.mark('snn-run-done');
              // "took" and the speed are one measurement: the same wall time.
              const wallMs = runningMs(runClock, now());
              const simulatedMs = results.steps * results.dt;
              // The status and the log's last lines show at once, in one commit; the full-quality plots follow in the next task.
              for (const text of [ev.stopped ? 'Run stopped.' : 'Run finished.', ...(ev.diagnosis ?? []).map((d) => d.message)]) pendingLog.push({ step: results.steps, timeMs: simulatedMs, text });
              set({ ...takePending(), status: ev.stopped ? 'stopped' : 'done', build: null, wallMs, simulatedMs, step: results.steps, realTimeFactor: wallMs > 0 ? simulatedMs / wallMs : 0 });
              // If a new run started meanwhile (Run pressed at once), its plots are not replaced by these.
              setTimeout(() => {
                if (runEpoch === epoch) runHistory = addRun(runHistory, results);
                const whole: ShownRun = { results, final: true, extras: false, document: runDoc, facts };
                set({ ...(runNumber === runs ? { results, final: true, shown: whole, plotsPending: false } : {}), history: runHistory.runs });
                // The ISI, CV and spectrum once that frame is painted, unless something else is shown by then.
                if (runNumber === runs) {
                  nextFrame(() => setTimeout(() => {
                    if (get().shown === whole) set({ shown: { ...whole, extras: true } });
                  }, 0));
                }
              }, 0);
              return;
            }
            case 'error': {
              if (ev.code === ENGINE_CRASHED) {
                crashed(ev.message);
                return;
              }
              ended();
              if (timer !== null) clearTimeout(timer);
              flushPending();
              // Problems no node can show (the run's own settings) are named here, or nobody would see them.
              const results = acc.results(meta);
              set({ status: 'error', build: null, message: [ev.message, ...buildErrors.filter((p) => !p.nodeId).map((p) => `${p.path}: ${p.message}`)].join(' '), results, final: true, shown: { results, final: true, extras: true, document: runDoc, facts }, plotsPending: false });
              return;
            }
            default:
          }
        });
      },
      pause() {
        if (get().status !== 'running') return;
        clock.pausedAt ??= now();
        control('pause');
        set({ status: 'paused' });
      },
      resume() {
        if (get().status !== 'paused') return;
        resumeClock(clock, now());
        control('resume');
        set({ status: 'running' });
      },
      stepOnce() {
        if (get().status === 'running') {
          clock.pausedAt ??= now();
          set({ status: 'paused' });
        }
        if (get().status === 'paused') control('step');
      },
      stop() {
        if (get().status !== 'running' && get().status !== 'paused') return;
        stopping = true;
        control('stop');
      },
      setSpeed(speed) {
        set({ speed });
        if (get().status === 'running' || get().status === 'paused') engine?.client.send({ type: 'set-speed', ...(speed !== null ? { speed } : {}) }, () => {});
      },
      setCompare(on) {
        set({ compare: on });
      },
      clearHistory() {
        epoch++;
        runHistory = EMPTY_RUN_HISTORY;
        set({ history: runHistory.runs });
      },
      setParameter(nodeId, field, value, answer) {
        if (!engine || !(get().status === 'running' || get().status === 'paused')) return;
        engine.client.send({ type: 'set-parameter', nodeId, field, value }, (ev) => {
          if (ev.type === 'parameter') {
            log(`${nodeId}.${field} = ${ev.value} from step ${ev.step} (t = ${(ev.step * get().dt).toFixed(1)} ms)`, ev.step);
            answer?.({ ok: true, value: ev.value });
          } else if (ev.type === 'error') {
            log(`Refused ${nodeId}.${field} = ${value}: ${ev.message}`);
            answer?.({ ok: false, message: ev.message });
          }
        });
      },
    };
  });
}
