/**
 * The engine connection inside the desktop app, free of DOM types so Node tests run it against
 * the real EngineHost (test/main/engineFaults.test.ts); startEngine.ts wires it to the page.
 */
import type { EnginePortInfo, SnnDesktopApi } from '../../shared/ipc';
import type { EnginePort } from '../../shared/protocol';
import { EngineClient } from './EngineClient';

/** The part of the preload API the engine connection uses. */
export type DesktopEngineApi = Pick<SnnDesktopApi, 'connectEngine' | 'onEngineCrashed'>;

/**
 * The desktop engine connection: one EngineClient whose port main replaces after each engine
 * restart (src/main/engineHost.ts). A crash detaches the dead port (requests sent on it fail
 * with ENGINE_CRASHED, later ones wait); the next port attaches. When main gave up restarting
 * (too many crashes in a row), the next request asks it to connect again, so the next Run
 * starts a fresh engine instead of posting into the dead one. A crash report older than the
 * port in use (its `generation` is lower) is ignored.
 */
export function desktopEngineClient(
  api: DesktopEngineApi,
  onPort: (listener: (port: EnginePort, info: EnginePortInfo) => void) => void,
): EngineClient {
  let generation = -1;
  let down = false;
  const connect = (): void => {
    api.connectEngine().catch((e: unknown) => {
      down = true;
      client.fail(`the engine could not be started (${e instanceof Error ? e.message : String(e)})`);
    });
  };
  const client: EngineClient = new EngineClient(null, {
    onQueued() {
      if (!down) return;
      down = false;
      connect();
    },
  });
  api.onEngineCrashed((info) => {
    if (info.generation < generation) return;
    if (!info.restarting) down = true;
    client.detach(`the engine process exited with code ${info.exitCode}`);
    // Something already waits for an engine that main will not restart: ask for a fresh one.
    if (down && client.queued > 0) {
      down = false;
      connect();
    }
  });
  onPort((port, info) => {
    generation = info.generation;
    down = false;
    client.attach(port);
  });
  connect();
  return client;
}
