/**
 * The Electron utilityProcess side of engine connections. Main posts `{type: 'engine:connect'}`
 * on `process.parentPort` with a MessagePortMain in `event.ports`; each such port gets its own
 * engine host, until it closes (the renderer reloaded or the window went away). Several ports
 * may be open at once: one per renderer connection. Typed arrays are cloned, not transferred, on
 * this hop: MessagePortMain can only transfer other ports.
 */
import type { EnginePort } from '../../shared/protocol';

/** The message main sends with the port (src/main/engineHost.ts CONNECT_MESSAGE). */
export const CONNECT_TYPE = 'engine:connect';

/** Electron's MessagePortMain as far as the engine uses it. */
export interface MainPortLike {
  postMessage(message: unknown): void;
  on(type: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(type: 'close', listener: () => void): unknown;
  off(type: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
}

/** Electron's `process.parentPort` in a utilityProcess. */
export interface ParentPortLike {
  on(type: 'message', listener: (event: { data: unknown; ports?: readonly MainPortLike[] }) => void): unknown;
}

/** An EnginePort over a MessagePortMain. */
export function mainPortPort(port: MainPortLike): EnginePort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage(listener) {
      const h = (event: { data: unknown }): void => listener(event.data);
      port.on('message', h);
      return () => port.off('message', h);
    },
  };
}

const isConnect = (data: unknown): boolean => typeof data === 'object' && data !== null && (data as { type?: unknown }).type === CONNECT_TYPE;

/**
 * Serve every port main connects. Returns the number of open connections (for tests). A message
 * without a port, or of another type, is ignored: main is the only sender on parentPort.
 */
export function serveConnections(parent: ParentPortLike, serve: (port: EnginePort) => () => void): { open(): number } {
  const open = new Set<MainPortLike>();
  parent.on('message', (event) => {
    const port = event.ports?.[0];
    if (!isConnect(event.data) || !port) return;
    const stop = serve(mainPortPort(port));
    open.add(port);
    port.on('close', () => {
      stop();
      open.delete(port);
    });
    port.start();
  });
  return { open: () => open.size };
}
