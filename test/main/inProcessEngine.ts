/**
 * A stand-in for Electron's utilityProcess that runs the real engine entry
 * (src/engine/worker/entry.ts, its utility branch) in this thread, and can be killed at any
 * moment. Each "process" is a fresh evaluation of the entry (a distinct import URL) with its own
 * fake `process.parentPort`; the ports main transfers are Node MessagePorts wrapped to look like
 * MessagePortMain (listeners get `{data}`). Killing it closes every port it serves, at once: the
 * renderer's end then hears nothing more, as with a dead process; the exit is reported a tick
 * later, as Electron reports a process exit after the fact.
 */
import type { MessagePort } from 'node:worker_threads';
import type { EngineProcessLike } from '../../src/main/engineHost';
import { mainPort } from '../worker/mainPort';

type ParentListener = (event: { data: unknown; ports: unknown[] }) => void;


/** Entry evaluations run one at a time: each reads the global parentPort while it starts. */
let loading: Promise<unknown> = Promise.resolve();
let instances = 0;

export class InProcessEngine implements EngineProcessLike {
  private readonly parentListeners: ParentListener[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly backlog: Array<{ message: unknown; transfer: unknown[] }> = [];
  private exitListener: ((code: number) => void) | null = null;
  private loaded = false;
  dead = false;
  readonly ready: Promise<void>;

  constructor() {
    const n = ++instances;
    const parent = { on: (_type: 'message', l: ParentListener) => void this.parentListeners.push(l) };
    this.ready = (loading = loading.then(async () => {
      const g = process as unknown as { parentPort?: unknown };
      g.parentPort = parent;
      try {
        await import(/* @vite-ignore */ `../../src/engine/worker/entry.ts?process=${n}`);
      } finally {
        delete g.parentPort;
      }
      this.loaded = true;
      for (const m of this.backlog.splice(0)) this.deliver(m.message, m.transfer);
    })) as Promise<void>;
  }

  postMessage(message: unknown, transfer: unknown[] = []): void {
    if (this.dead) return;
    if (!this.loaded) this.backlog.push({ message, transfer });
    else this.deliver(message, transfer);
  }

  on(_event: 'exit', listener: (code: number) => void): this {
    this.exitListener = listener;
    return this;
  }

  /** What main's dispose does. */
  kill(): boolean {
    this.die(0);
    return true;
  }

  /** The process dies by itself (out of memory, a native fault, a stray process.exit). */
  crash(code: number): void {
    this.die(code);
  }

  private die(code: number): void {
    if (this.dead) return;
    this.dead = true;
    for (const p of this.ports.splice(0)) p.close();
    setImmediate(() => this.exitListener?.(code));
  }

  private deliver(message: unknown, transfer: unknown[]): void {
    const port = transfer[0] as MessagePort | undefined;
    if (port) this.ports.push(port);
    const event = { data: message, ports: port ? [mainPort(port)] : [] };
    // A message crossing to another process arrives in a later task, never synchronously.
    setImmediate(() => {
      if (!this.dead) for (const l of this.parentListeners) l(event);
    });
  }
}
