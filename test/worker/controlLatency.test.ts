/**
 * How soon stop and pause take effect, measured on an injected clock (never the machine's): a
 * RunSession whose backend "costs" a fixed number of clock ms per step (with seeded jitter) and
 * whose chunks take that clock time to run. A control request arrives at a random moment inside
 * a chunk; it must take effect when that chunk ends, and chunks must stay near
 * TARGET_CHUNK_WALL_MS, so a stop or pause lands within the 200 ms whatever the speed of
 * the network per step.
 */
import { describe, expect, it, vi } from 'vitest';
import { RunSession } from '../../src/engine/worker/runSession';
import { TARGET_CHUNK_WALL_MS } from '../../src/engine/runner/chunkSizer';
import type { BackendInstance } from '../../src/engine/backend';
import type { EngineEvent, EngineRequest } from '../../src/shared/protocol';
import { drivenLif } from './networks';
import { rng } from '../files/rng';

/** The limit for stop and pause, ms. */
const CONTROL_LIMIT_MS = 200;

interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly steps: number;
}

/** A session on a fake clock; `onChunk` runs while a chunk is "in progress" (between its start and end). */
function fakeSession(msPerStep: number, seed: number, onChunk: (chunk: Chunk, index: number) => void) {
  const random = rng(seed);
  let clock = 0;
  const chunks: Chunk[] = [];
  const instance: BackendInstance & { step: number } = {
    name: 'fake',
    step: 0,
    async advance(n) {
      const start = clock;
      // ±20 % jitter per chunk, as a real machine's timing wobbles.
      const end = start + n * msPerStep * (0.8 + 0.4 * random());
      const chunk = { start, end, steps: n };
      chunks.push(chunk);
      onChunk(chunk, chunks.length - 1);
      await new Promise((r) => setImmediate(r));
      clock = end;
      const from = instance.step;
      instance.step += n;
      return { fromStep: from, toStep: instance.step, spikes: [], traces: [], counts: [] };
    },
    setParameter() {},
    dispose() {},
  };
  const session = new RunSession({ now: () => clock, backendFor: () => ({ backend: { name: 'fake', instantiate: () => instance } }) });
  return { session, chunks, now: () => clock };
}

describe('control latency on an injected clock', () => {
  for (const msPerStep of [0.001, 0.02, 0.5, 7]) {
    it(`a stop arriving mid-chunk ends the run when that chunk ends, within ${CONTROL_LIMIT_MS} ms (${msPerStep} ms per step)`, async () => {
      for (let trial = 0; trial < 5; trial++) {
        const random = rng(100 + trial);
        const stopAtChunk = 6 + Math.floor(random() * 20);
        let stopArrived = -1;
        const events: EngineEvent[] = [];
        const fake = fakeSession(msPerStep, trial, (chunk, index) => {
          if (index !== stopAtChunk) return;
          // The stop arrives somewhere inside this chunk.
          stopArrived = chunk.start + random() * (chunk.end - chunk.start);
          fake.session.handle({ type: 'stop', id: 2 } as EngineRequest, (e) => void events.push(e));
        });
        const session = fake.session;
        const done = new Promise<void>((resolve) => {
          session.handle({ type: 'run', id: 1, document: drivenLif({ size: 10, duration: '1000000 ms' }) } as EngineRequest, (e) => {
            events.push(e);
            if (e.id === 1 && (e.type === 'done' || e.type === 'error')) resolve();
          });
        });
        await done;
        expect(events.find((e) => e.id === 1 && e.type === 'done')).toMatchObject({ stopped: true });
        // No chunk started after the stop arrived, and the one in flight ended within the limit.
        expect(fake.chunks).toHaveLength(stopAtChunk + 1);
        const latency = fake.now() - stopArrived;
        expect(latency).toBeGreaterThanOrEqual(0);
        expect(latency).toBeLessThan(CONTROL_LIMIT_MS);
        // Once the sizer has measured a few chunks, they stay near the target (jitter and growth limits aside).
        for (const c of fake.chunks.slice(5)) expect(c.end - c.start).toBeLessThan(2 * TARGET_CHUNK_WALL_MS);
      }
    });
  }

  it('a pause arriving mid-chunk lets that chunk finish and starts no other until resume', async () => {
    let pausedAtChunk = -1;
    const fake = fakeSession(0.05, 9, (_chunk, index) => {
      if (index === 10) {
        pausedAtChunk = index;
        fake.session.handle({ type: 'pause', id: 2 } as EngineRequest, () => {});
      }
    });
    const session = fake.session;
    const events: EngineEvent[] = [];
    session.handle({ type: 'run', id: 1, document: drivenLif({ size: 10, duration: '2000 ms' }) } as EngineRequest, (e) => void events.push(e));
    // Let the session build and run to the pause (the build's own time is the machine's, so wait
    // for the pause rather than a fixed number of turns), then 200 more turns: no chunk may start.
    for (let i = 0; i < 100_000 && pausedAtChunk < 0; i++) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    expect(pausedAtChunk).toBe(10);
    expect(fake.chunks).toHaveLength(11);
    session.handle({ type: 'resume', id: 3 } as EngineRequest, () => {});
    await new Promise<void>((resolve) => {
      const check = (): void => (events.some((e) => e.id === 1 && e.type === 'done') ? resolve() : void setImmediate(check));
      check();
    });
    expect(fake.chunks.reduce((n, c) => n + c.steps, 0)).toBe(20000);
  });

  it('a stop pressed while the run still builds is not lost: the run ends at once, stopped', async () => {
    let ready!: () => void;
    const instantiating = new Promise<void>((r) => (ready = r));
    let advanced = 0;
    const instance: BackendInstance = {
      name: 'fake', step: 0,
      advance: () => {
        advanced += 1;
        return { fromStep: 0, toStep: 1, spikes: [], traces: [], counts: [] };
      },
      setParameter() {}, dispose() {},
    };
    const session = new RunSession({ now: () => 0, backendFor: async () => ({ backend: { name: 'fake', instantiate: async () => (await instantiating, instance) } }) });
    const events: EngineEvent[] = [];
    session.handle({ type: 'run', id: 1, document: drivenLif({ size: 10, duration: '100000 ms' }) } as EngineRequest, (e) => void events.push(e));
    session.handle({ type: 'stop', id: 2 } as EngineRequest, (e) => void events.push(e));
    expect(events.find((e) => e.id === 2)).toEqual({ type: 'done', id: 2 });
    ready();
    await vi.waitFor(() => expect(events.some((e) => e.id === 1 && e.type === 'done')).toBe(true));
    expect(events.find((e) => e.id === 1 && e.type === 'done')).toEqual({ type: 'done', id: 1, stopped: true });
    expect(advanced).toBe(0);
  });
});
