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

type LifStep = (
  n: number, pV: number, pLast: number, pIext: number, pA: number, pB: number, pSpikes: number,
  step: number, rest: number, th: number, vr: number, R: number, decay: number, ref: number,
  da: number, db: number, hard: number,
) => number;

type LifCoba = (
  n: number, pV: number, pLast: number, pIext: number, pA: number, pB: number, pSpikes: number,
  step: number, rest: number, th: number, vr: number, R: number, ref: number,
  da: number, db: number, hard: number, Ea: number, Eb: number, negDtOverTau: number, cond: number,
) => number;

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
  readonly lif: LifStep;
  /** The LIF loop with conductance-based outputs (see $lif_coba in lif.wat). */
  readonly lifCoba: LifCoba;
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
    this.lif = instance.exports.lif as LifStep;
    this.lifCoba = instance.exports.lif_coba as LifCoba;
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
    const instance = new this.api.Instance(module, { env: { memory: this.exports.memory, exp: this.exports.exp, exp2: this.exports.exp2, math_exp: Math.exp } });
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

/** The LIF fast loop's constants: parameters shared by every neuron of the population. */
export interface LifConstants {
  readonly V_rest: number;
  readonly V_th: number;
  readonly V_reset: number;
  readonly R: number;
  /** e^{-dt/tau}. */
  readonly decay: number;
  /** dt/tau (conductance-based outputs need e^{-dt(1+RΣg)/tau}). */
  readonly dtOverTau: number;
  /** Refractory steps. */
  readonly ref: number;
}

/**
 * How the synapse slots of a LIF population feed it: all current-based (`cond` 0), or with
 * conductance-based slots (bit 0: g0, bit 1: g1) and their reversal potentials (mV).
 */
export interface LifOutputs {
  readonly cond: number;
  readonly Ea: number;
  readonly Eb: number;
}

/** What the fused driver needs to step one LIF population (see lif.wat, net_run's table). */
export interface LifStepArgs extends LifOutputs {
  readonly kind: 'lif';
  readonly n: number;
  readonly pV: number;
  readonly pLast: number;
  readonly pIext: number;
  readonly pA: number;
  readonly pB: number;
  readonly pSpikes: number;
  readonly hard: boolean;
  readonly u: LifConstants;
  readonly da: number;
  readonly db: number;
}

/** What the fused driver needs to step one Poisson source (see $poisson in lif.wat). */
export interface PoissonStepArgs {
  readonly kind: 'poisson';
  readonly n: number;
  /** Spike probability per step, per neuron (f64). */
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
export type WasmStepArgs = LifStepArgs | PoissonStepArgs | GeneratedStepArgs;

/**
 * One population's state in WebAssembly memory: V and the last spike step live here for good
 * (the kernel's arrays are views of it), and so do the external current and the g of the first
 * two synapse groups when the backend takes the storage offered by `host`. Arrays it does not
 * host (a group that is not a plain Expon) are copied in before the step and back after.
 */
export class LifWasm {
  readonly V: Float64Array;
  readonly last: Int32Array;
  private readonly iext: Float64Array;
  private readonly ga: Float64Array;
  private readonly gb: Float64Array;
  private readonly spikes: Int32Array;
  private readonly hosted = new Set<Float64Array | Int32Array>();

  private constructor(private readonly arena: WasmArena, private readonly n: number) {
    this.V = arena.f64(n);
    this.iext = arena.f64(n);
    this.ga = arena.f64(n);
    this.gb = arena.f64(n);
    this.last = arena.i32(n);
    this.spikes = arena.i32(n);
  }

  /** Arena bytes one population of n neurons takes. */
  static bytes(n: number): number {
    return WasmArena.size(8 * n, 8 * n, 8 * n, 8 * n, 4 * n, 4 * n);
  }

  /** Storage for 'iext', 'g0' or 'g1', each offered once (see PopulationKernel.hostArray). */
  host(role: string): Float64Array | undefined {
    const arr = role === 'iext' ? this.iext : role === 'g0' ? this.ga : role === 'g1' ? this.gb : undefined;
    if (!arr || this.hosted.has(arr)) return undefined;
    this.hosted.add(arr);
    return arr;
  }

  /** The spike list the kernel writes, for the population to use as its own (offered once). */
  hostSpikes(): Int32Array | undefined {
    if (this.hosted.has(this.spikes)) return undefined;
    this.hosted.add(this.spikes);
    return this.spikes;
  }

  /**
   * A WebAssembly state for n neurons in `arena` (or in an arena of its own), or null where the
   * kernels cannot run (fallback to JS).
   */
  static create(n: number, arena?: WasmArena | null): LifWasm | null {
    if (!enabled || n === 0) return null;
    const home = arena && arena.free >= LifWasm.bytes(n) ? arena : WasmArena.create(LifWasm.bytes(n));
    return home ? new LifWasm(home, n) : null;
  }

  /**
   * LifKernel.updateFast on this memory; `ga`/`gb` are the groups' g (or zeros), decayed in
   * place; `out` says which of them are conductances (then $lif_coba runs, else $lif).
   */
  update(
    step: number, iext: Float64Array, ga: Float64Array, da: number, gb: Float64Array, db: number,
    u: LifConstants, hard: boolean, spikes: Int32Array, out: LifOutputs,
  ): number {
    if (iext !== this.iext) this.iext.set(iext);
    if (ga !== this.ga) this.ga.set(ga);
    if (gb !== this.gb) this.gb.set(gb);
    const { arena, n, V, last } = this;
    const c = out.cond === 0
      ? arena.lif(n, V.byteOffset, last.byteOffset, this.iext.byteOffset, this.ga.byteOffset, this.gb.byteOffset,
        this.spikes.byteOffset, step, u.V_rest, u.V_th, u.V_reset, u.R, u.decay, u.ref, da, db, hard ? 1 : 0)
      : arena.lifCoba(n, V.byteOffset, last.byteOffset, this.iext.byteOffset, this.ga.byteOffset, this.gb.byteOffset,
        this.spikes.byteOffset, step, u.V_rest, u.V_th, u.V_reset, u.R, u.ref, da, db, hard ? 1 : 0, out.Ea, out.Eb, -u.dtOverTau, out.cond);
    if (ga !== this.ga) ga.set(this.ga);
    if (gb !== this.gb) gb.set(this.gb);
    if (spikes !== this.spikes) {
      const own = this.spikes;
      for (let k = 0; k < c; k++) spikes[k] = own[k];
    }
    return c;
  }

  /**
   * The fused driver's view of this population: possible when the population's spike list, its
   * external current and every synapse group it has are hosted here (nothing to copy per step)
   * and all of them live in `arena`. A missing group is an unhosted slot, which stays 0.
   */
  stepArgs(arena: WasmArena, iext: Float64Array, groups: readonly { readonly g: Float64Array; readonly decay: number }[], spikes: Int32Array,
    u: LifConstants, hard: boolean, out: LifOutputs): LifStepArgs | null {
    if (arena !== this.arena || iext !== this.iext || spikes !== this.spikes || groups.length > 2) return null;
    if (groups.length > 0 && groups[0].g !== this.ga) return null;
    if (groups.length > 1 && groups[1].g !== this.gb) return null;
    return {
      kind: 'lif', ...out, n: this.n, pV: this.V.byteOffset, pLast: this.last.byteOffset, pIext: this.iext.byteOffset, pA: this.ga.byteOffset,
      pB: this.gb.byteOffset, pSpikes: this.spikes.byteOffset, hard, u, da: groups[0]?.decay ?? 0, db: groups[1]?.decay ?? 0,
    };
  }
}
