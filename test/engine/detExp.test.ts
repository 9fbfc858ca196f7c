/**
 * The deterministic exp (src/engine/math/detExp.ts and $exp in backends/typed/wasm/lif.wat): the
 * JavaScript and WebAssembly versions agree bit for bit, and both stay within a stated error of
 * Math.exp. Measured with this test's sweep (seeded; 100,000 arguments over the whole range and
 * 100,000 in [-5, 0], where kernels' −dt/tau lie; 197,514 with normal results) under Node 20,
 * with fdlibm's rational form and k rounded to nearest: 1 argument differs from Math.exp, by
 * 1 ulp (relative 1.6e-16); none by more; exp(0) = 1 exactly. (The degree-13 Taylor form used
 * before differed by 1 ulp on 6.5 % of them.) V8's Math.exp is fdlibm's with k chosen by
 * truncation, so the two differ only where that choice differs. The range the COBA kernels use,
 * x = −dt/tau·(1 + R Σg): [−0.59, −0.005] over 1 s of the bench's coba-4k network (measured);
 * over [−1, 0] (100,000 arguments) no argument differs. Math.exp is itself not correctly rounded
 * (fdlibm, < 1 ulp), so this bounds the difference of the two, not the error of either.
 */
import { describe, expect, it } from 'vitest';
import { detExp, MAX_ARG, MIN_ARG } from '../../src/engine/math/detExp';
import { wasmDetExp } from '../../src/engine/backends/typed/wasm';
import { Rng } from '../../src/engine/random';
import { LIF_WASM_BASE64 } from '../../src/engine/backends/typed/wasm/lifModule';
// @ts-expect-error: a plain ES module script without type declarations
import { compileWat } from '../../scripts/build-wasm.mjs';

/** The part of the WebAssembly API used here (the tests' TypeScript has no DOM lib). */
const Wasm = (globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> } };
}).WebAssembly;

/** Calls lif.wat's exp2 (f64x2 -> f64x2, not callable from JavaScript) on `n` pairs at byte 0 of its memory, in place. */
const EXP2_HARNESS = `(module
  (import "env" "memory" (memory 1))
  (import "env" "exp2" (func $exp2 (param v128) (result v128)))
  (func (export "run") (param $n i32) (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (v128.store (i32.shl (local.get $i) (i32.const 4)) (call $exp2 (v128.load (i32.shl (local.get $i) (i32.const 4)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
)`;

/** Stated error bounds (see the file comment), checked below. */
const MAX_ULPS = 1;
const MAX_REL = 2.3e-16;
/**
 * Share of the sweep's arguments whose result differs from Math.exp at all: fdlibm's algorithm in
 * V8 (Node, Chromium) and here, so almost none (measured: 1 in 197,514). An engine whose Math.exp
 * is not fdlibm's would fail this check, not the bounds above.
 */
const MAX_DIFFERING = 1e-4;

const view = new DataView(new ArrayBuffer(8));
/** Distance in units in the last place between two finite positive doubles. */
function ulps(a: number, b: number): number {
  view.setFloat64(0, a);
  const ia = view.getBigInt64(0);
  view.setFloat64(0, b);
  const ib = view.getBigInt64(0);
  return Number(ia > ib ? ia - ib : ib - ia);
}

function sweep(): number[] {
  const rng = new Rng(2026, 12, 6, 1);
  const xs: number[] = [];
  for (let i = 0; i < 100_000; i++) xs.push(rng.range(MIN_ARG, MAX_ARG));
  for (let i = 0; i < 100_000; i++) xs.push(-rng.range(0, 5)); // -dt/tau, -dt·leak: where kernels live
  xs.push(0, -0, 1, -1, 0.5, Math.LN2, -Math.LN2, 1e-300, -1e-300, 700, -700, 709.7, -708.4, -740, MAX_ARG, MIN_ARG);
  return xs;
}

describe('deterministic exp', () => {
  const wasm = wasmDetExp();

  it('loads as WebAssembly here', () => {
    expect(wasm).not.toBeNull();
  });

  it('gives the same bits in JavaScript and WebAssembly', () => {
    const xs = [...sweep(), Infinity, -Infinity, NaN, 710, -746, 1e308, -1e308];
    let differ = 0;
    for (const x of xs) {
      const a = detExp(x);
      const b = wasm!(x);
      if (!Object.is(a, b)) differ++;
    }
    expect(differ).toBe(0);
  });

  it(`stays within ${MAX_ULPS} ulp and ${MAX_REL} relative of Math.exp, and differs from it on at most ${MAX_DIFFERING} of arguments`, () => {
    let worstUlps = 0;
    let worstRel = 0;
    let normal = 0;
    let differ = 0;
    for (const x of sweep()) {
      const a = detExp(x);
      const b = Math.exp(x);
      if (b < 2.2250738585072014e-308) {
        expect(Math.abs(a - b)).toBeLessThanOrEqual(Number.MIN_VALUE * 2); // subnormal results: absolute
        continue;
      }
      normal++;
      if (a !== b) differ++;
      worstUlps = Math.max(worstUlps, ulps(a, b));
      worstRel = Math.max(worstRel, Math.abs(a - b) / b);
    }
    expect(worstUlps).toBeLessThanOrEqual(MAX_ULPS);
    expect(worstRel).toBeLessThan(MAX_REL);
    expect(differ / normal).toBeLessThanOrEqual(MAX_DIFFERING);
  });

  it('stays within 1 ulp (relative 2.3e-16) of Math.exp over [-1, 0], where the COBA kernels evaluate it', () => {
    const rng = new Rng(14, 1, 2, 3);
    let worstRel = 0;
    let worstUlps = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = -rng.range(0, 1);
      const a = detExp(x);
      const b = Math.exp(x);
      expect(Object.is(a, wasm!(x))).toBe(true);
      worstUlps = Math.max(worstUlps, ulps(a, b));
      worstRel = Math.max(worstRel, Math.abs(a - b) / b);
    }
    expect(worstUlps).toBeLessThanOrEqual(MAX_ULPS);
    expect(worstRel).toBeLessThan(MAX_REL);
  });

  it('gives the same bits on both lanes of exp2 (the f64x2 form the generated kernels call), in and out of its fast range', async () => {
    const lif = new Wasm.Instance(new Wasm.Module(Uint8Array.from(atob(LIF_WASM_BASE64), (c) => c.charCodeAt(0))), {});
    const { memory, exp2 } = lif.exports as { memory: { readonly buffer: ArrayBuffer }; exp2: unknown };
    const harness = new Wasm.Instance(new Wasm.Module(await compileWat(EXP2_HARNESS, 'exp2.wat')), { env: { memory, exp2 } });
    const run = harness.exports.run as (pairs: number) => void;
    // one lane in the fast range [-708, 709] and one out of it, too, so both paths are taken
    const xs = [...sweep(), Infinity, -Infinity, NaN, 710, -746, -708.5, 709.5, -708, 709];
    const batch = 4096;
    let differ = 0;
    for (let at = 0; at < xs.length; at += batch) {
      const chunk = xs.slice(at, at + batch);
      if (chunk.length % 2) chunk.push(0);
      const buf = new Float64Array(memory.buffer, 0, chunk.length);
      buf.set(chunk);
      run(chunk.length / 2);
      chunk.forEach((x, k) => {
        if (!Object.is(buf[k], detExp(x))) differ++;
      });
    }
    expect(differ).toBe(0);
  });

  it('handles the edges as Math.exp does', () => {
    expect(detExp(0)).toBe(1);
    expect(detExp(Infinity)).toBe(Infinity);
    expect(detExp(-Infinity)).toBe(0);
    expect(detExp(710)).toBe(Infinity);
    expect(detExp(-746)).toBe(0);
    expect(Number.isNaN(detExp(NaN))).toBe(true);
    expect(detExp(MAX_ARG)).toBeGreaterThan(1.79e308);
  });
});
