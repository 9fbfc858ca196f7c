/** Starts the engine host in a Node worker thread and collects its events per request id. */
import { Worker } from 'node:worker_threads';
import type { EngineEvent, EngineRequest } from '../../src/shared/protocol';

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export class EngineHarness {
  readonly worker: Worker;
  readonly events: EngineEvent[] = [];
  private nextId = 1;
  private listeners: ((e: EngineEvent) => void)[] = [];

  constructor() {
    this.worker = new Worker(new URL('./engineWorker.mjs', import.meta.url));
    this.worker.on('message', (e: EngineEvent) => {
      this.events.push(e);
      for (const l of [...this.listeners]) l(e);
    });
  }

  send(body: Body): number {
    const id = this.nextId++;
    this.worker.postMessage({ ...body, id });
    return id;
  }

  /** Resolves with the first event (arrived or arriving) that matches. */
  waitFor(match: (e: EngineEvent) => boolean, timeoutMs = 90_000): Promise<EngineEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for an engine event')), timeoutMs);
      const l = (e: EngineEvent): void => {
        if (!match(e)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((x) => x !== l);
        resolve(e);
      };
      this.listeners.push(l);
    });
  }

  of(id: number): EngineEvent[] {
    return this.events.filter((e) => e.id === id);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
