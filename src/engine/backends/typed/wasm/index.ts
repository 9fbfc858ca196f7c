/**
 * WebAssembly kernels of the typed backend. The module is small (< 2 KB), so it is compiled
 * synchronously on first use, which browsers allow even on the main thread. Where WebAssembly
 * or its SIMD extension is missing (or a test switches it off) the kernels fall back to their
 * JavaScript loops, which give the same results.
 */
import { LIF_WASM_BASE64 } from './lifModule';

/** The part of the WebAssembly JS API used here (typed locally: the engine's Node build has no DOM lib). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmTable {
  readonly length: number;
  set(index: number, value: unknown): void;
  grow(delta: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let enabled = true;
let lifModule: object | null | undefined;

/** Switch the WebAssembly kernels on or off (tests compare both paths). */
export function useWasmKernels(on: boolean): void {
  enabled = on;
}

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function lif(): object | null {
  if (lifModule !== undefined) return lifModule;
  try {
    const bytes = decode(LIF_WASM_BASE64);
    lifModule = wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
  } catch {
    lifModule = null;
  }
  return lifModule;
}

/** Compile a generated module (wasmgen), or null without WebAssembly or when it is switched off. */
export function compileWasm(bytes: Uint8Array): object | null {
  if (!enabled || !wasmApi) return null;
  return new wasmApi.Module(bytes);
}

let detExpFn: ((x: number) => number) | null | undefined;

/** $exp of lif.wat: the same bits as detExp in src/engine/math/detExp.ts; null without WebAssembly. */
export function wasmDetExp(): ((x: number) => number) | null {
  if (detExpFn !== undefined) return detExpFn;
  try {
    const module = enabled ? lif() : null;
    detExpFn = module && wasmApi ? (new wasmApi.Instance(module, {}).exports.exp as (x: number) => number) : null;
  } catch {
    detExpFn = null;
  }
  return detExpFn;
}

type Poisson = (n: number, pProb: number, pState: number, pSpikes: number) => number;

type NetRun = (table: number, from: number, to: number) => number;

/** A generated population step (wasmgen/generate.ts): its entry in net_run's table, the step; returns the spike count. */
export type GeneratedStep = (entry: number, step: number) => number;

/** Table "gen" of lif.wat: entries it starts with (install grows it: one per generated kind of the arena). */
export const GENERATED_KINDS = 8;
/** net_run's kind of the first generated step. */
const FIRST_GENERATED_KIND = 3;

type Propagate = (pSpikes: number, count: number, pRowPtr: number, pCol: number, pWeights: number, weight: number, pTarget: number, narrow: number) => void;

const PAGE = 65536;
/** WebAssembly memories here are 32-bit: at most 4 GiB, of which we ask for no more than this. */
const MAX_ARENA_BYTES = 3 * 2 ** 30;

/**
 * One WebAssembly memory for a whole network instance: neuron state, the synapse groups' g, the
 * projections' CSR and the fused driver's table and record buffer (fused.ts) are all allocated
 * here, so one call can step the whole network. Its size is fixed at creation (growing the
 * memory would detach every view handed out), so the instance sizes it first.
 */
export class WasmArena {
  readonly buffer: ArrayBuffer;
  /** One step of a Poisson source (see $poisson in lif.wat). */
  readonly poisson: Poisson;
  readonly netRun: NetRun;
  /** One projection's increments of one step (see $propagate in lif.wat). */
  readonly propagate: Propagate;
  private used = 0;
  private readonly exports: Record<string, unknown>;
  /** Generated modules instantiated on this memory: their net_run kind and step. */
  private readonly generated = new Map<object, { readonly kind: number; readonly step: GeneratedStep }>();

  private constructor(private readonly api: WasmApi, module: object, readonly bytes: number) {
    const instance = new api.Instance(module, {});
    this.exports = instance.exports;
    const memory = instance.exports.memory as WasmMemory;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    this.buffer = memory.buffer;
    this.poisson = instance.exports.poisson as Poisson;
    this.netRun = instance.exports.net_run as NetRun;
    this.propagate = instance.exports.propagate as Propagate;
  }

  /** An arena of at least `bytes`, or null where the kernels cannot run or the memory is refused. */
  static create(bytes: number): WasmArena | null {
    if (!enabled || !(bytes > 0) || bytes > MAX_ARENA_BYTES) return null;
    const module = lif();
    if (!module || !wasmApi) return null;
    try {
      return new WasmArena(wasmApi, module, bytes);
    } catch {
      return null; // RangeError: the engine would not grow the memory that far
    }
  }

  /**
   * Instantiate a generated module (wasmgen) on this arena's memory, with lif.wat's
   * deterministic exp (and Math.exp for values computed once per call), and enter it in the table net_run dispatches on (grown by
   * one entry when full, so any number of generated kinds can run fused): its kind and its step.
   */
  install(module: object): { readonly kind: number; readonly step: GeneratedStep } | null {
    const known = this.generated.get(module);
    if (known) return known;
    // math_exp: Math.exp, for a decay factor computed once per call (wasmgen's linear exact step), as the hand-written LIF loops computed theirs
    const instance = new this.api.Instance(module, { env: { memory: this.exports.memory, exp: this.exports.exp, math_exp: Math.exp } });
    const step = instance.exports.step as GeneratedStep;
    const table = this.exports.gen as WasmTable;
    const slot = this.generated.size;
    if (slot >= table.length) table.grow(slot + 1 - table.length);
    table.set(slot, step);
    const entry = { kind: FIRST_GENERATED_KIND + slot, step };
    this.generated.set(module, entry);
    return entry;
  }

  /** Bytes an arena needs for arrays of these byte lengths (each aligned to 16). */
  static size(...lengths: number[]): number {
    return lengths.reduce((sum, b) => sum + align(b), 0);
  }

  private take(bytes: number): number {
    const at = this.used;
    if (at + bytes > this.bytes) throw new Error(`WebAssembly arena of ${this.bytes} bytes is full (internal sizing error).`);
    this.used = at + align(bytes);
    return at;
  }

  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(8 * n), n);
  }

  f32(n: number): Float32Array {
    return new Float32Array(this.buffer, this.take(4 * n), n);
  }

  u16(n: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(2 * n), n);
  }

  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(4 * n), n);
  }

  /** Whether `a` lives in this arena (so the WebAssembly code can address it). */
  holds(a: ArrayBufferView): boolean {
    return a.buffer === this.buffer;
  }

  /** Bytes left. */
  get free(): number {
    return this.bytes - this.used;
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** What the fused driver needs to step one Poisson source (see $poisson in lif.wat). */
export interface PoissonStepArgs {
  readonly kind: 'poisson';
  readonly n: number;
  /** Spike probability per step times 2^32, per neuron (f64; see $poisson). */
  readonly pProb: number;
  /** The four 32-bit words of its random stream. */
  readonly pState: number;
  readonly pSpikes: number;
}

/** What the fused driver needs to step a population of a generated kind (wasmgen/specKernel.ts). */
export interface GeneratedStepArgs {
  readonly kind: 'generated';
  /** net_run's kind (3 + the table slot). */
  readonly netKind: number;
  readonly n: number;
  /** Fill the population entry at byte `at` of the table views (all but the driver's own fields). */
  fill(i32: Int32Array, f64: Float64Array, at: number): void;
}

/** One population's step in the fused driver's table. */
export type WasmStepArgs = PoissonStepArgs | GeneratedStepArgs;
