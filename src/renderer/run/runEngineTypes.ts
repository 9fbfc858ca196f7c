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

/** An engine over any port (tests); it never reports crashes by itself. */
export function portRunEngine(port: EnginePort, terminate: () => void = () => {}): RunEngine {
  return { client: new EngineClient(port), onCrash() {}, terminate };
}
