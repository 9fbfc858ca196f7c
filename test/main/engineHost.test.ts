import { describe, expect, it } from 'vitest';
import { CONNECT_MESSAGE, CRASH_WINDOW_MS, EngineHost, type EngineProcessLike, MAX_CRASHES } from '../../src/main/engineHost';
import type { EngineCrashInfo, EnginePortInfo } from '../../src/shared/ipc';

class FakeProcess implements EngineProcessLike {
  readonly messages: Array<{ message: unknown; transfer?: unknown[] }> = [];
  private exitListener: ((code: number) => void) | null = null;
  killed = false;
  postMessage(message: unknown, transfer?: unknown[]): void {
    this.messages.push({ message, transfer });
  }
  on(_event: 'exit', listener: (code: number) => void): this {
    this.exitListener = listener;
    return this;
  }
  kill(): boolean {
    this.killed = true;
    this.exitListener?.(0);
    return true;
  }
  crash(code: number): void {
    this.exitListener?.(code);
  }
}

function setup(entryPath: string | null = '/out/main/engineWorker.js') {
  const spawned: FakeProcess[] = [];
  const sent: Array<{ port: string; info: EnginePortInfo }> = [];
  const crashes: EngineCrashInfo[] = [];
  let clock = 0;
  let channel = 0;
  const host = new EngineHost<string>({
    entryPath,
    spawn: () => {
      const p = new FakeProcess();
      spawned.push(p);
      return p;
    },
    createChannel: () => {
      channel += 1;
      return { port1: `engine-end-${channel}`, port2: `renderer-end-${channel}` };
    },
    sendPort: (port, info) => sent.push({ port, info }),
    notifyCrash: (info) => crashes.push(info),
    now: () => clock,
  });
  return { host, spawned, sent, crashes, advance: (ms: number) => (clock += ms) };
}

describe('EngineHost', () => {
  it('spawns on first connect and gives each side one end of a fresh channel', () => {
    const { host, spawned, sent } = setup();
    expect(spawned).toHaveLength(0);
    host.connect();
    expect(spawned).toHaveLength(1);
    expect(spawned[0].messages).toEqual([{ message: CONNECT_MESSAGE, transfer: ['engine-end-1'] }]);
    expect(sent).toEqual([{ port: 'renderer-end-1', info: { reason: 'connected', generation: 1 } }]);
  });

  it('a second connect (page reload) reuses the process with a new channel', () => {
    const { host, spawned, sent } = setup();
    host.connect();
    host.connect();
    expect(spawned).toHaveLength(1);
    expect(spawned[0].messages.map((m) => m.transfer)).toEqual([['engine-end-1'], ['engine-end-2']]);
    expect(sent.map((s) => s.port)).toEqual(['renderer-end-1', 'renderer-end-2']);
  });

  it('restarts after a crash, tells the renderer and sends a new port', () => {
    const { host, spawned, sent, crashes } = setup();
    host.connect();
    spawned[0].crash(134);
    expect(crashes).toEqual([{ exitCode: 134, restarting: true, generation: 1 }]);
    expect(spawned).toHaveLength(2);
    expect(spawned[1].messages[0].message).toEqual(CONNECT_MESSAGE);
    expect(sent.at(-1)).toEqual({ port: 'renderer-end-2', info: { reason: 'restarted', exitCode: 134, generation: 2 } });
  });

  it('an exit with code 0 that main did not ask for is a crash too: reported and restarted', () => {
    const { host, spawned, sent, crashes } = setup();
    host.connect();
    spawned[0].crash(0);
    expect(crashes).toEqual([{ exitCode: 0, restarting: true, generation: 1 }]);
    expect(spawned).toHaveLength(2);
    expect(host.running).toBe(true);
    expect(sent.at(-1)?.info).toEqual({ reason: 'restarted', exitCode: 0, generation: 2 });
  });

  it('a late exit of a replaced process is ignored', () => {
    const { host, spawned, crashes } = setup();
    host.connect();
    spawned[0].crash(1);
    spawned[0].crash(1);
    expect(crashes).toHaveLength(1);
    expect(spawned).toHaveLength(2);
  });

  it(`stops restarting after ${MAX_CRASHES} crashes within the window; a new connect tries again`, () => {
    const { host, spawned, crashes, advance } = setup();
    host.connect();
    for (let i = 0; i < MAX_CRASHES; i++) {
      advance(1000);
      spawned.at(-1)!.crash(1);
    }
    expect(crashes.map((c) => c.restarting)).toEqual([...Array(MAX_CRASHES - 1).fill(true), false]);
    expect(spawned).toHaveLength(MAX_CRASHES);
    expect(host.running).toBe(false);
    host.connect();
    expect(spawned).toHaveLength(MAX_CRASHES + 1);
  });

  it('crashes far apart in time keep restarting', () => {
    const { host, spawned, crashes, advance } = setup();
    host.connect();
    for (let i = 0; i < MAX_CRASHES + 2; i++) {
      advance(CRASH_WINDOW_MS + 1);
      spawned.at(-1)!.crash(1);
    }
    expect(crashes.every((c) => c.restarting)).toBe(true);
  });

  it('dispose kills the process without a restart; a later connect starts a new one', () => {
    const { host, spawned, crashes } = setup();
    host.connect();
    host.dispose();
    expect(spawned[0].killed).toBe(true);
    expect(crashes).toEqual([]);
    expect(spawned).toHaveLength(1);
    host.connect();
    expect(spawned).toHaveLength(2);
  });

  it('refuses to connect when the build has no engine entry', () => {
    const { host } = setup(null);
    expect(() => host.connect()).toThrow(/engine_missing/);
  });
});
