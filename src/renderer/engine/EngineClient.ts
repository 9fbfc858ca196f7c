/**
 * The renderer's side of the engine protocol. It owns one port to the engine worker and pairs
 * requests with their events by id. The renderer reaches the engine only through this class.
 *
 * The port can change under it: in Electron the engine is a process main restarts after a
 * crash, and each process comes with a fresh port. `detach` (the engine died) answers every
 * request already sent on the dead port with an `error` event of code ENGINE_CRASHED, so no
 * run, stop or validation waits for ever; requests sent while no port is attached wait in a
 * queue and go out on the next port `attach` brings.
 */
import type { EngineEvent, EnginePort, EngineRequest } from '../../shared/protocol';
import type { Problem } from '../../shared/problems';
import type { DerivedFacts } from '../../shared/derivedFacts';

/** What a validation answers: the build's problems and its derived facts. */
export interface Validation {
  readonly problems: readonly Problem[];
  readonly facts: DerivedFacts;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<EngineRequest, 'id'>;

/** `code` of the `error` event a request gets when the engine died before answering it. */
export const ENGINE_CRASHED = 'engine_crashed';

/** A request the engine did not answer: `code` is the engine's error code (ENGINE_CRASHED if it died). */
export class EngineRequestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EngineRequestError';
    this.code = code;
  }
}

interface Pending {
  readonly onEvent: (event: EngineEvent) => void;
  /** False while the request waits in the queue for a port. */
  sent: boolean;
}

export interface EngineClientHooks {
  /** A request was queued because no port is attached (the desktop host may need to reconnect). */
  onQueued?(): void;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Array<{ request: EngineRequest }> = [];
  private readonly failureListeners = new Set<(message: string) => void>();
  private port: EnginePort | null = null;
  private unsubscribe: (() => void) | null = null;

  /** `port` null: requests queue until `attach` (Electron sends the port asynchronously). */
  constructor(port: EnginePort | null, private readonly hooks: EngineClientHooks = {}) {
    if (port) this.attach(port);
  }

  /** Whether a port is attached (requests go out at once). */
  get attached(): boolean {
    return this.port !== null;
  }

  /** Requests waiting for a port. */
  get queued(): number {
    return this.queue.length;
  }

  /** Use `port` from now on and send what waited for it. */
  attach(port: EnginePort): void {
    this.unsubscribe?.();
    this.port = port;
    this.unsubscribe = port.onMessage((message) => {
      const event = message as EngineEvent;
      this.pending.get(event.id)?.onEvent(event);
    });
    for (const { request } of this.queue.splice(0)) this.post(request);
  }

  /**
   * The engine behind the port died: every request sent on it gets an ENGINE_CRASHED error,
   * failure listeners hear `message`, and later requests wait for the next `attach`.
   */
  detach(message: string): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.port = null;
    this.failWhere((p) => p.sent, message);
    for (const l of [...this.failureListeners]) l(message);
  }

  /** No engine will come (it could not be started): fail every request, queued ones too. */
  fail(message: string): void {
    this.queue.splice(0);
    this.failWhere(() => true, message);
    for (const l of [...this.failureListeners]) l(message);
  }

  /** Hear about engine deaths (detach or fail); returns an unsubscribe. */
  onFailure(listener: (message: string) => void): () => void {
    this.failureListeners.add(listener);
    return () => void this.failureListeners.delete(listener);
  }

  /** Send a request; `onEvent` sees every event answering it until `done` or `error`. */
  send(body: RequestBody, onEvent: (event: EngineEvent) => void): number {
    const id = this.nextId++;
    this.pending.set(id, {
      sent: false,
      onEvent: (event) => {
        if (event.type === 'done' || event.type === 'error') this.pending.delete(id);
        onEvent(event);
      },
    });
    const request = { ...body, id } as EngineRequest;
    if (this.port) this.post(request);
    else {
      this.queue.push({ request });
      this.hooks.onQueued?.();
    }
    return id;
  }

  /** Build the document in the worker and resolve with its problems and derived facts. */
  validate(document: unknown): Promise<Validation> {
    return new Promise((resolve, reject) => {
      let result: Validation = { problems: [], facts: [] };
      this.send({ type: 'validate', document }, (event) => {
        if (event.type === 'problems') result = { problems: event.problems, facts: event.facts ?? [] };
        else if (event.type === 'done') resolve(result);
        else if (event.type === 'error') reject(new EngineRequestError(event.code, event.message));
      });
    });
  }

  private post(request: EngineRequest): void {
    const p = this.pending.get(request.id);
    if (p) p.sent = true;
    this.port!.postMessage(request);
  }

  private failWhere(match: (p: Pending) => boolean, message: string): void {
    for (const [id, p] of [...this.pending]) {
      if (match(p)) p.onEvent({ type: 'error', id, code: ENGINE_CRASHED, message });
    }
  }
}
