/**
 * The one engine worker entry. Loaded as a browser Web Worker (module), it serves the protocol
 * on the worker's global scope; loaded as an Electron utilityProcess it serves on
 * `process.parentPort`. Node worker_threads wrap `parentPort` in src/engine/node and call
 * serveEngine themselves (Node built-ins stay out of the engine core).
 */
import type { EnginePort } from '../../shared/protocol';
import { serveEngine } from './host';

interface MessageScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(type: 'message', listener: (event: { data: unknown }) => void): void;
  off(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** A port over a Web Worker scope or a MessagePort. */
export function scopePort(scope: MessageScope): EnginePort {
  return {
    postMessage: (message, transfer) => scope.postMessage(message, transfer ?? []),
    onMessage(listener) {
      const h = (event: { data: unknown }): void => listener(event.data);
      scope.addEventListener('message', h);
      return () => scope.removeEventListener('message', h);
    },
  };
}

/** A port over Electron's utilityProcess `process.parentPort` (it has no transfer list for plain buffers). */
export function parentPortPort(parent: ParentPort): EnginePort {
  return {
    postMessage: (message) => parent.postMessage(message),
    onMessage(listener) {
      const h = (event: { data: unknown }): void => listener(event.data);
      parent.on('message', h);
      return () => parent.off('message', h);
    },
  };
}

function detectPort(): EnginePort | null {
  const g = globalThis as unknown as { process?: { parentPort?: ParentPort }; WorkerGlobalScope?: unknown } & Partial<MessageScope>;
  if (g.process?.parentPort) return parentPortPort(g.process.parentPort);
  if (g.WorkerGlobalScope !== undefined && typeof g.postMessage === 'function') return scopePort(g as MessageScope);
  return null;
}

const port = detectPort();
if (port) serveEngine(port);
