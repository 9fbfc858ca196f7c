/**
 * Loading a native TensorFlow binding (@tensorflow/tfjs-node or -gpu) by module specifier: a
 * package name (the CLI) or a file URL main resolved (the desktop engine process). Free of Node
 * builtins so the engine process's start-up can use it; src/engine/node/tfjsLoader.ts builds the
 * CLI's loader on it.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface NativeLoader {
  /**
   * Import the specifiers in order until one registers a "tensorflow" backend with the tfjs-core
   * this engine uses (a second copy of tfjs-core would register it elsewhere, which counts as
   * absent). Tried once; never throws.
   */
  readonly load: () => Promise<boolean>;
  /** The specifier that loaded, or null (none did, or not tried yet). */
  readonly loaded: () => string | null;
}

export function createNativeLoader(specifiers: readonly string[], importModule: (specifier: string) => Promise<unknown> = (s) => import(/* @vite-ignore */ s)): NativeLoader {
  let tried: Promise<boolean> | null = null;
  let loaded: string | null = null;
  const load = (): Promise<boolean> => {
    tried ??= (async () => {
      for (const specifier of specifiers) {
        try {
          await importModule(specifier);
          if (tf.findBackendFactory('tensorflow') != null) {
            loaded = specifier;
            return true;
          }
        } catch {
          // Not installed, or libtensorflow missing/broken: try the next, then fall back to WASM.
        }
      }
      return false;
    })();
    return tried;
  };
  return { load, loaded: () => loaded };
}
