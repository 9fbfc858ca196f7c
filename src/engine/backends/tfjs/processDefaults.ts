/**
 * What a process's start-up knows about TensorFlow.js that its run and training requests do not
 * say: in the desktop app's engine process (an Electron utilityProcess, Node), the native modules
 * and the WASM folder main found (src/main/engineArgs.ts). startTfjs uses these when its options
 * leave them out, so the simulation's tfjs backend and training both try native first there.
 * This file imports no tfjs, so setting the defaults at start-up loads nothing.
 */
import type { TfjsWasmLocation } from '../../../shared/protocol';
import { TFJS_NATIVE_FLAG, TFJS_WASM_FLAG } from '../../../shared/engineFlags';

export interface TfjsProcessDefaults {
  /** Loads a native TensorFlow binding; true when its "tensorflow" backend is registered. */
  readonly loadNative?: () => Promise<boolean>;
  /** Where tfjs-backend-wasm's binaries are. */
  readonly wasmPath?: TfjsWasmLocation;
}

let defaults: TfjsProcessDefaults = {};

/** Set once at process start, before the first startTfjs. */
export function setTfjsProcessDefaults(next: TfjsProcessDefaults): void {
  defaults = { ...next };
}

export function tfjsProcessDefaults(): TfjsProcessDefaults {
  return defaults;
}

/** The engine process's command-line flags, written by src/main/engineArgs.ts (src/shared/engineFlags.ts). */
export { TFJS_NATIVE_FLAG, TFJS_WASM_FLAG as TFJS_WASM_FOLDER_FLAG };

/** The module URLs and WASM folder in `argv` (absent flags: empty list, undefined). */
export function readEngineArgs(argv: readonly string[]): { readonly native: string[]; readonly wasmFolder?: string } {
  const native = argv.filter((a) => a.startsWith(TFJS_NATIVE_FLAG)).map((a) => a.slice(TFJS_NATIVE_FLAG.length)).filter(Boolean);
  const wasmFolder = argv.find((a) => a.startsWith(TFJS_WASM_FLAG))?.slice(TFJS_WASM_FLAG.length);
  return wasmFolder ? { native, wasmFolder } : { native };
}

/**
 * The engine process's start: native modules from main tried first (lazily, at the first tfjs
 * start), then WASM from main's folder. Without flags (a browser worker) nothing changes.
 */
export function configureEngineProcess(argv: readonly string[]): void {
  const { native, wasmFolder } = readEngineArgs(argv);
  let loading: Promise<boolean> | null = null;
  const loadNative = (): Promise<boolean> => (loading ??= import('./native').then((m) => m.createNativeLoader(native).load(), () => false));
  setTfjsProcessDefaults({ ...(native.length > 0 ? { loadNative } : {}), ...(wasmFolder ? { wasmPath: wasmFolder } : {}) });
}
