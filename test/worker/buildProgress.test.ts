/**
 * A run's build as the renderer sees it (issue 13), with RunSession driven directly and a fake
 * clock: `building` events walk through the phases before `started`, and a stop that arrives
 * while the network is being built ends the run without a single step.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/protocol';
import { RunSession } from '../../src/engine/worker/runSession';
import { TINY_NETWORK } from '../../src/engine/worker/warmUp';
import { typedBackend } from '../../src/engine/backends/typed';

function collect(): { events: EngineEvent[]; send: (e: EngineEvent) => void; until(pred: (e: EngineEvent) => boolean): Promise<EngineEvent> } {
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

describe('building a run', () => {
  it('reports network, backend, connectivity and instantiation before started', async () => {
    let t = 0;
    // Each reading of the clock is 100 ms later, so no building report is throttled away.
    const session = new RunSession({ now: () => (t += 100) });
    const c = collect();
    session.handle({ type: 'run', id: 1, document: TINY_NETWORK }, c.send);
    const done = await c.until((e) => e.id === 1 && (e.type === 'done' || e.type === 'error'));
    expect(done.type).toBe('done');
    const types = c.events.map((e) => e.type);
    const started = types.indexOf('started');
    const building = c.events.slice(0, started).filter((e): e is Extract<EngineEvent, { type: 'building' }> => e.type === 'building');
    expect([...new Set(building.map((b) => b.phase))]).toEqual(['network', 'backend', 'connectivity', 'instantiation']);
    expect(building.some((b) => b.phase === 'connectivity' && b.detail.startsWith('E->I'))).toBe(true);
    expect(types.slice(started + 1)).toContain('batch');
    expect(c.events.slice(started).some((e) => e.type === 'building')).toBe(false);
  });

  it('ends a run whose stop arrived during the build, before any step', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const session = new RunSession({ backendFor: async () => {
      await gate;
      return { backend: typedBackend };
    } });
    const c = collect();
    session.handle({ type: 'run', id: 1, document: TINY_NETWORK }, c.send);
    await c.until((e) => e.type === 'building' && e.phase === 'backend');
    session.handle({ type: 'stop', id: 2 }, c.send);
    expect(c.events.some((e) => e.id === 2 && e.type === 'done')).toBe(true);
    release();
    const done = await c.until((e) => e.id === 1 && (e.type === 'done' || e.type === 'error'));
    expect(done).toMatchObject({ type: 'done', id: 1, stopped: true });
    expect(c.events.some((e) => e.type === 'batch' || e.type === 'progress')).toBe(false);
    // The session is free for the next run.
    session.handle({ type: 'run', id: 3, document: TINY_NETWORK }, c.send);
    expect((await c.until((e) => e.id === 3 && (e.type === 'done' || e.type === 'error'))).type).toBe('done');
  });
});
