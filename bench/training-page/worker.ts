/**
 * The training bench's Web Worker: starts one tfjs flavour (no fallback: a flavour that cannot
 * start is reported, not replaced), registers the gradients, and times the fixed configuration
 * of bench/trainingEpochs.ts.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { startTfjs, webglRenderer, type TfjsFlavour } from '../../src/engine/backends/tfjs';
import { parseProjectFile } from '../../src/shared/projectFile';
import { selectTrainingBackend, type TrainingBackendChoice } from '../../src/engine/training/backendChoice';
import { timeTrainingEpochs, type EpochTiming } from '../trainingEpochs';

export interface WorkerRequest {
  /** A flavour to time, or "auto": only report what selectTrainingBackend picks here, and why. */
  readonly flavour: TfjsFlavour | 'auto';
  /** The text of resources/training/randman.snn (the page is built without it). */
  readonly projectText: string;
  readonly samples: number;
  readonly repeats: number;
}

export type WorkerAnswer =
  | { readonly ok: true; readonly timing: EpochTiming; readonly renderer: string | null }
  | { readonly ok: true; readonly choice: TrainingBackendChoice }
  | { readonly ok: false; readonly error: string };

const scope = globalThis as unknown as {
  location: { href: string };
  postMessage(message: WorkerAnswer): void;
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
};

async function answer(request: WorkerRequest): Promise<WorkerAnswer> {
  // The bench copies tfjs-backend-wasm's binaries beside the bundle.
  const wasmPath = new URL('./', scope.location.href).href;
  if (request.flavour === 'auto') return { ok: true, choice: await selectTrainingBackend('auto', { wasmPath }) };
  let started: TfjsFlavour;
  try {
    started = await startTfjs({ prefer: request.flavour, order: [], wasmPath });
  } catch (e) {
    return { ok: false, error: `${request.flavour} could not start here (${(e as Error).message})` };
  }
  const file = parseProjectFile(request.projectText);
  if (!file.ok) return { ok: false, error: file.problems.map((p) => p.message).join('; ') };
  const timing = timeTrainingEpochs(file.document, started, request.samples, request.repeats);
  return { ok: true, timing, renderer: webglRenderer() };
}

scope.onmessage = (event) => {
  answer(event.data).then(scope.postMessage, (e: Error) => scope.postMessage({ ok: false, error: e.stack ?? e.message }));
};
