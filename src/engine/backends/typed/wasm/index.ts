/**
 * WebAssembly kernels of the typed backend. The module is tiny (< 1 KB), so it is compiled
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

type LifStep = (
  n: number, pV: number, pLast: number, pIext: number, pA: number, pB: number, pSpikes: number,
  step: number, rest: number, th: number, vr: number, R: number, decay: number, ref: number,
  da: number, db: number, hard: number,
) => number;

const PAGE = 65536;

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
  private readonly step: LifStep;
  private readonly hosted = new Set<Float64Array | Int32Array>();

  private constructor(api: WasmApi, module: object, private readonly n: number) {
    const instance = new api.Instance(module, {});
    const memory = instance.exports.memory as WasmMemory;
    const bytes = n * (8 * 4 + 4 * 2);
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    // Views are made after the last grow: growing detaches earlier ones.
    const buf = memory.buffer;
    let off = 0;
    const f64 = (): Float64Array => { const a = new Float64Array(buf, off, n); off += 8 * n; return a; };
    const i32 = (): Int32Array => { const a = new Int32Array(buf, off, n); off += 4 * n; return a; };
    this.V = f64();
    this.iext = f64();
    this.ga = f64();
    this.gb = f64();
    this.last = i32();
    this.spikes = i32();
    this.step = instance.exports.lif as LifStep;
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

  /** A WebAssembly state for n neurons, or null where the kernels cannot run (fallback to JS). */
  static create(n: number): LifWasm | null {
    if (!enabled || n === 0) return null;
    const module = lif();
    return module && wasmApi ? new LifWasm(wasmApi, module, n) : null;
  }

  /** LifKernel.updateFast on this memory; `ga`/`gb` are the groups' g (or zeros), decayed in place. */
  update(
    step: number, iext: Float64Array, ga: Float64Array, da: number, gb: Float64Array, db: number,
    rest: number, th: number, vr: number, R: number, decay: number, ref: number, hard: boolean, spikes: Int32Array,
  ): number {
    if (iext !== this.iext) this.iext.set(iext);
    if (ga !== this.ga) this.ga.set(ga);
    if (gb !== this.gb) this.gb.set(gb);
    const c = this.step(
      this.n, this.V.byteOffset, this.last.byteOffset, this.iext.byteOffset, this.ga.byteOffset, this.gb.byteOffset,
      this.spikes.byteOffset, step, rest, th, vr, R, decay, ref, da, db, hard ? 1 : 0,
    );
    if (ga !== this.ga) ga.set(this.ga);
    if (gb !== this.gb) gb.set(this.gb);
    if (spikes !== this.spikes) {
      const own = this.spikes;
      for (let k = 0; k < c; k++) spikes[k] = own[k];
    }
    return c;
  }
}
