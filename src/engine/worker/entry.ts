/**
 * The one engine worker entry. Loaded as a browser Web Worker (module), it serves the protocol
 * on the worker's global scope. Loaded as an Electron utilityProcess, it waits for main's
 * `{type: 'engine:connect'}` on `process.parentPort` and serves the MessagePort transferred with
 * it (src/main/engineHost.ts), so run data goes straight to the renderer, never through main.
 * Node worker_threads tests either wrap `parentPort` and call serveEngine (test/worker), or fake
 * `process.parentPort` to exercise this file's utility branch.
 */
import type { EnginePort } from '../../shared/protocol';
import { serveEngine } from './host';
import { serveConnections, type ParentPortLike } from './connections';
import { setDefaultTfjsWasm } from './backendChoice';
import { configureEngineProcess, readEngineArgs } from '../backends/tfjs/processDefaults';
import { withTraining } from './trainSession';

interface MessageScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
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

/** The flag main passes to the utilityProcess with the folder of tfjs-backend-wasm's binaries. */
export { TFJS_WASM_FLAG } from '../../shared/engineFlags';

interface Globals {
  process?: { parentPort?: ParentPortLike; argv?: readonly string[] };
  WorkerGlobalScope?: unknown;
}

function start(): void {
  const g = globalThis as unknown as Globals & Partial<MessageScope>;
  const parent = g.process?.parentPort;
  if (parent) {
    const { wasmFolder } = readEngineArgs(g.process?.argv ?? []);
    if (wasmFolder) setDefaultTfjsWasm(wasmFolder);
    // Native TensorFlow first where main found it installed, then WASM (see src/main/engineArgs.ts).
    configureEngineProcess(g.process?.argv ?? []);
    serveConnections(parent, (port) => serveEngine(withTraining(port)));
    return;
  }
  if (g.WorkerGlobalScope !== undefined && typeof g.postMessage === 'function') serveEngine(withTraining(scopePort(g as MessageScope)));
}

start();
