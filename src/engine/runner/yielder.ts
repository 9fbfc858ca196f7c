/**
 * The yield between two chunks of a run. Only timers and MessageChannel are used, which exist in
 * browsers, Web Workers, Electron and Node alike.
 */

/**
 * Let queued messages (pause, stop, set-parameter) run before the next chunk. A MessageChannel
 * round trip is used instead of setTimeout(0), which browsers clamp to 4 ms when nested: that
 * alone would cost 8 % of a 50 ms chunk.
 */
interface Channel {
  readonly port1: { onmessage: unknown; close(): void };
  readonly port2: { postMessage(message: unknown): void; close(): void };
}

const nodeImmediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;

export class Yielder {
  private channel: Channel | null = !nodeImmediate && typeof MessageChannel === 'function' ? (new MessageChannel() as unknown as Channel) : null;
  private pending: (() => void)[] = [];

  constructor() {
    if (this.channel) {
      this.channel.port1.onmessage = () => this.pending.shift()?.();
    }
  }

  yield(): Promise<void> {
    return new Promise((resolve) => {
      // Node (worker_threads, utilityProcess) drains a local MessageChannel before it looks at
      // parentPort again, which would starve stop/pause; setImmediate runs after pending I/O.
      if (nodeImmediate) {
        nodeImmediate(resolve);
        return;
      }
      if (!this.channel) {
        setTimeout(resolve, 0);
        return;
      }
      this.pending.push(resolve);
      this.channel.port2.postMessage(null);
    });
  }

  /** Close the channel so a Node process or worker can exit. */
  close(): void {
    this.channel?.port1.close();
    this.channel?.port2.close();
    this.channel = null;
    for (const p of this.pending.splice(0)) p();
  }
}
