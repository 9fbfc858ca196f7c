/**
 * The worker's side of backend selection: typed needs nothing; tfjs (and "auto", whose rule lives
 * in src/engine/backends/select.ts) loads TensorFlow.js lazily, so a worker that only validates
 * or runs on typed never downloads it. Where the WASM binaries are comes with the run request
 * (a browser worker: URLs of the files the bundler emitted) or from the process's start (the
 * Electron utilityProcess: a folder on disk).
 */
import type { Backend } from '../backend';
import type { BackendChoice } from '../../shared/document';
import type { TfjsWasmLocation } from '../../shared/protocol';
import type { NetworkIR } from '../ir';
import { typedBackend } from '../backends/typed';

export interface BackendPick {
  readonly backend: Backend;
  readonly warning?: string;
}

let defaultLocation: TfjsWasmLocation | undefined;
let appliedFileMap: string | null = null;

/** Where tfjs finds its WASM files when a run request does not say. */
export function setDefaultTfjsWasm(location: TfjsWasmLocation | undefined): void {
  defaultLocation = location;
}

/**
 * A file map must go to tfjs-backend-wasm directly (the tfjs backend's own option is a prefix,
 * and bundled file names carry hashes). It only takes effect before WASM first starts, which is
 * why a later, different map is ignored rather than an error.
 */
async function applyFileMap(files: Readonly<Record<string, string>>): Promise<void> {
  const key = JSON.stringify(files);
  if (appliedFileMap === key) return;
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  try {
    setWasmPaths({ ...files });
    appliedFileMap = key;
  } catch {
    // Refused after a failed start: tfjs then falls back to its CPU flavour, which the run reports.
  }
}

/** The backend for `choice`, with WASM located by `location` (or the process default). */
export async function pickBackend(choice: BackendChoice, ir: NetworkIR, location?: TfjsWasmLocation): Promise<BackendPick> {
  // "auto" prefers tfjs only when a native GPU build of TensorFlow is loaded (select.ts), which a
  // worker never loads (browser and utilityProcess run tfjs on WASM): auto is typed here, and
  // loading TensorFlow.js only to find that out delayed the first Run of every example.
  if (choice === 'typed' || choice === 'auto') return { backend: typedBackend };
  const [{ selectBackend }, tfjs] = await Promise.all([import('../backends/select'), import('../backends/tfjs')]);
  const where = location ?? defaultLocation;
  let backend = tfjs.tfjsBackend;
  if (typeof where === 'string') backend = tfjs.createTfjsBackend({ wasmPath: where });
  else if (where !== undefined) await applyFileMap(where);
  return { backend: selectBackend(choice, ir, { tfjs: backend }) };
}
