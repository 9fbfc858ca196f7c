/**
 * Command-line arguments for the engine's utilityProcess. The engine runs in Node there, so the
 * tfjs backend reads tfjs-backend-wasm's binaries from disk; main resolves their folder (the
 * engine core cannot import Node builtins, and the renderer's bundled URLs mean nothing to Node).
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/** Must match TFJS_WASM_FLAG in src/engine/worker/entry.ts (main does not import the engine). */
export const TFJS_WASM_FLAG = '--tfjs-wasm=';

/** Folder of the .wasm files with a trailing separator, or null when the package is not installed. */
export function tfjsWasmFolder(resolve: (id: string) => string = createRequire(import.meta.url).resolve): string | null {
  try {
    const folder = join(dirname(resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;
    // Packaged apps keep the .wasm files outside the asar archive (electron-builder.yml asarUnpack).
    return folder.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
  } catch {
    return null;
  }
}

export function engineArgs(folder: string | null = tfjsWasmFolder()): string[] {
  return folder === null ? [] : [`${TFJS_WASM_FLAG}${folder}`];
}
