/**
 * Node twin of src/engine/worker/entry.ts for worker_threads: wraps `parentPort` in an
 * EnginePort and calls the same serveEngine host the browser worker and utilityProcess use.
 */
import { parentPort } from 'node:worker_threads';
import { serveEngine } from '../../src/engine/worker/host';

if (!parentPort) throw new Error('engineWorker.ts must run inside a worker thread.');
const port = parentPort;
serveEngine({
  postMessage: (message, transfer) => port.postMessage(message, transfer ?? []),
  onMessage(listener) {
    const h = (m: unknown): void => listener(m);
    port.on('message', h);
    return () => port.off('message', h);
  },
});
