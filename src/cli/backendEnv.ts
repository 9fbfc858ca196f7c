/**
 * The Node side of backend selection for the CLI: tfjs with native libtensorflow when
 * @tensorflow/tfjs-node loads, else WASM from the package's files on disk. simulate() stays free
 * of Node builtins; this hands it what only Node can know.
 */
import { BACKENDS, type BackendChoice } from '../shared/document';
import type { SelectEnvironment } from '../engine/backends/select';

/** The environment for `choice`; typed needs nothing, so tfjs is not even imported then. */
export async function tfjsEnvironment(choice: BackendChoice): Promise<SelectEnvironment> {
  if (choice === 'typed') return {};
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
