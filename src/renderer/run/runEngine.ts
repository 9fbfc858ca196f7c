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
import type { RunEngine } from './runEngineTypes';

export { portRunEngine, type RunEngine } from './runEngineTypes';

/** Start a module Web Worker on the engine entry. */
export function startWorkerRunEngine(): RunEngine {
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
    tfjsWasm: tfjsWasmFiles(),
    onCrash(listener) {
      crashed = listener;
    },
    terminate: () => worker.terminate(),
  };
}

let desktopClient: EngineClient | null = null;

/** In Electron, runs share the renderer's one connection to the engine process (App hands it over). */
export function shareDesktopEngine(client: EngineClient | null): void {
  desktopClient = client;
}

function desktopApi(): SnnDesktopApi | undefined {
  return (globalThis as { window?: { snn?: SnnDesktopApi } }).window?.snn;
}

/** Remembered across runs: after main gave up restarting, the next Run must ask it to connect again. */
let engineDown = false;

function desktopRunEngine(client: EngineClient, api: SnnDesktopApi): RunEngine {
  if (engineDown) {
    engineDown = false;
    void api.connectEngine();
  }
  let crashed: ((message: string) => void) | null = null;
  const off = api.onEngineCrashed((info) => {
    if (!info.restarting) engineDown = true;
    const l = crashed;
    crashed = null;
    l?.(`the engine process exited with code ${info.exitCode}`);
  });
  return {
    client,
    onCrash(listener) {
      crashed = listener;
    },
    terminate: off,
  };
}

/** The engine for the next run: the desktop engine process when there is one, else a Web Worker. */
export function startRunEngine(): RunEngine {
  const api = desktopApi();
  if (desktopClient && api?.connectEngine) return desktopRunEngine(desktopClient, api);
  return startWorkerRunEngine();
}

export type { EngineEvent };
