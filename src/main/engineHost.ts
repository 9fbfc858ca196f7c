/**
 * The engine runs in an Electron utilityProcess; the renderer talks to it over a MessagePort
 * so simulation data never passes through main. Protocol of the main side:
 *
 * 1. The renderer calls `engine:connect`. Main spawns the process if it is not running.
 * 2. Main makes a MessageChannelMain, posts `{ type: 'engine:connect' }` to the process with
 *    port1 in the transfer list (the worker reads it from `process.parentPort`'s message
 *    event, `event.ports[0]`, and serves every port it gets until that port closes, see
 *    src/engine/worker/connections.ts), and sends port2 to the renderer on the `engine:port`
 *    channel (the preload re-posts it to the page). The renderer keeps only the newest port.
 *    The process gets on its command line (`args`, from engineArgs.ts) the native TensorFlow
 *    modules to try first (@tensorflow/tfjs-node-gpu, @tensorflow/tfjs-node, when installed) and
 *    the folder of tfjs's WASM files to fall back on: it runs in Node, so tfjs there starts like
 *    the CLI's, native first.
 * 3. If the process exits without main asking it to (any exit code, 0 included: the engine
 *    never ends by itself, so a clean exit still leaves the renderer on a dead port), the
 *    renderer gets `engine:crashed`; main respawns it and sends a fresh port with reason
 *    'restarted'. After MAX_CRASHES within CRASH_WINDOW_MS it stops restarting until the
 *    renderer connects again (the renderer does that at its next request). Ports and crash
 *    reports carry the process's `generation`, so a late crash report cannot detach the
 *    renderer from a newer engine.
 *
 * Electron objects are passed in (deps), so this is tested in Node with fakes.
 */
import type { EngineCrashInfo, EnginePortInfo } from '../shared/ipc';
import { HostError } from './errors';

export const MAX_CRASHES = 3;
export const CRASH_WINDOW_MS = 60_000;
export const CONNECT_MESSAGE = { type: 'engine:connect' } as const;

/** The part of Electron's UtilityProcess we use. */
export interface EngineProcessLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineHostDeps<Port> {
  /** Absolute path of the built worker entry, or null when this build has none. */
  readonly entryPath: string | null;
  /** The process's command line (engineArgs()): native TensorFlow modules to try, then the WASM folder. */
  readonly args?: readonly string[];
  spawn(entryPath: string, args: readonly string[]): EngineProcessLike;
  createChannel(): { port1: Port; port2: Port };
  sendPort(port: Port, info: EnginePortInfo): void;
  notifyCrash(info: EngineCrashInfo): void;
  now(): number;
}

export class EngineHost<Port> {
  private child: EngineProcessLike | null = null;
  private generation = 0;
  private crashTimes: number[] = [];

  constructor(private readonly deps: EngineHostDeps<Port>) {}

  get running(): boolean {
    return this.child !== null;
  }

  /** Give the renderer a port to the engine, starting the engine if needed. */
  connect(): void {
    this.crashTimes = [];
    this.attach('connected');
  }

  /** Stop the engine (window closed); a later connect starts a new one. */
  dispose(): void {
    const child = this.child;
    this.child = null;
    child?.kill();
  }

  private attach(reason: EnginePortInfo['reason'], exitCode?: number): void {
    const child = this.child ?? this.start();
    const { port1, port2 } = this.deps.createChannel();
    child.postMessage(CONNECT_MESSAGE, [port1]);
    const generation = this.generation;
    this.deps.sendPort(port2, exitCode === undefined ? { reason, generation } : { reason, exitCode, generation });
  }

  private start(): EngineProcessLike {
    const entry = this.deps.entryPath;
    if (entry === null) throw new HostError('engine_missing', 'engine');
    const child = this.deps.spawn(entry, this.deps.args ?? []);
    this.child = child;
    this.generation += 1;
    const generation = this.generation;
    child.on('exit', (code) => this.onExit(child, code, generation));
    return child;
  }

  private onExit(child: EngineProcessLike, code: number, generation: number): void {
    if (this.child !== child) return; // an old process we already replaced or killed
    this.child = null;
    const now = this.deps.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const restarting = this.crashTimes.length < MAX_CRASHES;
    this.deps.notifyCrash({ exitCode: code, restarting, generation });
    if (restarting) this.attach('restarted', code);
  }
}
