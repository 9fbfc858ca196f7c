/**
 * The run's engine as the run store sees it, free of DOM types so the store also runs (and
 * type-checks) in Node tests; the Worker and Electron implementations live in runEngine.ts.
 */
import type { EnginePort, TfjsWasmLocation } from '../../shared/protocol';
import { EngineClient } from '../engine/EngineClient';

export interface RunEngine {
  readonly client: EngineClient;
  /** Where this engine's tfjs finds its WASM files, sent with each run (absent: the engine knows). */
  readonly tfjsWasm?: TfjsWasmLocation;
  /** Called once if the engine dies (uncaught error, out of memory, process crash). */
  onCrash(listener: (message: string) => void): void;
  terminate(): void;
}

/** A run engine over a client: a crash is the client's failure (its port detached or failed). */
export function clientRunEngine(client: EngineClient, terminate: () => void): RunEngine {
  let off: (() => void) | null = null;
  return {
    client,
    onCrash(listener) {
      off?.();
      off = client.onFailure((message) => {
        off?.();
        off = null;
        listener(message);
      });
    },
    terminate() {
      off?.();
      off = null;
      terminate();
    },
  };
}

/** An engine over any port (tests); it reports a crash when its client is detached. */
export function portRunEngine(port: EnginePort, terminate: () => void = () => {}): RunEngine {
  return clientRunEngine(new EngineClient(port), terminate);
}
