/**
 * The engine entry's Electron utilityProcess branch, in Node: main's `{type: 'engine:connect'}`
 * with a transferred port (src/main/engineHost.ts) gives the renderer an engine on that port;
 * several connections are served at once; closing a port stops its run; tfjs finds its WASM
 * files from the folder main passes on the command line (src/main/engineArgs.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { EngineEvent, EngineRequest } from '../../src/shared/protocol';
import { CONNECT_MESSAGE } from '../../src/main/engineHost';
import { engineArgs } from '../../src/main/engineArgs';
import { drivenLif, lifPeriodMs } from './networks';
import { serveEngine } from '../../src/engine/worker/host';
import { RunSession } from '../../src/engine/worker/runSession';

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** The renderer's end of one connection. */
class Connection {
  readonly events: EngineEvent[] = [];
  private nextId = 1;
  private waiters: Array<() => void> = [];
  constructor(readonly port: MessagePort) {
    port.on('message', (e: EngineEvent) => {
      this.events.push(e);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  send(body: Body): number {
    const id = this.nextId++;
    this.port.postMessage({ ...body, id });
    return id;
  }
  /** The first matching event; gives up (a hang, not a measurement) after `timeoutMs`. */
  async until(match: (e: EngineEvent) => boolean, timeoutMs = 60_000): Promise<EngineEvent> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.events.find(match);
      if (hit) return hit;
      if (performance.now() > deadline) throw new Error(`timed out; events: ${this.events.map((e) => e.type).join(',')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}

let worker: Worker | null = null;

async function utilityProcess(): Promise<Worker> {
  const w = new Worker(new URL('./utilityProcess.mjs', import.meta.url), { argv: engineArgs() });
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
  worker = w;
  return w;
}

/** What main does on `engine:connect`: a channel, port1 to the process, port2 to the renderer. */
function connect(w: Worker, message: unknown = CONNECT_MESSAGE): Connection {
  const { port1, port2 } = new MessageChannel();
  w.postMessage({ data: message, port: port1 }, [port1]);
  return new Connection(port2);
}

function spikeCount(c: Connection, id: number): number {
  let n = 0;
  for (const e of c.events) if (e.id === id && e.type === 'batch') for (const s of e.batch.spikes) n += s.steps.length;
  return n;
}

afterEach(async () => {
  await worker?.terminate();
  worker = null;
});

describe('utilityProcess entry', () => {
  it('serves the protocol on the port main transfers with engine:connect', async () => {
    const w = await utilityProcess();
    const c = connect(w);
    const id = c.send({ type: 'validate', document: { nodes: [{ id: 'E', kind: 'population', model: 'LIF', size: -1 }] } });
    const problems = await c.until((e) => e.id === id && e.type === 'problems');
    expect(problems.type === 'problems' && problems.problems.length).toBeGreaterThan(0);
    await c.until((e) => e.id === id && e.type === 'done');
  }, 60_000);

  it('runs on typed and on tfjs-wasm over two connections at once, with the closed-form spike count', async () => {
    const w = await utilityProcess();
    const typed = connect(w);
    const tfjs = connect(w);
    const doc = drivenLif({ size: 5, duration: '100 ms', amplitude: '2 nA' }) as { simulation: object };
    const a = typed.send({ type: 'run', document: doc });
    const b = tfjs.send({ type: 'run', document: { ...doc, simulation: { ...doc.simulation, backend: 'tfjs' } } });
    const startedA = await typed.until((e) => e.id === a && e.type === 'started');
    const startedB = await tfjs.until((e) => e.id === b && e.type === 'started');
    expect(startedA.type === 'started' && startedA.backend).toBe('typed');
    // WASM from the folder main passed on the command line (tfjs-node does not install here).
    expect(startedB.type === 'started' && startedB.backend).toBe('tfjs-wasm');
    await typed.until((e) => e.id === a && e.type === 'done');
    await tfjs.until((e) => e.id === b && e.type === 'done');
    const n = spikeCount(typed, a);
    expect(spikeCount(tfjs, b)).toBe(n);
    // Uniform initial voltages: each neuron fires once per period after its first crossing, so
    // the count lies within one spike per neuron of 5 x 100 ms / T.
    const perNeuron = 100 / lifPeriodMs(2);
    expect(n).toBeGreaterThanOrEqual(5 * Math.floor(perNeuron));
    expect(n).toBeLessThanOrEqual(5 * Math.ceil(perNeuron) + 5);
  }, 90_000);

  it('ignores other messages on parentPort and keeps serving new connections after one closes mid-run', async () => {
    const w = await utilityProcess();
    const stray = connect(w, { type: 'something-else' });
    stray.send({ type: 'validate', document: {} });
    const c = connect(w);
    const id = c.send({ type: 'run', document: drivenLif({ size: 2000, duration: '100 s' }) });
    await c.until((e) => e.id === id && e.type === 'progress');
    c.port.close();
    // A third connection still works beside the abandoned one.
    const d = connect(w);
    const v = d.send({ type: 'validate', document: drivenLif() });
    await d.until((e) => e.id === v && e.type === 'done');
    expect(stray.events).toEqual([]);
    const r = d.send({ type: 'run', document: drivenLif({ size: 5, duration: '20 ms' }) });
    await d.until((e) => e.id === r && e.type === 'done', 20_000);
  }, 60_000);
});

describe('a closed connection', () => {
  it('stops its run: the stop function of serveEngine disposes the run session', async () => {
    const events: EngineEvent[] = [];
    let deliver: (m: unknown) => void = () => {};
    const stop = serveEngine(
      { postMessage: (m) => void events.push(m as EngineEvent), onMessage: (l) => ((deliver = l), () => (deliver = () => {})) },
      new RunSession(),
    );
    deliver({ type: 'run', id: 1, document: drivenLif({ size: 2000, duration: '100 s' }) });
    await vi.waitFor(() => expect(events.some((e) => e.type === 'progress')).toBe(true), { timeout: 30_000, interval: 5 });
    stop();
    const before = events.filter((e) => e.type === 'batch').length;
    await vi.waitFor(() => expect(events.some((e) => e.type === 'done')).toBe(true), { timeout: 30_000, interval: 5 });
    expect(events.find((e) => e.type === 'done')).toEqual({ type: 'done', id: 1, stopped: true });
    // At most the chunk in flight finishes (how soon, on an injected clock: controlLatency.test.ts).
    expect(events.filter((e) => e.type === 'batch').length).toBeLessThanOrEqual(before + 1);
  }, 40_000);
});
