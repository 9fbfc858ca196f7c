/**
 * Node-only side of the tfjs backend: loads @tensorflow/tfjs-node (native libtensorflow) when it
 * is installed and working, and finds the WASM files on disk. The optional dependency often fails
 * to install (no libtensorflow download), so a missing or broken module only means "not native".
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createNativeLoader } from '../backends/tfjs/native';
import type { TfjsBackendOptions } from '../backends/tfjs';

/** Tried in this order: the CUDA build first (it is the reason to go native), then the CPU build. */
const NATIVE_MODULES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

const native = createNativeLoader(NATIVE_MODULES);

/**
 * Import tfjs-node(-gpu) once; true when its "tensorflow" backend is registered with the
 * tfjs-core this engine uses (a second copy of tfjs-core would register it elsewhere, which
 * counts as absent). Never throws.
 */
export const loadNativeTfjs = (): Promise<boolean> => native.load();

/** "gpu" when tfjs-node-gpu loaded, "cpu" for tfjs-node, null when no native module loaded (yet). */
export function nativeKind(): 'gpu' | 'cpu' | null {
  const name = native.loaded();
  if (name === null) return null;
  return name.endsWith('-gpu') ? 'gpu' : 'cpu';
}

/** Folder of tfjs-backend-wasm's .wasm files, with a trailing separator, or undefined if not found. */
export function wasmDirectory(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  } catch {
    return undefined;
  }
}

/** Options for createTfjsBackend in Node: native first, then WASM from disk, then CPU. */
export function nodeTfjsOptions(extra: Partial<TfjsBackendOptions> = {}): TfjsBackendOptions {
  const wasmPath = wasmDirectory();
  return { loadNative: loadNativeTfjs, ...(wasmPath ? { wasmPath } : {}), ...extra };
}
