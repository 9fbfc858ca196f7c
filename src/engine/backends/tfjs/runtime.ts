/**
 * Which TensorFlow.js backend runs: native libtensorflow ("tfjs-node") when a loader for it is
 * given and succeeds, else WebAssembly with SIMD ("tfjs-wasm"), else plain JavaScript
 * ("tfjs-cpu"). tfjs keeps one global engine, so this is decided once per process (or worker)
 * and every instance shares it. Nothing here imports Node builtins: Node-only loading lives in
 * src/engine/node/tfjsLoader.ts and is handed in as `loadNative`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Importing the WASM package only registers the backend; the .wasm file loads at setBackend.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TfjsFlavour = 'tfjs-node' | 'tfjs-wasm' | 'tfjs-cpu';

export interface TfjsRuntimeOptions {
  /**
   * Tries to load @tensorflow/tfjs-node and returns true when its "tensorflow" backend is now
   * registered with this tfjs-core. Must never throw for a missing or broken native module.
   */
  readonly loadNative?: () => Promise<boolean>;
  /**
   * Folder (Node: a file path ending in "/") or URL prefix (browser) holding the
   * tfjs-backend-wasm *.wasm files. Without it the WASM backend looks next to its own script.
   */
  readonly wasmPath?: string;
  /** Force one flavour (tests compare wasm and cpu); falls back like "auto" when it cannot load. */
  readonly prefer?: TfjsFlavour;
}

const TF_NAMES: Readonly<Record<TfjsFlavour, string>> = { 'tfjs-node': 'tensorflow', 'tfjs-wasm': 'wasm', 'tfjs-cpu': 'cpu' };

let current: Promise<TfjsFlavour> | null = null;
let currentOptions: TfjsRuntimeOptions | null = null;

const sameOptions = (a: TfjsRuntimeOptions, b: TfjsRuntimeOptions): boolean =>
  a.prefer === b.prefer && a.wasmPath === b.wasmPath && a.loadNative === b.loadNative;

async function trySet(name: string): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function pick(options: TfjsRuntimeOptions): Promise<TfjsFlavour> {
  // PROD silences tfjs's console advice ("install tfjs-node"): the app and CLI report the
  // flavour themselves, and a student should not read that a missing native module is an error.
  tf.env().set('PROD', true);
  const order: TfjsFlavour[] = ['tfjs-node', 'tfjs-wasm', 'tfjs-cpu'];
  if (options.prefer) order.unshift(options.prefer);
  for (const flavour of order) {
    if (flavour === 'tfjs-node') {
      if (!options.loadNative) continue;
      let loaded = false;
      try {
        loaded = await options.loadNative();
      } catch {
        loaded = false;
      }
      if (!loaded || tf.findBackend(TF_NAMES[flavour]) === undefined) continue;
    }
    if (flavour === 'tfjs-wasm' && options.wasmPath) {
      try {
        setWasmPaths(options.wasmPath);
      } catch {
        // Only refused after a failed start; setBackend below then fails too and CPU is next.
      }
    }
    const restore = flavour === 'tfjs-wasm' ? keepProcessHandlers() : null;
    const ok = await trySet(TF_NAMES[flavour]);
    restore?.();
    if (ok) return flavour;
  }
  throw new Error('TensorFlow.js could not start any backend (native, WASM or CPU).');
}

type Listener = (...args: unknown[]) => void;
interface ProcessLike {
  listeners(event: string): Listener[];
  removeListener(event: string, l: Listener): void;
}

/**
 * Emscripten's Node glue (inside tfjs-backend-wasm) adds process-wide "uncaughtException" and
 * "unhandledRejection" handlers that rethrow, so any later crash of the CLI would print the
 * whole minified WASM loader. Remove what it added; returns the undo step, or null in browsers.
 */
function keepProcessHandlers(): (() => void) | null {
  const proc = (globalThis as { process?: Partial<ProcessLike> }).process;
  if (!proc || typeof proc.listeners !== 'function' || typeof proc.removeListener !== 'function') return null;
  const p = proc as ProcessLike;
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = events.map((e) => new Set(p.listeners(e)));
  return () => {
    events.forEach((e, k) => {
      for (const l of p.listeners(e)) if (!before[k].has(l)) p.removeListener(e, l);
    });
  };
}

/**
 * Start (once) and return the flavour that runs. Calling again with other options switches
 * backend; tensors of instances made before the switch must not be used after it.
 */
export function startTfjs(options: TfjsRuntimeOptions = {}): Promise<TfjsFlavour> {
  if (!current || !currentOptions || !sameOptions(options, currentOptions)) {
    currentOptions = { ...options };
    const started = pick(options);
    current = started;
    started.catch(() => {
      if (current === started) current = null;
    });
  }
  return current;
}

export { tf };
