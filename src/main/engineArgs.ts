/**
 * Command-line arguments for the engine's utilityProcess. The engine runs in Node there, so it
 * tries native TensorFlow (@tensorflow/tfjs-node-gpu, then @tensorflow/tfjs-node) first, as the CLI
 * does, and otherwise reads tfjs-backend-wasm's binaries from disk. Main resolves both (the engine
 * core cannot import Node builtins, and the renderer's bundled URLs mean nothing to Node) and
 * passes the native modules as file URLs in the order to try.
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import { TFJS_NATIVE_FLAG, TFJS_WASM_FLAG } from '../shared/engineFlags';

export { TFJS_NATIVE_FLAG, TFJS_WASM_FLAG };

/** Tried in this order: the CUDA build first (it is the reason to go native), then the CPU build. */
export const NATIVE_MODULES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

type Resolve = (id: string) => string;
const defaultResolve = (): Resolve => createRequire(import.meta.url).resolve;

// Packaged apps keep native and .wasm files outside the asar archive (electron-builder.yml asarUnpack).
const unpacked = (path: string): string => path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);

/** Folder of the .wasm files with a trailing separator, or null when the package is not installed. */
export function tfjsWasmFolder(resolve: Resolve = defaultResolve()): string | null {
  try {
    return unpacked(join(dirname(resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep);
  } catch {
    return null;
  }
}

/**
 * File URLs of the native TensorFlow modules that are installed, in the order to try; empty when
 * none is (the usual case: the optional dependency needs a libtensorflow download). Resolving
 * only finds the package; whether its binding loads is the engine process's to find out.
 */
export function tfjsNativeModules(resolve: Resolve = defaultResolve()): string[] {
  const found: string[] = [];
  for (const name of NATIVE_MODULES) {
    try {
      // Not rewritten to app.asar.unpacked: Electron loads a package's .node binding from there itself.
      found.push(pathToFileURL(resolve(name)).href);
    } catch {
      // Not installed.
    }
  }
  return found;
}

export function engineArgs(folder: string | null = tfjsWasmFolder(), native: readonly string[] = tfjsNativeModules()): string[] {
  return [...native.map((url) => `${TFJS_NATIVE_FLAG}${url}`), ...(folder === null ? [] : [`${TFJS_WASM_FLAG}${folder}`])];
}
