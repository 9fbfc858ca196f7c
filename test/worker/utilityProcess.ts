/**
 * Plays Electron's utilityProcess inside a Node worker thread: installs a `process.parentPort`
 * that delivers `{data, ports}` events (ports wrapped to look like MessagePortMain, whose
 * listeners get `{data}` rather than the value), then loads the real engine entry, which must
 * take its utility branch. The test posts `{data, port}` with the port transferred.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { mainPort } from './mainPort';

if (!parentPort) throw new Error('utilityProcess.ts must run inside a worker thread.');
const parent = parentPort;

(process as unknown as { parentPort: unknown }).parentPort = {
  on(_type: 'message', listener: (event: unknown) => void) {
    parent.on('message', (m: { data: unknown; port?: MessagePort }) => listener({ data: m.data, ports: m.port ? [mainPort(m.port)] : [] }));
  },
};

await import('../../src/engine/worker/entry');
parent.postMessage({ ready: true });
