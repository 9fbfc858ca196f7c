/**
 * The desktop engine process tries native TensorFlow first (issue 18): main resolves
 * @tensorflow/tfjs-node(-gpu) and passes them on the utilityProcess's command line beside the WASM
 * folder (src/main/engineArgs.ts); the engine entry's utility branch makes tfjs start native first
 * and fall back to that WASM folder. tfjs-node cannot install here, so a fake module stands in:
 * it registers a "tensorflow" backend (the CPU kernels under that name) as the real one does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { EngineEvent } from '../../src/shared/protocol';
import { CONNECT_MESSAGE, EngineHost, type EngineProcessLike } from '../../src/main/engineHost';
import { NATIVE_MODULES, TFJS_NATIVE_FLAG, TFJS_WASM_FLAG, engineArgs, tfjsNativeModules, tfjsWasmFolder } from '../../src/main/engineArgs';
import { TFJS_NATIVE_FLAG as ENGINE_NATIVE_FLAG, TFJS_WASM_FOLDER_FLAG, readEngineArgs } from '../../src/engine/backends/tfjs/processDefaults';
import { drivenLif } from '../worker/networks';

const FAKE_NATIVE = pathToFileURL(new URL('./fixtures/fakeTfjsNode.mjs', import.meta.url).pathname).href;
const BROKEN_NATIVE = pathToFileURL(new URL('./fixtures/brokenTfjsNode.mjs', import.meta.url).pathname).href;

describe('engineArgs: native TensorFlow first', () => {
  it('passes the installed native modules as file URLs, GPU build first, then the WASM folder', () => {
    const installed: Record<string, string> = {
      '@tensorflow/tfjs-node-gpu': '/app/node_modules/@tensorflow/tfjs-node-gpu/dist/index.js',
      '@tensorflow/tfjs-node': '/app/node_modules/@tensorflow/tfjs-node/dist/index.js',
    };
    const resolve = (id: string): string => {
      if (installed[id]) return installed[id];
      throw new Error(`Cannot find module '${id}'`);
    };
    expect(NATIVE_MODULES).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(tfjsNativeModules(resolve)).toEqual(['file:///app/node_modules/@tensorflow/tfjs-node-gpu/dist/index.js', 'file:///app/node_modules/@tensorflow/tfjs-node/dist/index.js']);
    delete installed['@tensorflow/tfjs-node-gpu'];
    const args = engineArgs('/app/wasm/', tfjsNativeModules(resolve));
    expect(args).toEqual([`${TFJS_NATIVE_FLAG}file:///app/node_modules/@tensorflow/tfjs-node/dist/index.js`, `${TFJS_WASM_FLAG}/app/wasm/`]);
    // What the engine reads back is what main wrote; the flag names are the engine's.
    expect(TFJS_NATIVE_FLAG).toBe(ENGINE_NATIVE_FLAG);
    expect(TFJS_WASM_FLAG).toBe(TFJS_WASM_FOLDER_FLAG);
    expect(readEngineArgs(args)).toEqual({ native: ['file:///app/node_modules/@tensorflow/tfjs-node/dist/index.js'], wasmFolder: '/app/wasm/' });
  });

  it('passes only the WASM folder when no native module is installed (as on this machine)', () => {
    expect(tfjsNativeModules()).toEqual([]);
    expect(engineArgs()).toEqual([`${TFJS_WASM_FLAG}${tfjsWasmFolder()}`]);
    expect(readEngineArgs(['--inspect'])).toEqual({ native: [] });
  });

  it('EngineHost starts the utilityProcess with those arguments, again on a restart', () => {
    const spawned: Array<{ entry: string; args: readonly string[] }> = [];
    let exit = null as ((code: number) => void) | null;
    const args = engineArgs('/app/wasm/', [FAKE_NATIVE]);
    const host = new EngineHost<string>({
      entryPath: '/out/main/engineWorker.js',
      args,
      spawn: (entry, a): EngineProcessLike => {
        spawned.push({ entry, args: a });
        return { postMessage: () => undefined, on: (_e, l) => (exit = l), kill: () => true };
      },
      createChannel: () => ({ port1: 'a', port2: 'b' }),
      sendPort: () => undefined,
      notifyCrash: () => undefined,
      now: () => 0,
    });
    host.connect();
    exit?.(1);
    expect(spawned).toEqual([
      { entry: '/out/main/engineWorker.js', args: [`${TFJS_NATIVE_FLAG}${FAKE_NATIVE}`, `${TFJS_WASM_FLAG}/app/wasm/`] },
      { entry: '/out/main/engineWorker.js', args: [`${TFJS_NATIVE_FLAG}${FAKE_NATIVE}`, `${TFJS_WASM_FLAG}/app/wasm/`] },
    ]);
  });
});

let worker: Worker | null = null;
afterEach(async () => {
  await worker?.terminate();
  worker = null;
});

/** The engine entry in a worker thread playing the utilityProcess (test/worker/utilityProcess.ts), with `argv`. */
async function engineProcess(argv: string[]): Promise<Worker> {
  const w = new Worker(new URL('../worker/utilityProcess.mjs', import.meta.url), { argv });
  worker = w;
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
  return w;
}

/** Run a small LIF network with backend "tfjs" and return the backend the engine reports. */
async function tfjsFlavourOf(w: Worker): Promise<string> {
  const { port1, port2 } = new MessageChannel();
  w.postMessage({ data: CONNECT_MESSAGE, port: port1 }, [port1]);
  const doc = drivenLif({ size: 3, duration: '5 ms' }) as { simulation: object };
  const events: EngineEvent[] = [];
  const done = new Promise<void>((resolve) => {
    (port2 as MessagePort).on('message', (e: EngineEvent) => {
      events.push(e);
      if (e.type === 'done' || e.type === 'error') resolve();
    });
  });
  port2.postMessage({ type: 'run', id: 1, document: { ...doc, simulation: { ...doc.simulation, backend: 'tfjs' } } });
  await done;
  port2.close();
  const error = events.find((e) => e.type === 'error');
  if (error) throw new Error(JSON.stringify(error));
  const started = events.find((e) => e.type === 'started');
  return started && started.type === 'started' ? started.backend : 'none';
}

describe('the engine process (utilityProcess entry) with main\'s arguments', () => {
  it('runs tfjs on native TensorFlow when the module main passed loads', async () => {
    expect(await tfjsFlavourOf(await engineProcess(engineArgs(tfjsWasmFolder(), [FAKE_NATIVE])))).toBe('tfjs-node');
  });

  it('falls back to WASM from main\'s folder when the native module fails to load', async () => {
    expect(await tfjsFlavourOf(await engineProcess(engineArgs(tfjsWasmFolder(), [BROKEN_NATIVE])))).toBe('tfjs-wasm');
  });

  it('tries the next native module when the first fails (GPU build broken, CPU build fine)', async () => {
    expect(await tfjsFlavourOf(await engineProcess(engineArgs(tfjsWasmFolder(), [BROKEN_NATIVE, FAKE_NATIVE])))).toBe('tfjs-node');
  });
});
