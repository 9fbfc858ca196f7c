/**
 * Connect to the engine: in Electron, main hands the renderer a MessagePort to the engine's
 * utilityProcess (so run data never passes through main); in a browser, a module Web Worker.
 */
import { desktopApi, onEnginePort } from '../platform/electronPlatform';
import type { EnginePort } from '../../shared/protocol';
import { EngineClient } from './EngineClient';
import { desktopEngineClient } from './desktopEngine';

function messagePortPort(port: MessagePort): EnginePort {
  port.start();
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer ?? []),
    onMessage(listener) {
      const h = (e: MessageEvent): void => listener(e.data);
      port.addEventListener('message', h);
      return () => port.removeEventListener('message', h);
    },
  };
}

export function startEngine(): EngineClient {
  const api = desktopApi();
  if (!api?.connectEngine) return startWorkerEngine();
  return desktopEngineClient(api, (listener) => onEnginePort((port, info) => listener(messagePortPort(port), info)));
}

/** A port over a browser Worker. */
export function workerPort(worker: Worker): EnginePort {
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage(listener) {
      const h = (e: MessageEvent): void => listener(e.data);
      worker.addEventListener('message', h);
      return () => worker.removeEventListener('message', h);
    },
  };
}

/** Start the engine as a module Web Worker (browser, and Electron's renderer until it hands us a port). */
export function startWorkerEngine(): EngineClient {
  const worker = new Worker(new URL('../../engine/worker/entry.ts', import.meta.url), { type: 'module', name: 'snn-engine' });
  return new EngineClient(workerPort(worker));
}
