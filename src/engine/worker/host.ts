/**
 * The engine host: answers protocol requests arriving on a port. It knows nothing of what
 * carries the port (Web Worker scope, a utilityProcess MessagePort from main, worker_threads), so
 * one host serves all three. Validation is answered here; everything about runs goes to a
 * RunSession (one per port), which picks the backend (typed | tfjs | auto) per run.
 */
import { isEngineRequest, type EngineEvent, type EnginePort, type EngineRequest } from '../../shared/protocol';
import { build } from '../build';
import { exportProject } from '../export';
import { problemsEvent, RunSession } from './runSession';
import { warmUp } from './warmUp';

/** Handlers for the requests that need a runner (RunSession; tests may pass their own). */
export interface RunHandlers {
  handle(request: EngineRequest, send: (event: EngineEvent, transfer?: ArrayBuffer[]) => void): void;
  /** The port went away: stop any run (nobody is left to see it). */
  dispose?(): void;
}

/** Serve the protocol on `port` until the returned function is called. */
export function serveEngine(port: EnginePort, runner: RunHandlers = new RunSession()): () => void {
  const send = (event: EngineEvent, transfer?: ArrayBuffer[]): void => port.postMessage(event, transfer);
  const unsubscribe = port.onMessage((message) => {
    if (!isEngineRequest(message)) {
      send({ type: 'error', id: -1, code: 'bad_request', message: 'The engine received a message that is not a request; it was ignored.' });
      return;
    }
    try {
      handleRequest(message, send, runner);
    } catch (e) {
      send({ type: 'error', id: message.id, code: 'engine_crash', message: `The engine failed: ${(e as Error).message}` });
    }
  });
  return () => {
    unsubscribe();
    runner.dispose?.();
  };
}

function handleRequest(request: EngineRequest, send: (event: EngineEvent) => void, runner: RunHandlers | undefined): void {
  switch (request.type) {
    case 'validate': {
      send(problemsEvent(request.id, build(request.document)));
      send({ type: 'done', id: request.id });
      return;
    }
    case 'warm-up': {
      // A run session warms up through its own run path, cancelled by a real Run (runSession.ts).
      if (runner) {
        runner.handle(request, send);
        return;
      }
      try {
        warmUp();
      } catch {
        // Only a head start: whatever failed here is reported by the run that needs it.
      }
      send({ type: 'done', id: request.id });
      return;
    }
    case 'export': {
      const out = exportProject(request.document, request.target);
      send(out.ok
        ? { type: 'exported', id: request.id, target: request.target, script: out.script, problems: out.warnings }
        : { type: 'exported', id: request.id, target: request.target, script: null, problems: out.problems });
      send({ type: 'done', id: request.id });
      return;
    }
    default:
      if (runner) runner.handle(request, send);
      else send({ type: 'error', id: request.id, code: 'unsupported', message: `This engine cannot "${request.type}" yet: running simulations is not available in this build.` });
  }
}
