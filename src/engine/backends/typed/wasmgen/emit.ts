/**
 * A small WebAssembly binary emitter for the kernels generated from model specs (generate.ts).
 *
 * Why bytes and not text assembled by `wabt` at run time: the typed backend instantiates a
 * network synchronously (Backend.instantiate), and wabt's only entry point is an asynchronous
 * Emscripten initialisation; it is also 690 KB of JavaScript the engine worker would load for
 * what is a few dozen opcodes here. The kernels need straight-line f64 arithmetic, locals,
 * loads and stores, `if`, `block`/`loop`, calls and a few f64x2 instructions, so emitting the
 * opcodes directly is short and synchronous, needs no package in the engine bundle (Node, the
 * web build's Web Worker and electron-vite alike) and is fast: generating a bundled model's step
 * took 0.5–6 ms once warm and at most 30 ms cold (a one-off script timing generateStep on every
 * bundled spec, 2026-12-07, load average 11). The hand-written kernels stay in lif.wat (text,
 * compiled by scripts/build-wasm.mjs with wabt at build time); test/wasmgen checks the output
 * against the reference interpreter, and WebAssembly.Module validates every module it compiles.
 */

/** Value types of the binary format. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F64 | typeof V128;

/** The opcodes the generator uses (WebAssembly core spec, section 5.4). */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d, return: 0x0f, call: 0x10,
  select: 0x1b, local_get: 0x20, local_set: 0x21, local_tee: 0x22,
  i32_load: 0x28, f64_load: 0x2b, i32_store: 0x36, f64_store: 0x39, i32_const: 0x41, f64_const: 0x44,
  i32_eqz: 0x45, i32_eq: 0x46, i32_ne: 0x47, i32_lt_s: 0x48, i32_ge_s: 0x4e, i32_ge_u: 0x4f,
  f64_eq: 0x61, f64_ne: 0x62, f64_lt: 0x63, f64_gt: 0x64, f64_le: 0x65, f64_ge: 0x66,
  i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i32_and: 0x71, i32_or: 0x72, i32_shl: 0x74,
  f64_abs: 0x99, f64_neg: 0x9a, f64_sqrt: 0x9f, f64_add: 0xa0, f64_sub: 0xa1, f64_mul: 0xa2, f64_div: 0xa3,
  f64_min: 0xa4, f64_max: 0xa5, f64_convert_i32_s: 0xb7,
} as const;

/** SIMD opcodes (after the 0xfd prefix; WebAssembly 2.0, fixed-width SIMD). */
export const SIMD = {
  v128_load: 0x00, v128_store: 0x0b, v128_const: 0x0c, i32x4_splat: 0x11, f64x2_splat: 0x14,
  f64x2_extract_lane: 0x21, f64x2_replace_lane: 0x22, i32x4_eq: 0x37, i32x4_lt_s: 0x39, i32x4_ge_s: 0x3f,
  f64x2_eq: 0x47, f64x2_ne: 0x48, f64x2_lt: 0x49, f64x2_gt: 0x4a, f64x2_le: 0x4b, f64x2_ge: 0x4c,
  v128_not: 0x4d, v128_and: 0x4e, v128_andnot: 0x4f, v128_or: 0x50, v128_bitselect: 0x52, v128_any_true: 0x53,
  v128_load64_zero: 0x5d, i32x4_sub: 0xb1, i64x2_all_true: 0xc3, i64x2_bitmask: 0xc4, i64x2_extend_low_i32x4_s: 0xc7,
  i64x2_shl: 0xcb, i64x2_add: 0xce,
  f64x2_abs: 0xec, f64x2_neg: 0xed, f64x2_sqrt: 0xef, f64x2_add: 0xf0, f64x2_sub: 0xf1, f64x2_mul: 0xf2,
  f64x2_div: 0xf3, f64x2_min: 0xf4, f64x2_max: 0xf5,
} as const;

/** Block type of a block without results. */
export const VOID = 0x40;

function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function sleb(n: number, out: number[]): void {
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

/** One function body under construction. */
export class Body {
  code: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(private readonly nParams: number) {}

  /** A new local of this type; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.nParams + this.locals.length - 1;
  }

  op(...ops: number[]): this {
    this.code.push(...ops);
    return this;
  }

  get(i: number): this {
    this.code.push(OP.local_get);
    uleb(i, this.code);
    return this;
  }

  set(i: number): this {
    this.code.push(OP.local_set);
    uleb(i, this.code);
    return this;
  }

  tee(i: number): this {
    this.code.push(OP.local_tee);
    uleb(i, this.code);
    return this;
  }

  i32(v: number): this {
    this.code.push(OP.i32_const);
    sleb(v | 0, this.code);
    return this;
  }

  f64(v: number): this {
    this.code.push(OP.f64_const);
    const b = new Uint8Array(new Float64Array([v]).buffer);
    this.code.push(...b);
    return this;
  }

  /** A memory access: the opcode, then its alignment (log2) and byte offset. */
  mem(op: number, offset = 0): this {
    this.code.push(op);
    uleb(op === OP.f64_load || op === OP.f64_store ? 3 : 2, this.code);
    uleb(offset, this.code);
    return this;
  }

  /** A SIMD instruction (0xfd prefix); memory ones take `mem` = [align, offset], lane ones a lane index. */
  simd(op: number, ...imm: number[]): this {
    this.code.push(0xfd);
    uleb(op, this.code);
    for (const x of imm) uleb(x, this.code);
    return this;
  }

  /** v128.const of two f64 lanes. */
  f64x2(a: number, b = a): this {
    this.code.push(0xfd);
    uleb(SIMD.v128_const, this.code);
    this.code.push(...new Uint8Array(new Float64Array([a, b]).buffer));
    return this;
  }

  call(f: number): this {
    this.code.push(OP.call);
    uleb(f, this.code);
    return this;
  }

  br(op: typeof OP.br | typeof OP.br_if, depth: number): this {
    this.code.push(op);
    uleb(depth, this.code);
    return this;
  }

  /** The body in the code section's encoding (locals grouped by runs of one type). */
  encode(): number[] {
    const runs: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    const out: number[] = [];
    uleb(runs.length, out);
    for (const [n, t] of runs) {
      uleb(n, out);
      out.push(t);
    }
    out.push(...this.code, OP.end);
    const sized: number[] = [];
    uleb(out.length, sized);
    return sized.concat(out);
  }
}

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export interface ModuleParts {
  readonly types: readonly FuncType[];
  /** Imported functions ("env", name, type index), numbered first. */
  readonly importFuncs: readonly { readonly name: string; readonly type: number }[];
  /** Import "env" "memory" (the arena's). */
  readonly importMemory: boolean;
  /** Defined functions (type index and body), numbered after the imports. */
  readonly funcs: readonly { readonly type: number; readonly body: Body }[];
  readonly exports: readonly { readonly name: string; readonly func: number }[];
}

function name(s: string, out: number[]): void {
  const b = new TextEncoder().encode(s);
  uleb(b.length, out);
  out.push(...b);
}

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  uleb(content.length, out);
  out.push(...content);
}

/** The module's binary. */
export function encodeModule(m: ModuleParts): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(m.types.length, types);
  for (const t of m.types) {
    types.push(0x60);
    uleb(t.params.length, types);
    types.push(...t.params);
    uleb(t.results.length, types);
    types.push(...t.results);
  }
  section(1, types, out);
  const imports: number[] = [];
  uleb(m.importFuncs.length + (m.importMemory ? 1 : 0), imports);
  for (const f of m.importFuncs) {
    name('env', imports);
    name(f.name, imports);
    imports.push(0x00);
    uleb(f.type, imports);
  }
  if (m.importMemory) {
    name('env', imports);
    name('memory', imports);
    imports.push(0x02, 0x00, 0x01); // memory, limits without maximum, at least 1 page
  }
  section(2, imports, out);
  const funcs: number[] = [];
  uleb(m.funcs.length, funcs);
  for (const f of m.funcs) uleb(f.type, funcs);
  section(3, funcs, out);
  const exports: number[] = [];
  uleb(m.exports.length, exports);
  for (const e of m.exports) {
    name(e.name, exports);
    exports.push(0x00);
    uleb(e.func, exports);
  }
  section(7, exports, out);
  const code: number[] = [];
  uleb(m.funcs.length, code);
  for (const f of m.funcs) code.push(...f.body.encode());
  section(10, code, out);
  return new Uint8Array(out);
}
