/**
 * Plays Electron's utilityProcess inside a Node worker thread: installs a `process.parentPort`
 * that delivers `{data, ports}` events (ports wrapped to look like MessagePortMain, whose
 * listeners get `{data}` rather than the value), then loads the real engine entry, which must
 * take its utility branch. The test posts `{data, port}` with the port transferred.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';

if (!parentPort) throw new Error('utilityProcess.ts must run inside a worker thread.');
const parent = parentPort;

type Listener = (event: unknown) => void;

function mainPort(port: MessagePort) {
  const wrapped = new Map<Listener, (value: unknown) => void>();
  return {
    postMessage: (message: unknown) => port.postMessage(message),
    on(type: 'message' | 'close', listener: Listener) {
      if (type === 'close') port.on('close', () => listener(undefined));
      else {
        const w = (value: unknown): void => listener({ data: value });
        wrapped.set(listener, w);
        port.on('message', w);
      }
    },
    off(_type: 'message', listener: Listener) {
      const w = wrapped.get(listener);
      if (w) port.off('message', w);
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

(process as unknown as { parentPort: unknown }).parentPort = {
  on(_type: 'message', listener: Listener) {
    parent.on('message', (m: { data: unknown; port?: MessagePort }) => listener({ data: m.data, ports: m.port ? [mainPort(m.port)] : [] }));
  },
};

await import('../../src/engine/worker/entry');
parent.postMessage({ ready: true });
