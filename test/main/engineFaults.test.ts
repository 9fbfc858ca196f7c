/**
 * Randomised engine faults (seeded): the real EngineHost (src/main/engineHost.ts) spawns the real
 * engine entry in killable in-process "utility processes" (inProcessEngine.ts); the renderer's
 * real desktop connection (desktopEngine.ts) and run store (runStore.ts) sit on
 * the other end, with the preload's IPC played by a few lines. Over hundreds of runs the engine is
 * killed at random points (before the run arrives, mid-run, during a stop, while validating),
 * with random exit codes (0 too) and a clock that sometimes packs three crashes into a minute
 * (main then stops restarting until the renderer's next request). Every run must end (done,
 * stopped, or crashed with a reason), every request must get its answer, a crashed run must
 * not be written to later, and the document must stay as it was.
 */
import { describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { EngineHost } from '../../src/main/engineHost';
import type { EngineCrashInfo, EnginePortInfo } from '../../src/shared/ipc';
import type { EngineEvent, EnginePort } from '../../src/shared/protocol';
import type { Document } from '../../src/shared/document';
import { desktopEngineClient } from '../../src/renderer/engine/desktopEngine';
import { EngineRequestError, ENGINE_CRASHED } from '../../src/renderer/engine/EngineClient';
import { clientRunEngine } from '../../src/renderer/run/runEngineTypes';
import { createRunStore, LIVE_UPDATE_MS, type RunSettings } from '../../src/renderer/run/runStore';
import { drivenLif } from '../worker/networks';
import { rng } from '../files/rng';
import { InProcessEngine } from './inProcessEngine';

const SEED = 20261206;
const RUNS = 200;
/** A run or an answer that takes longer than this (wall ms) hangs: the test fails rather than waits for ever. */
const HANG_MS = 30_000;

function nodePort(port: MessagePort): EnginePort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage(listener) {
      const h = (m: unknown): void => listener(m);
      port.on('message', h);
      return () => port.off('message', h);
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = performance.now() + HANG_MS;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`hung: ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function setup() {
  let clock = 0;
  const spawned: InProcessEngine[] = [];
  const crashListeners = new Set<(info: EngineCrashInfo) => void>();
  let portListener: ((port: EnginePort, info: EnginePortInfo) => void) | null = null;
  const crashes: EngineCrashInfo[] = [];
  const host = new EngineHost<MessagePort>({
    entryPath: 'src/engine/worker/entry.ts',
    spawn: () => {
      const p = new InProcessEngine();
      spawned.push(p);
      return p;
    },
    createChannel: () => new MessageChannel(),
    // webContents.send and postMessage: delivered in order, in later tasks; the preload re-posts
    // the port to the page, one more hop.
    notifyCrash: (info) => {
      crashes.push(info);
      setImmediate(() => crashListeners.forEach((l) => l(info)));
    },
    sendPort: (port, info) => setImmediate(() => setImmediate(() => portListener?.(nodePort(port), info))),
    now: () => clock,
  });
  const client = desktopEngineClient(
    {
      connectEngine: async () => host.connect(),
      onEngineCrashed: (l) => {
        crashListeners.add(l);
        return () => crashListeners.delete(l);
      },
    },
    (l) => (portListener = l),
  );
  // Every request the renderer sends, and whether it got its final answer.
  const open = new Map<number, string>();
  const send = client.send.bind(client);
  client.send = (body, onEvent) => {
    let id = -1;
    id = send(body, (ev: EngineEvent) => {
      if (ev.type === 'done' || ev.type === 'error') open.delete(id);
      onEvent(ev);
    });
    open.set(id, body.type);
    return id;
  };
  const store = createRunStore(() => clientRunEngine(client, () => {}));
  return { host, client, store, spawned, crashes, open, advance: (ms: number) => (clock += ms) };
}

describe('randomised engine faults (real EngineHost, real entry, real run store)', () => {
  it(`${RUNS} runs with the engine killed at random points: each run ends or says why, every request is answered`, async () => {
    const random = rng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const { host, client, store, spawned, crashes, open, advance } = setup();
    const doc = deepFreeze(drivenLif({ size: 20, duration: '50 ms' }) as Document);
    const before = JSON.stringify(doc);
    const tally = { done: 0, stopped: 0, crashed: 0, killed: 0, validations: 0, validationCrashes: 0, downRestarts: 0 };
    const validations: Array<Promise<unknown>> = [];
    let lastKill = -2;

    for (let i = 0; i < RUNS; i++) {
      // Sometimes crashes come fast (three within a minute: main gives up restarting), sometimes far apart.
      advance(random() < 0.5 ? 1_000 : 40_000);
      const durationMs = 10 + Math.floor(random() * 290);
      const settings: RunSettings = { duration: `${durationMs} ms`, dt: '0.1 ms', seed: 1 + i, backend: 'typed' };
      const kill = random() < 0.35;
      const killAfter = Math.floor(random() * 12); // engine events (or ticks) before the kill
      const stop = random() < 0.3;
      const stopAfter = Math.floor(random() * 8);
      const validate = random() < 0.5;
      const wasDown = crashes.length > 0 && !crashes.at(-1)!.restarting && !host.running;

      store.getState().run(doc, settings);
      expect(store.getState().status).toBe('running');
      if (validate) {
        tally.validations++;
        validations.push(
          client.validate(doc).then(
            ({ problems }) => expect(problems.filter((p) => p.severity === 'error')).toEqual([]),
            (e: unknown) => {
              expect(e).toBeInstanceOf(EngineRequestError);
              expect((e as EngineRequestError).code).toBe(ENGINE_CRASHED);
              tally.validationCrashes++;
            },
          ),
        );
      }
      let killed = false;
      for (let tick = 0; tick < Math.max(killAfter, stopAfter) + 1; tick++) {
        if (stop && tick === stopAfter) store.getState().stop();
        if (kill && tick === killAfter) {
          const victim = spawned.at(-1)!;
          if (!victim.dead) {
            victim.crash(pick([1, 134, 0, 9, 139]));
            killed = true;
          }
        }
        await settle();
      }
      if (killed) {
        tally.killed++;
        lastKill = i;
      }
      await until(`run ${i} (status ${store.getState().status})`, () => !['running', 'paused'].includes(store.getState().status));
      const s = store.getState();
      if (s.status === 'crashed') {
        tally.crashed++;
        // Killed in this run, or just after the previous one ended: a Run sent before the
        // renderer heard of that death goes to the dead port, and is answered by the crash report.
        expect(lastKill).toBeGreaterThanOrEqual(i - 1);
        expect(s.message).toMatch(/^The engine stopped unexpectedly \(the engine process exited with code \d+\)/);
        // Nothing of the dead run is written later (its throttled progress and plot updates are dropped).
        const snapshot = { step: s.step, simulatedMs: s.simulatedMs, results: s.results };
        await new Promise((r) => setTimeout(r, LIVE_UPDATE_MS + 20));
        const later = store.getState();
        expect({ step: later.step, simulatedMs: later.simulatedMs, results: later.results }).toEqual(snapshot);
        expect(later.status).toBe('crashed');
      } else {
        expect(s.status, `run ${i}: ${s.message}`).toBe(stop ? s.status : 'done');
        expect(['done', 'stopped']).toContain(s.status);
        if (s.status === 'done') {
          tally.done++;
          expect(s.step).toBe(durationMs * 10);
        } else tally.stopped++;
        if (wasDown) tally.downRestarts++;
      }
      // Every request of this run (run, stop, validation) has its answer.
      await until(`answers to ${[...open.values()].join(', ')}`, () => open.size === 0);
    }
    await Promise.all(validations);
    host.dispose();
    for (const p of spawned) expect(p.dead).toBe(true);
    expect(JSON.stringify(doc)).toBe(before);
    console.log(`engine faults: ${JSON.stringify({ ...tally, processes: spawned.length, gaveUp: crashes.filter((c) => !c.restarting).length })}`);
    // The faults really happened, on every path: crashes mid-run, main giving up, runs after that.
    expect(tally.crashed).toBeGreaterThan(RUNS / 10);
    expect(tally.done).toBeGreaterThan(RUNS / 3);
    expect(tally.stopped).toBeGreaterThan(0);
    expect(tally.validationCrashes).toBeGreaterThan(0);
    expect(tally.downRestarts).toBeGreaterThan(0);
    expect(crashes.some((c) => c.exitCode === 0)).toBe(true);
  }, 600_000);
});
