/**
 * Connect to the engine: in Electron, main hands the renderer a MessagePort to the engine's
 * utilityProcess (so run data never passes through main); in a browser, a module Web Worker.
 */
import { ENGINE_PORT_MESSAGE, type SnnDesktopApi } from '../../shared/ipc';
import type { EnginePort } from '../../shared/protocol';
import { EngineClient } from './EngineClient';

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

/** A port whose messages queue until the real one arrives (Electron sends it asynchronously). */
function deferredPort(): { port: EnginePort; attach(real: EnginePort): void } {
  let real: EnginePort | null = null;
  const queue: Array<[unknown, ArrayBuffer[] | undefined]> = [];
  const listeners = new Set<(m: unknown) => void>();
  return {
    port: {
      postMessage: (m, t) => (real ? real.postMessage(m, t) : queue.push([m, t])),
      onMessage(l) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    attach(p) {
      real = p;
      p.onMessage((m) => listeners.forEach((l) => l(m)));
      for (const [m, t] of queue.splice(0)) p.postMessage(m, t);
    },
  };
}

export function startEngine(): EngineClient {
  const api = (window as unknown as { snn?: SnnDesktopApi }).snn;
  if (!api?.connectEngine) return startWorkerEngine();
  const d = deferredPort();
  window.addEventListener('message', (e: MessageEvent) => {
    if ((e.data as { type?: unknown } | null)?.type === ENGINE_PORT_MESSAGE && e.ports[0]) d.attach(messagePortPort(e.ports[0]));
  });
  void api.connectEngine();
  return new EngineClient(d.port);
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
