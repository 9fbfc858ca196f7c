/**
 * The engine's warm-up (issue 13): RunSession runs WARM_NETWORKS through its own run path while
 * the page is idle. It sends the UI nothing but its `done`, a real Run cancels it at once (the
 * warm run never advances again once the Run was handled), and a run after a warm-up is
 * bit-identical to the same run in a fresh session. Driven directly, no wall-clock assertions.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/protocol';
import type { RunResults } from '../../src/shared/results';
import { ResultsAccumulator } from '../../src/shared/resultsAccumulator';
import { DOCUMENT_WARM_MAX_BYTES, RunSession, type RunSessionOptions } from '../../src/engine/worker/runSession';
import { TINY_NETWORK, WARM_NETWORKS } from '../../src/engine/worker/warmUp';
import { typedBackend } from '../../src/engine/backends/typed';
import type { BackendInstance } from '../../src/engine/backend';
import { loadExample } from '../examples/run';
import { build } from '../../src/engine/build';

interface Collector {
  events: EngineEvent[];
  send: (e: EngineEvent) => void;
  until(pred: (e: EngineEvent) => boolean): Promise<EngineEvent>;
}

function collect(): Collector {
  const events: EngineEvent[] = [];
  const waiters: { pred: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }[] = [];
  return {
    events,
    send(e) {
      events.push(e);
      for (const w of waiters.splice(0)) {
        if (w.pred(e)) w.resolve(e);
        else waiters.push(w);
      }
    },
    until(pred) {
      const seen = events.find(pred);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

const ended = (id: number) => (e: EngineEvent): boolean => e.id === id && (e.type === 'done' || e.type === 'error');

/** A run's results, joined from its batches as the renderer joins them. */
async function runIn(session: RunSession, c: Collector, id: number, document: unknown, durationMs: number): Promise<RunResults> {
  session.handle({ type: 'run', id, document, options: { durationMs } }, c.send);
  expect(await c.until(ended(id))).toMatchObject({ type: 'done', id });
  const acc = new ResultsAccumulator();
  for (const e of c.events) if (e.id === id && e.type === 'batch') acc.add(e.batch);
  return acc.results({ dt: 0.1, seed: 0, backend: 'typed' });
}

/** Counts every advance of every instance the session makes, per instance, in creation order. */
function countingBackend(): { options: RunSessionOptions; advances: number[] } {
  const advances: number[] = [];
  const backend = {
    name: 'typed',
    async instantiate(...args: Parameters<typeof typedBackend.instantiate>): Promise<BackendInstance> {
      const inner = await typedBackend.instantiate(...args);
      const k = advances.push(0) - 1;
      return {
        get name() { return inner.name; },
        get step() { return inner.step; },
        get honoursDeadline() { return inner.honoursDeadline; },
        advance(steps, deadline) {
          advances[k]++;
          return inner.advance(steps, deadline);
        },
        setParameter: (n, f, v) => inner.setParameter(n, f, v),
        dispose: () => inner.dispose(),
      };
    },
  };
  return { options: { backendFor: () => ({ backend }) }, advances };
}

describe('warm-up', () => {
  it('builds every warm network without a problem (a network that failed to build would warm nothing)', () => {
    for (const w of WARM_NETWORKS) {
      const { ir, problems } = build(w.document);
      expect(problems).toEqual([]);
      expect(ir).toBeTruthy();
    }
  });

  it('runs every warm network to its end and sends the UI only its done', async () => {
    const counting = countingBackend();
    const session = new RunSession(counting.options);
    const c = collect();
    session.handle({ type: 'warm-up', id: 1 }, c.send);
    await c.until(ended(1));
    expect(c.events).toEqual([{ type: 'done', id: 1 }]);
    // One instance per warm network, each advanced in several chunks (the fused one long enough to tier up).
    expect(counting.advances.length).toBe(WARM_NETWORKS.length);
    for (const n of counting.advances) expect(n).toBeGreaterThan(1);
  });

  it('stops at once when a real Run arrives: no warm step after the Run is handled, and the Run is not busy', async () => {
    const counting = countingBackend();
    const session = new RunSession(counting.options);
    const c = collect();
    session.handle({ type: 'warm-up', id: 1 }, c.send);
    // Wait until the warm-up is inside its chunk loop (its first instance has advanced).
    while ((counting.advances[0] ?? 0) === 0) await new Promise((resolve) => setImmediate(resolve));
    session.handle({ type: 'run', id: 2, document: TINY_NETWORK }, c.send);
    const warmAdvances = counting.advances[0];
    expect(await c.until(ended(2))).toMatchObject({ type: 'done', id: 2 });
    expect(await c.until(ended(1))).toMatchObject({ type: 'done', id: 1 });
    expect(counting.advances[0]).toBe(warmAdvances);
    // Only the first warm network was started; the second one never was (instances: warm 1, the Run).
    expect(counting.advances.length).toBe(2);
    expect(c.events.some((e) => e.type === 'error')).toBe(false);
    // The Run's events are all there, none of the warm-up's.
    expect(c.events.filter((e) => e.id === 1)).toEqual([{ type: 'done', id: 1 }]);
  });

  it('warms a small document it is given after the tiny networks, and only that document the next time', async () => {
    const counting = countingBackend();
    const session = new RunSession(counting.options);
    const c = collect();
    const doc = loadExample('brette-cuba.snn');
    session.handle({ type: 'warm-up', id: 1, document: doc }, c.send);
    await c.until(ended(1));
    expect(c.events).toEqual([{ type: 'done', id: 1 }]);
    expect(counting.advances.length).toBe(WARM_NETWORKS.length + 1);
    expect(counting.advances[WARM_NETWORKS.length]).toBeGreaterThan(0);
    // Another project opened later: its document alone.
    session.handle({ type: 'warm-up', id: 2, document: loadExample('05-ei-balanced.snn') }, c.send);
    await c.until(ended(2));
    expect(counting.advances.length).toBe(WARM_NETWORKS.length + 2);
    expect(c.events.filter((e) => e.type !== 'done')).toEqual([]);
  });

  it('leaves a document over the memory bound alone, and an older document when a newer one is queued', async () => {
    const big = loadExample('brunel-ai.snn');
    expect(build(big, { durationMs: 5 }).memoryBytes).toBeGreaterThan(DOCUMENT_WARM_MAX_BYTES);
    const counting = countingBackend();
    const session = new RunSession(counting.options);
    const c = collect();
    session.handle({ type: 'warm-up', id: 1, document: big }, c.send);
    await c.until(ended(1));
    expect(counting.advances.length).toBe(WARM_NETWORKS.length);
    // Two projects opened one after the other: only the newer one is warmed.
    session.handle({ type: 'warm-up', id: 2, document: loadExample('brette-cuba.snn') }, c.send);
    session.handle({ type: 'warm-up', id: 3, document: TINY_NETWORK }, c.send);
    await c.until(ended(3));
    expect(c.events.filter((e) => e.type === 'done').map((e) => e.id)).toEqual([1, 2, 3]);
    expect(counting.advances.length).toBe(WARM_NETWORKS.length + 1);
  });

  it.each([
    ['brette-cuba.snn', 100],
    ['05-ei-balanced.snn', 300],
    ['stdp-pattern.snn', 600],
  ])('a run of %s after a warm-up is bit-identical to one in a fresh session', async (name, durationMs) => {
    const doc = loadExample(name);
    const fresh = await runIn(new RunSession(), collect(), 1, doc, durationMs);
    const warmed = new RunSession();
    const c = collect();
    // Warmed with the very document, as when its project is opened.
    warmed.handle({ type: 'warm-up', id: 7, document: doc }, c.send);
    await c.until(ended(7));
    const after = await runIn(warmed, c, 8, doc, durationMs);
    expect(fresh.spikes.reduce((n, s) => n + s.steps.length, 0)).toBeGreaterThan(0);
    expect(after).toEqual(fresh);
    // And a run that cancels a warm-up half-way matches too.
    const cancelled = new RunSession();
    const c2 = collect();
    cancelled.handle({ type: 'warm-up', id: 1 }, c2.send);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await runIn(cancelled, c2, 2, doc, durationMs)).toEqual(fresh);
  });
});
