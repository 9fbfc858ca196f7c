/**
 * The engine host: answers protocol requests arriving on a port. It knows nothing of what
 * carries the port (Web Worker, utilityProcess, worker_threads), so one host serves all three.
 * Run requests are answered with an error until the runner lands (issue 5).
 */
import { isEngineRequest, type EngineEvent, type EnginePort, type EngineRequest } from '../../shared/protocol';
import { build } from '../build';
import { RunSession } from './runSession';

/** Handlers for the requests that need a runner; the run-panel work plugs them in. */
export interface RunHandlers {
  handle(request: EngineRequest, send: (event: EngineEvent, transfer?: ArrayBuffer[]) => void): void;
}

/** Serve the protocol on `port` until the returned function is called. */
export function serveEngine(port: EnginePort, runner: RunHandlers = new RunSession()): () => void {
  const send = (event: EngineEvent, transfer?: ArrayBuffer[]): void => port.postMessage(event, transfer);
  return port.onMessage((message) => {
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
}

function handleRequest(request: EngineRequest, send: (event: EngineEvent) => void, runner: RunHandlers | undefined): void {
  switch (request.type) {
    case 'validate': {
      const { problems } = build(request.document);
      send({ type: 'problems', id: request.id, problems });
      send({ type: 'done', id: request.id });
      return;
    }
    default:
      if (runner) runner.handle(request, send);
      else send({ type: 'error', id: request.id, code: 'unsupported', message: `This engine cannot "${request.type}" yet: running simulations is not available in this build.` });
  }
}
