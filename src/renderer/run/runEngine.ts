/**
 * The run's engine. In a browser: a module Web Worker of its own (not the one that validates as
 * the user types), so a crash of a run never takes validation down, and a crashed worker is
 * replaced by a fresh one at the next Run. In Electron: the engine utilityProcess, reached over
 * the MessagePort main handed the renderer (shared with validation: main owns the process,
 * restarts it after a crash and sends a fresh port, see src/main/engineHost.ts).
 */
import type { SnnDesktopApi } from '../../shared/ipc';
import type { EngineEvent } from '../../shared/protocol';
import { EngineClient } from '../engine/EngineClient';
import { workerPort } from '../engine/startEngine';
import { tfjsWasmFiles } from './tfjsWasm';
import { clientRunEngine, type RunEngine } from './runEngineTypes';

export { clientRunEngine, portRunEngine, type RunEngine } from './runEngineTypes';

/** Start a module Web Worker on the engine entry. */
export function startWorkerRunEngine(): RunEngine {
  const worker = new Worker(new URL('../../engine/worker/entry.ts', import.meta.url), { type: 'module', name: 'snn-run-engine' });
  const client = new EngineClient(workerPort(worker));
  // The worker is dead after an uncaught error: answer whatever waits on it (the run, a stop).
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    client.detach(e.message || 'the engine worker stopped unexpectedly');
  });
  worker.addEventListener('messageerror', () => client.detach('the engine sent a message that could not be read'));
  return { ...clientRunEngine(client, () => worker.terminate()), tfjsWasm: tfjsWasmFiles() };
}

let desktopClient: EngineClient | null = null;

/** In Electron, runs share the renderer's one connection to the engine process (App hands it over). */
export function shareDesktopEngine(client: EngineClient | null): void {
  desktopClient = client;
}

function desktopApi(): SnnDesktopApi | undefined {
  return (globalThis as { window?: { snn?: SnnDesktopApi } }).window?.snn;
}

/** The engine for the next run: the desktop engine process when there is one, else a Web Worker. */
export function startRunEngine(): RunEngine {
  const api = desktopApi();
  // The shared connection itself reconnects after a crash (startEngine.ts); ending a run only
  // stops listening, never closes the connection validation uses too.
  if (desktopClient && api?.connectEngine) return clientRunEngine(desktopClient, () => {});
  return startWorkerRunEngine();
}

export type { EngineEvent };
