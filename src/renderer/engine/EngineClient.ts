/**
 * The renderer's side of the engine protocol. It owns one port to the engine worker and pairs
 * requests with their events by id. The renderer reaches the engine only through this class.
 */
import type { EngineEvent, EnginePort, EngineRequest } from '../../shared/protocol';
import type { Problem } from '../../shared/problems';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<EngineRequest, 'id'>;

export class EngineClient {
  private nextId = 1;
  private readonly listeners = new Map<number, (event: EngineEvent) => void>();

  constructor(private readonly port: EnginePort) {
    port.onMessage((message) => {
      const event = message as EngineEvent;
      this.listeners.get(event.id)?.(event);
    });
  }

  /** Send a request; `onEvent` sees every event answering it until `done` or `error`. */
  send(body: RequestBody, onEvent: (event: EngineEvent) => void): number {
    const id = this.nextId++;
    this.listeners.set(id, (event) => {
      onEvent(event);
      if (event.type === 'done' || event.type === 'error') this.listeners.delete(id);
    });
    this.port.postMessage({ ...body, id } as EngineRequest);
    return id;
  }

  /** Build the document in the worker and resolve with its problems. */
  validate(document: unknown): Promise<readonly Problem[]> {
    return new Promise((resolve, reject) => {
      let problems: readonly Problem[] = [];
      this.send({ type: 'validate', document }, (event) => {
        if (event.type === 'problems') problems = event.problems;
        else if (event.type === 'done') resolve(problems);
        else if (event.type === 'error') reject(new Error(event.message));
      });
    });
  }
}
