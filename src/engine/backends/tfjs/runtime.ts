/**
 * Which TensorFlow.js backend runs: native libtensorflow ("tfjs-node") when a loader for it is
 * given and succeeds, else WebAssembly with SIMD ("tfjs-wasm"), else plain JavaScript
 * ("tfjs-cpu"). WebGL ("tfjs-webgl", a browser page or a worker with OffscreenCanvas and WebGL 2)
 * is tried only when asked for (`prefer` or `order`): training picks it through
 * src/engine/training/backendChoice.ts; the simulation's tfjs backend keeps native, WASM, CPU.
 * tfjs keeps one global engine, so this is decided once per process (or worker) and every
 * instance shares it. Nothing here imports Node builtins: Node-only loading lives in
 * src/engine/node/tfjsLoader.ts and is handed in as `loadNative`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Importing the WASM package only registers the backend; the .wasm file loads at setBackend.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { TfjsWasmLocation } from '../../../shared/protocol';
import { tfjsProcessDefaults } from './processDefaults';

export type TfjsFlavour = 'tfjs-node' | 'tfjs-webgl' | 'tfjs-wasm' | 'tfjs-cpu';

/** What is tried, in order, when no `order` is given: the simulation's choice (WebGL only on request). */
export const DEFAULT_ORDER: readonly TfjsFlavour[] = ['tfjs-node', 'tfjs-wasm', 'tfjs-cpu'];

export interface TfjsRuntimeOptions {
  /**
   * Tries to load @tensorflow/tfjs-node and returns true when its "tensorflow" backend is now
   * registered with this tfjs-core. Must never throw for a missing or broken native module.
   */
  readonly loadNative?: () => Promise<boolean>;
  /**
   * Registers tfjs-backend-webgl and returns true when a "webgl" backend factory now exists
   * (default: loadWebglBackend). Only called when "tfjs-webgl" is in the order. Must never throw.
   */
  readonly loadWebgl?: () => Promise<boolean>;
  /**
   * Folder (Node: a file path ending in "/") or URL prefix (browser) holding the
   * tfjs-backend-wasm *.wasm files, or one URL per file (bundled, hashed names). Without it the
   * WASM backend looks next to its own script.
   */
  readonly wasmPath?: TfjsWasmLocation;
  /** Force one flavour (tests compare wasm and cpu); falls back like "auto" when it cannot load. */
  readonly prefer?: TfjsFlavour;
  /** The fallback order after `prefer` (default DEFAULT_ORDER). */
  readonly order?: readonly TfjsFlavour[];
}

const TF_NAMES: Readonly<Record<TfjsFlavour, string>> = { 'tfjs-node': 'tensorflow', 'tfjs-webgl': 'webgl', 'tfjs-wasm': 'wasm', 'tfjs-cpu': 'cpu' };

/**
 * Import tfjs-backend-webgl (its own chunk in a bundle, so a run that never asks for WebGL never
 * downloads it). The package registers "webgl" only where tfjs sees a browser: a page, or a Web
 * Worker (WorkerGlobalScope), where it draws on an OffscreenCanvas with WebGL 2. In Node it
 * registers nothing, so the answer there is false.
 */
export async function loadWebglBackend(): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-backend-webgl');
    return tf.findBackendFactory('webgl') != null;
  } catch {
    return false;
  }
}

/**
 * The GPU behind the running WebGL backend as the driver names it (WEBGL_debug_renderer_info),
 * e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))" for software GL; null when the
 * backend is not WebGL or the browser hides the name.
 */
export function webglRenderer(): string | null {
  if (tf.getBackend() !== 'webgl') return null;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLContextLike } }).gpgpu?.gl;
  return gl ? glRendererName(gl) || null : null;
}

/** The part of a WebGL context read here (the engine type-checks without the DOM library). */
export interface WebGLContextLike {
  readonly RENDERER: number;
  getExtension(name: string): unknown;
  getParameter(p: number): unknown;
}

/** A context's renderer as the driver names it (WEBGL_debug_renderer_info), "" when the browser hides it. */
export function glRendererName(gl: WebGLContextLike): string {
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null;
    const name = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return typeof name === 'string' ? name : '';
  } catch {
    return '';
  }
}

/** True for a renderer name that is a CPU rasteriser (SwiftShader, llvmpipe, ...), not a GPU. */
export function isSoftwareRenderer(name: string | null): boolean {
  return name !== null && /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(name);
}

let current: Promise<TfjsFlavour> | null = null;
let currentOptions: TfjsRuntimeOptions | null = null;

const sameLocation = (a: TfjsWasmLocation | undefined, b: TfjsWasmLocation | undefined): boolean =>
  a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

const sameOptions = (a: TfjsRuntimeOptions, b: TfjsRuntimeOptions): boolean =>
  a.prefer === b.prefer &&
  sameLocation(a.wasmPath, b.wasmPath) &&
  a.loadNative === b.loadNative &&
  a.loadWebgl === b.loadWebgl &&
  (a.order ?? DEFAULT_ORDER).join() === (b.order ?? DEFAULT_ORDER).join();

async function trySet(name: string): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function pick(given: TfjsRuntimeOptions): Promise<TfjsFlavour> {
  // What the process's start-up set (the desktop engine process: main's native modules and WASM folder).
  const defaults = tfjsProcessDefaults();
  const options: TfjsRuntimeOptions = { ...given, loadNative: given.loadNative ?? defaults.loadNative, wasmPath: given.wasmPath ?? defaults.wasmPath };
  // PROD silences tfjs's console advice ("install tfjs-node"): the app and CLI report the
  // flavour themselves, and a student should not read that a missing native module is an error.
  tf.env().set('PROD', true);
  const order: TfjsFlavour[] = [...(options.order ?? DEFAULT_ORDER)];
  if (options.prefer) order.unshift(options.prefer);
  for (const flavour of order) {
    if (flavour === 'tfjs-webgl') {
      let loaded = false;
      try {
        loaded = await (options.loadWebgl ?? loadWebglBackend)();
      } catch {
        loaded = false;
      }
      if (!loaded) continue;
    }
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
        setWasmPaths(typeof options.wasmPath === 'string' ? options.wasmPath : { ...options.wasmPath });
      } catch {
        // Only refused after a failed start; setBackend below then fails too and CPU is next.
      }
    }
    const restore = flavour === 'tfjs-wasm' ? keepProcessHandlers() : null;
    const ok = await trySet(TF_NAMES[flavour]);
    restore?.();
    if (ok) return flavour;
  }
  throw new Error(`TensorFlow.js could not start any backend (tried ${[...new Set(order)].join(', ')}).`);
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
