/**
 * A Node MessagePort wrapped to look like Electron's MessagePortMain (listeners get `{data}`
 * rather than the value): shared by the utilityProcess stand-ins of the main and worker tests.
 */
import type { MessagePort } from 'node:worker_threads';

type Listener = (event: unknown) => void;

export function mainPort(port: MessagePort) {
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
