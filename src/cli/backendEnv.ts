/**
 * The Node side of backend selection for the CLI: tfjs with native libtensorflow when
 * @tensorflow/tfjs-node loads, else WASM from the package's files on disk. simulate() stays free
 * of Node builtins; this hands it what only Node can know.
 */
import { createRequire } from 'node:module';
import { BACKENDS, type BackendChoice } from '../shared/document';
import type { SelectEnvironment } from '../engine/backends/select';

/** The GPU build of tfjs-node, the only thing that lets "auto" pick tfjs (src/engine/backends/select.ts). */
const GPU_MODULE = '@tensorflow/tfjs-node-gpu';

/** Whether `name` is installed, found the way Node would find it, without loading it. */
function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The environment for `choice`. tfjs and its native module load only when they can run: for
 * "tfjs", and for "auto" when a GPU build is installed (without one, auto always picks typed, so
 * loading tfjs-core and trying tfjs-node would only cost start-up time).
 */
export async function tfjsEnvironment(choice: BackendChoice, isInstalled: (name: string) => boolean = installed): Promise<SelectEnvironment> {
  if (choice === 'typed') return {};
  if (choice === 'auto' && !isInstalled(GPU_MODULE)) return { native: null };
  const [{ createTfjsBackend }, loader] = await Promise.all([import('../engine/backends/tfjs'), import('../engine/node/tfjsLoader')]);
  // Loading the native module first lets "auto" see whether a GPU build is there.
  await loader.loadNativeTfjs();
  return { tfjs: createTfjsBackend(loader.nodeTfjsOptions()), native: loader.nativeKind() };
}

/** Why this backend: the flag, or the project's setting, and what "auto" means. */
export function describeChoice(choice: BackendChoice, flag: BackendChoice | undefined): string {
  const source = flag !== undefined ? '--backend' : "the project's simulation.backend";
  return choice === 'auto' ? `auto from ${source}: typed unless a GPU build of TensorFlow is loaded and the network is large` : `${choice} from ${source}`;
}

/** The project's simulation.backend, "auto" (the schema's default) when absent or unreadable. */
export function projectBackend(document: unknown): BackendChoice {
  const value = (document as { simulation?: { backend?: unknown } } | null)?.simulation?.backend;
  return BACKENDS.find((b) => b === value) ?? 'auto';
}
