/**
 * The run's own engine worker. Runs use a worker of their own (not the one that validates as
 * the user types) so a crash of a run never takes validation down, and a crashed worker is
 * replaced by a fresh one at the next Run.
 */
import type { EngineEvent, EnginePort } from '../../shared/protocol';
import { EngineClient } from '../engine/EngineClient';

/** A port over a browser Worker (transfer lists pass through). */
function workerPort(worker: Worker): EnginePort {
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage(listener) {
      const h = (e: MessageEvent): void => listener(e.data);
      worker.addEventListener('message', h);
      return () => worker.removeEventListener('message', h);
    },
  };
}

export interface RunEngine {
  readonly client: EngineClient;
  /** Called once if the worker dies (uncaught error, out of memory). */
  onCrash(listener: (message: string) => void): void;
  terminate(): void;
}

/** Start a module Web Worker on the engine entry. */
export function startRunEngine(): RunEngine {
  const worker = new Worker(new URL('../../engine/worker/entry.ts', import.meta.url), { type: 'module', name: 'snn-run-engine' });
  let crashed: ((message: string) => void) | null = null;
  const report = (message: string): void => {
    const l = crashed;
    crashed = null;
    l?.(message);
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    report(e.message || 'the engine worker stopped unexpectedly');
  });
  worker.addEventListener('messageerror', () => report('the engine sent a message that could not be read'));
  return {
    client: new EngineClient(workerPort(worker)),
    onCrash(listener) {
      crashed = listener;
    },
    terminate: () => worker.terminate(),
  };
}

/** An engine over any port (tests, Electron's MessagePort); it never reports crashes by itself. */
export function portRunEngine(port: EnginePort, terminate: () => void = () => {}): RunEngine {
  return { client: new EngineClient(port), onCrash() {}, terminate };
}

export type { EngineEvent };
