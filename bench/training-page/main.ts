/**
 * The training bench in Chromium. Each call of window.benchTraining(request)
 * starts a fresh module Web Worker (as the app's engine runs) that trains the fixed Randman
 * configuration on that tfjs flavour (WebGL there draws on an OffscreenCanvas) and answers with
 * its timings, or with why the flavour could not start.
 */
import type { WorkerAnswer, WorkerRequest } from './worker';

interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}
/** The page globals used here (bench/ type-checks without the DOM library). */
declare const Worker: new (url: URL, options: { type: 'module' }) => WorkerLike;
const page = globalThis as unknown as {
  document: { title: string };
  benchTraining?: (request: WorkerRequest) => Promise<WorkerAnswer>;
};

page.benchTraining = (request) =>
  new Promise<WorkerAnswer>((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data as WorkerAnswer);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message ?? 'the training worker failed'));
    };
    worker.postMessage(request);
  });
page.document.title = 'ready';
