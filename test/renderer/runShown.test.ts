/**
 * What the plots show while a new run starts (issue 13, the fixed cost of a run): the previous
 * run's plots stay until the new run's first data, untouched for PLOTS_HOLD_MS and then dimmed
 * (pending), so a short run draws once (its results) instead of clearing every chart first; a first
 * run shows its (premounted) plots with its first data. Run-panel state during a run is committed
 * at most every LIVE_UPDATE_MS. The engine here is
 * a fake whose events the test sends; the clock is vitest's fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Document } from '../../src/shared/document';
import type { EngineEvent, EnginePort } from '../../src/shared/protocol';
import { createRunStore, LIVE_UPDATE_MS, PLOTS_HOLD_MS, settingsOf, type ShownRun } from '../../src/renderer/run/runStore';
import { portRunEngine } from '../../src/renderer/run/runEngineTypes';

/** A fake engine that records the run requests and lets the test answer them. */
function manualPort(): EnginePort & { runs: number[]; emit(ev: EngineEvent): void } {
  const listeners = new Set<(m: unknown) => void>();
  return {
    runs: [],
    emit(ev) {
      listeners.forEach((l) => l(ev));
    },
    postMessage(message: unknown) {
      const req = message as { type: string; id: number };
      if (req.type === 'run') this.runs.push(req.id);
    },
    onMessage(l: (m: unknown) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/** A frame in Node (no requestAnimationFrame): the run store's nextFrame waits this long. */
const FRAME_MS = 16;

const doc = (seed: number): Document => ({ simulation: { dt: '0.1 ms', duration: '1 ms', seed, backend: 'auto' }, nodes: [], wires: [] });

function answer(port: ReturnType<typeof manualPort>, id: number, seed: number, parts: ('started' | 'batch' | 'done')[]): void {
  for (const p of parts) {
    if (p === 'started') port.emit({ type: 'started', id, dt: 0.1, steps: 10, seed, backend: 'fake' });
    else if (p === 'batch') {
      port.emit({ type: 'batch', id, batch: { fromStep: 0, toStep: 10, spikes: [{ monitor: 'm', population: 'E', size: 1, steps: Int32Array.from([3]), ids: Int32Array.from([0]) }], traces: [], counts: [] } });
    } else port.emit({ type: 'done', id });
  }
}

/** A finished first run (seed 1), and a record of every value `shown` takes from then on. */
function afterOneRun() {
  const port = manualPort();
  const store = createRunStore(() => portRunEngine(port));
  store.getState().run(doc(1), settingsOf(doc(1).simulation));
  answer(port, port.runs[0], 1, ['started', 'batch', 'done']);
  vi.runOnlyPendingTimers();
  // A page some time after load: the first publish of a run is not held back by the last one.
  vi.advanceTimersByTime(1000);
  const first = store.getState().shown as ShownRun;
  const seen: (ShownRun | null)[] = [];
  store.subscribe((s, prev) => {
    if (s.shown !== prev.shown) seen.push(s.shown);
  });
  return { port, store, first, seen };
}

describe('the plots while a new run starts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a finished run is shown whole, with the document that made it', () => {
    const { store, first } = afterOneRun();
    expect(store.getState().plotsPending).toBe(false);
    expect(store.getState().status).toBe('done');
    expect(first.final).toBe(true);
    expect(first.results.spikes[0].steps.length).toBe(1);
    expect(first.document?.simulation.seed).toBe(1);
  });

  it('keeps the previous run until a short new run ends, then shows the new run once, whole', () => {
    const { port, store, first, seen } = afterOneRun();
    store.getState().run(doc(2), settingsOf(doc(2).simulation));
    // Run pressed: the run panel says so at once, the plots are untouched (not even dimmed yet).
    expect(store.getState().status).toBe('running');
    expect(store.getState().shown).toBe(first);
    expect(store.getState().plotsPending).toBe(false);
    vi.advanceTimersByTime(PLOTS_HOLD_MS / 2);
    answer(port, port.runs[1], 2, ['started', 'batch', 'done']);
    vi.advanceTimersByTime(PLOTS_HOLD_MS);
    // From the first run straight to the second, whole (then the same results with the ISI and spectrum, below).
    expect(seen[0]?.final).toBe(true);
    expect(seen[0]?.document?.simulation.seed).toBe(2);
    expect(seen[0]?.results).toBe(store.getState().results);
    expect(seen.slice(1).every((s) => s?.results === seen[0]?.results)).toBe(true);
    expect(store.getState().plotsPending).toBe(false);
  });

  it('draws a run\'s whole results first without the ISI and spectrum, and adds them after the next frame', () => {
    const { port, store, seen } = afterOneRun();
    expect(store.getState().shown?.extras).toBe(true);
    store.getState().run(doc(11), settingsOf(doc(11).simulation));
    answer(port, port.runs[1], 11, ['started', 'done']);
    vi.advanceTimersByTime(0);
    // The task after done: the whole results, raster and rates only.
    expect(seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ final: true, extras: false, document: { simulation: { seed: 11 } } });
    // Not in the same frame: the page paints the raster and rates before the slower analyses.
    vi.advanceTimersByTime(FRAME_MS - 1);
    expect(seen.length).toBe(1);
    vi.advanceTimersByTime(1);
    // Then the task after that frame (a zero timeout set inside a fake timer counts 1 ms).
    vi.advanceTimersByTime(1);
    expect(seen.length).toBe(2);
    expect(seen[1]).toMatchObject({ final: true, extras: true });
    expect(seen[1]?.results).toBe(seen[0]?.results);
    vi.runOnlyPendingTimers();
    expect(seen.length).toBe(2);
  });

  it('never adds the ISI and spectrum to results that are no longer shown (a new run took the plots over)', () => {
    const { port, store, seen } = afterOneRun();
    store.getState().run(doc(12), settingsOf(doc(12).simulation));
    answer(port, port.runs[1], 12, ['started', 'done']);
    vi.advanceTimersByTime(0);
    expect(seen[0]).toMatchObject({ final: true, extras: false });
    // Run again at once: its first data replace the plots before the frame of the last run's analyses.
    store.getState().run(doc(13), settingsOf(doc(13).simulation));
    answer(port, port.runs[2], 13, ['started', 'batch']);
    vi.advanceTimersByTime(0);
    expect(store.getState().shown).toMatchObject({ final: false, extras: false, document: { simulation: { seed: 13 } } });
    vi.advanceTimersByTime(FRAME_MS + 1);
    expect(seen.every((s) => !(s?.extras && s.document?.simulation.seed === 12))).toBe(true);
    expect(store.getState().shown).toMatchObject({ final: false, document: { simulation: { seed: 13 } } });
  });

  it('says the plots are the previous run\'s (dimmed) once PLOTS_HOLD_MS passed without new data', () => {
    const { store, first } = afterOneRun();
    store.getState().run(doc(7), settingsOf(doc(7).simulation));
    vi.advanceTimersByTime(PLOTS_HOLD_MS - 1);
    expect(store.getState().plotsPending).toBe(false);
    vi.advanceTimersByTime(1);
    expect(store.getState().plotsPending).toBe(true);
    expect(store.getState().shown).toBe(first);
  });

  it('keeps the previous run, pending, through a long build, then shows the new run live from its first data', () => {
    const { port, store, first, seen } = afterOneRun();
    store.getState().run(doc(3), settingsOf(doc(3).simulation));
    vi.advanceTimersByTime(10 * PLOTS_HOLD_MS);
    expect(store.getState().shown).toBe(first);
    expect(store.getState().plotsPending).toBe(true);
    expect(seen.length).toBe(0);
    answer(port, port.runs[1], 3, ['started', 'batch']);
    vi.advanceTimersByTime(0);
    expect(seen.length).toBe(1);
    const live = store.getState().shown as ShownRun;
    expect(live).toMatchObject({ final: false, document: { simulation: { seed: 3 } } });
    expect(live.results.steps).toBe(10);
    expect(store.getState().plotsPending).toBe(false);
    answer(port, port.runs[1], 3, ['done']);
    vi.advanceTimersByTime(0);
    expect(store.getState().shown?.final).toBe(true);
  });

  it('a first run shows nothing before its first data, however long it builds, then its data', () => {
    const port = manualPort();
    const store = createRunStore(() => portRunEngine(port));
    store.getState().run(doc(6), settingsOf(doc(6).simulation));
    expect(store.getState().shown).toBeNull();
    vi.advanceTimersByTime(10 * PLOTS_HOLD_MS);
    expect(store.getState().shown).toBeNull();
    expect(store.getState().plotsPending).toBe(false);
    answer(port, port.runs[0], 6, ['started', 'batch']);
    vi.advanceTimersByTime(0);
    expect(store.getState().shown).toMatchObject({ final: false, document: { simulation: { seed: 6 } } });
    expect(store.getState().shown?.results.steps).toBe(10);
  });

  it('commits the run panel\'s state of a short run with its end, and of a longer one at most every LIVE_UPDATE_MS', () => {
    const port = manualPort();
    const store = createRunStore(() => portRunEngine(port));
    let commits = 0;
    store.subscribe(() => commits++);
    store.getState().run(doc(8), settingsOf(doc(8).simulation));
    expect(commits).toBe(1); // Run pressed: running, building
    const id = port.runs[0];
    port.emit({ type: 'building', id, phase: 'connectivity', fraction: 0.5, detail: 'x' });
    answer(port, id, 8, ['started']);
    port.emit({ type: 'progress', id, step: 5, steps: 10, simulatedMs: 0.5 });
    expect(commits).toBe(1);
    expect(store.getState().build).toMatchObject({ phase: 'network' });
    vi.advanceTimersByTime(LIVE_UPDATE_MS);
    // One commit for all three, with the log entry of the start.
    expect(commits).toBe(2);
    expect(store.getState()).toMatchObject({ build: null, steps: 10, step: 5, backend: 'fake' });
    expect(store.getState().log.map((l) => l.text)).toEqual([expect.stringMatching(/^Run started: 10 steps/)]);
    answer(port, id, 8, ['done']);
    vi.runOnlyPendingTimers();
    // A short run: started and done in one go commit once, at done.
    store.getState().run(doc(9), settingsOf(doc(9).simulation));
    expect(port.runs.length).toBe(2);
    vi.advanceTimersByTime(0);
    const before = commits;
    answer(port, port.runs[1], 9, ['started', 'done']);
    expect(commits).toBe(before + 1);
    expect(store.getState()).toMatchObject({ status: 'done', steps: 10, backend: 'fake' });
    expect(store.getState().log.map((l) => l.text)).toEqual([expect.stringMatching(/^Run started/), 'Run finished.']);
  });

  it('takes the plots over at the first data when they come before PLOTS_HOLD_MS', () => {
    const { port, store, seen } = afterOneRun();
    store.getState().run(doc(4), settingsOf(doc(4).simulation));
    answer(port, port.runs[1], 4, ['started', 'batch']);
    vi.advanceTimersByTime(0);
    expect(seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ final: false, document: { simulation: { seed: 4 } } });
    expect(seen[0]?.results.steps).toBe(10);
    // The hold timer has nothing left to do.
    vi.advanceTimersByTime(PLOTS_HOLD_MS);
    expect(seen.length).toBe(1);
  });

  it('draws the first spikes of a run at once, even right after a redraw without spikes', () => {
    const port = manualPort();
    const store = createRunStore(() => portRunEngine(port));
    vi.advanceTimersByTime(1000);
    store.getState().run(doc(10), settingsOf(doc(10).simulation));
    const id = port.runs[0];
    port.emit({ type: 'started', id, dt: 0.1, steps: 1000, seed: 10, backend: 'fake' });
    const silent = { fromStep: 0, toStep: 10, spikes: [{ monitor: 'm', population: 'E', size: 1, steps: new Int32Array(0), ids: new Int32Array(0) }], traces: [], counts: [] };
    port.emit({ type: 'batch', id, batch: silent });
    vi.advanceTimersByTime(0);
    expect(store.getState().shown?.results.steps).toBe(10);
    port.emit({ type: 'batch', id, batch: { ...silent, fromStep: 10, toStep: 20 } });
    vi.advanceTimersByTime(0);
    // No spikes yet: the next redraw waits for the interval.
    expect(store.getState().shown?.results.steps).toBe(10);
    port.emit({ type: 'batch', id, batch: { fromStep: 20, toStep: 30, spikes: [{ monitor: 'm', population: 'E', size: 1, steps: Int32Array.from([25]), ids: Int32Array.from([0]) }], traces: [], counts: [] } });
    vi.advanceTimersByTime(0);
    expect(store.getState().shown?.results.steps).toBe(30);
    expect(store.getState().shown?.results.spikes[0].steps.length).toBe(1);
  });

  it('shows a failed run (its message and empty results), not the previous run as if it were this one', () => {
    const { port, store, seen } = afterOneRun();
    store.getState().run(doc(5), settingsOf(doc(5).simulation));
    port.emit({ type: 'error', id: port.runs[1], code: 'build_failed', message: 'The network cannot run.' });
    expect(store.getState().status).toBe('error');
    expect(seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ final: true, document: { simulation: { seed: 5 } } });
    vi.advanceTimersByTime(PLOTS_HOLD_MS);
    expect(seen.length).toBe(1);
  });
});
