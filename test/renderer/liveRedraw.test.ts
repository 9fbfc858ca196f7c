/**
 * Live redraws of a run about to end are skipped (issue 13: the page's drawing takes a core from
 * the engine): the pure rule with explicit clocks, and the run store with a fake engine and
 * vitest's fake timers (no wall clock).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Document } from '../../src/shared/document';
import type { EngineEvent, EnginePort } from '../../src/shared/protocol';
import { ENDS_SOON_MS, remainingMs, skipLiveRedraw } from '../../src/renderer/run/liveRedraw';
import { createRunStore, LIVE_UPDATE_MS, settingsOf, type ShownRun } from '../../src/renderer/run/runStore';
import { portRunEngine } from '../../src/renderer/run/runEngineTypes';

describe('remainingMs and skipLiveRedraw', () => {
  it('extrapolates the run so far and counts the time since the report', () => {
    // 1000 of 4000 steps in 50 ms: 200 ms in all; 10 ms after the report, 140 ms are left.
    expect(remainingMs({ step: 1000, steps: 4000, runningMs: 50 }, 60)).toBeCloseTo(140, 9);
    expect(remainingMs({ step: 4000, steps: 4000, runningMs: 50 }, 50)).toBe(0);
    expect(remainingMs({ step: 0, steps: 4000, runningMs: 0 }, 10)).toBeNull();
  });

  it('skips when the end comes before the next redraw or within ENDS_SOON_MS, never twice in a row', () => {
    const soon = { step: 1000, steps: 2000, runningMs: ENDS_SOON_MS / 4 };
    const late = { step: 100, steps: 100_000, runningMs: 50 };
    expect(skipLiveRedraw(soon, soon.runningMs, LIVE_UPDATE_MS, false)).toBe(true);
    expect(skipLiveRedraw(soon, soon.runningMs, LIVE_UPDATE_MS, true)).toBe(false);
    expect(skipLiveRedraw(late, late.runningMs, LIVE_UPDATE_MS, false)).toBe(false);
    // A long interval (drawing backs off) makes a later end "soon" too.
    expect(skipLiveRedraw({ step: 1000, steps: 2000, runningMs: 300 }, 300, 400, false)).toBe(true);
    expect(skipLiveRedraw(null, 0, LIVE_UPDATE_MS, false)).toBe(false);
  });
});

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

const doc: Document = { simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'auto' }, nodes: [], wires: [] };
const batch = (id: number, from: number, to: number): EngineEvent => ({
  type: 'batch', id,
  batch: { fromStep: from, toStep: to, spikes: [{ monitor: 'm', population: 'E', size: 1, steps: Int32Array.from([from]), ids: Int32Array.from([0]) }], traces: [], counts: [] },
});

describe('the run store draws a run about to end once, at its end', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function start(): { port: ReturnType<typeof manualPort>; store: ReturnType<typeof createRunStore>; live: ShownRun[]; id: number } {
    const port = manualPort();
    const store = createRunStore(() => portRunEngine(port));
    vi.advanceTimersByTime(1000);
    store.getState().run(doc, settingsOf(doc.simulation));
    const live: ShownRun[] = [];
    store.subscribe((s, prev) => {
      if (s.shown !== prev.shown && s.shown && !s.shown.final && s.shown.results.spikes.length > 0) live.push(s.shown);
    });
    const id = port.runs[0];
    port.emit({ type: 'started', id, dt: 0.1, steps: 1000, seed: 1, backend: 'fake' });
    return { port, store, live, id };
  }

  it('a run half done after 20 ms (ends in ~20 ms) is not drawn live; done draws it whole', () => {
    const { port, store, live, id } = start();
    vi.advanceTimersByTime(20);
    port.emit(batch(id, 0, 500));
    vi.advanceTimersByTime(LIVE_UPDATE_MS / 2);
    expect(live).toEqual([]);
    port.emit(batch(id, 500, 1000));
    port.emit({ type: 'done', id });
    vi.runOnlyPendingTimers();
    expect(live).toEqual([]);
    expect(store.getState().shown).toMatchObject({ final: true });
    expect(store.getState().shown?.results.spikes[0].steps).toEqual(Int32Array.from([0, 500]));
  });

  it('a long run (1 % after 20 ms) is drawn live at once', () => {
    const { port, live, id } = start();
    vi.advanceTimersByTime(20);
    port.emit(batch(id, 0, 10));
    vi.advanceTimersByTime(1);
    expect(live.length).toBe(1);
  });

  it('a run that slows after a skipped redraw is drawn at the next interval', () => {
    const { port, live, id } = start();
    vi.advanceTimersByTime(20);
    port.emit(batch(id, 0, 500));
    vi.advanceTimersByTime(1);
    expect(live).toEqual([]);
    // No more progress: the estimate said "soon", but the next interval draws anyway.
    vi.advanceTimersByTime(LIVE_UPDATE_MS);
    expect(live.length).toBe(1);
  });
});
