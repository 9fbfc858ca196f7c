/**
 * exp and exprel on both lanes of an f64x2, written into a generated function (generate.ts) instead
 * of called: a call per exponential kept HH's ten exponentials per neuron and step from being
 * scheduled together (bench's COBA-HH, 500 ms: 1.3 CPU s with calls, 1.1 s inlined, measured
 * alternately under load 11 with bench/child.ts).
 *
 * exp is lif.wat's former $exp2 written out: detExp (src/engine/math/detExp.ts, fdlibm's e_exp.c
 * with k rounded to nearest) with its operations in its order, so each lane gets the bits of detExp
 * and of lif.wat's scalar $exp. 2^k comes from kd's bits, right for x in [-708, 709]; a lane outside
 * (NaN, ±Infinity, overflow, subnormal results) needs $exp itself. Either each exp branches on that
 * (a pair with a lane outside calls $exp per lane), or, under `okMask`, none does and the caller
 * redoes the pair's whole integration with the branches where a lane was outside
 * (Generator.integrate): one test per pair instead of one per exponential, 3–4 % of HH's step
 * (the bench network stepped 250 steps at a time, both versions interleaved in one process, 30
 * times). test/engine/detExp.test.ts checks the bits against
 * detExp on a sweep of the whole range and the edges; test/wasmgen/generate.test.ts the redo.
 * (Tried: a branch-free form, the argument clamped and 2^k built as 2^k1·2^k2, gives the same bits
 * but was slower than either.)
 *
 * exprel is the generated module's scalar exprel (Generator.exprel) per lane: 1 + z/2 below
 * EXPREL_SERIES, the Taylor series to z^4 below EXPREL_TAYLOR, else (e^z - 1)/z; the series are
 * computed only when a lane needs one (one branch, rarely taken).
 */
import { Body, OP, SIMD, V128 } from './emit';
import { EXP_P, INV_LN2, LN2_HI, LN2_LO, SHIFT } from '../../../math/detExp';

/** Below this |z| exprel(z) = 1 + z/2 (as spec/exprel.ts's exprel). */
export const EXPREL_SERIES = 1e-8;
/** Below this |z| exprel is summed as its Taylor series (see Generator.exprel). */
export const EXPREL_TAYLOR = 1e-3;
/** Where 2^k is built from kd's bits alone (k in [-1021, 1023]); a pair with a lane outside calls detExp per lane. */
const FAST_LOW = -708;
const FAST_HIGH = 709;

/**
 * Emits exp/exprel of the f64x2 on the stack into `b`. `konst(v)` gives a v128 local holding `v`
 * in both lanes, set once outside the loop by the caller; `scalarExp` is the index of the imported
 * detExp (lif.wat's exp).
 */
export class LaneMath {
  private temps: Record<'x' | 'kd' | 'k' | 'hi' | 'lo' | 'r' | 't' | 'c', number> | undefined;

  /**
   * When set, exp takes its fast path with no branch and ANDs "the argument was in [-708, 709]"
   * of each lane into this v128 local (all ones before); the caller redoes the work without it
   * where a lane is not set afterwards (Generator.integrate).
   */
  okMask: number | undefined;
  /** How many exps were emitted under okMask. */
  unchecked = 0;

  constructor(private readonly b: Body, private readonly konst: (v: number) => number, private readonly scalarExp: number) {}

  /** exp of both lanes (detExp's bits per lane, see the file comment). */
  exp(): void {
    const { b } = this;
    const t = this.temps ??= {
      x: b.local(V128), kd: b.local(V128), k: b.local(V128), hi: b.local(V128), lo: b.local(V128),
      r: b.local(V128), t: b.local(V128), c: b.local(V128),
    };
    const k = (v: number): void => {
      b.get(this.konst(v));
    };
    const [mul, add, sub] = [SIMD.f64x2_mul, SIMD.f64x2_add, SIMD.f64x2_sub].map((op) => (): void => {
      b.simd(op);
    });
    const ok = this.okMask;
    b.set(t.x);
    b.get(t.x);
    k(FAST_LOW);
    b.simd(SIMD.f64x2_ge).get(t.x);
    k(FAST_HIGH);
    b.simd(SIMD.f64x2_le).simd(SIMD.v128_and);
    if (ok === undefined) b.simd(SIMD.i64x2_all_true).op(OP.if, V128);
    else {
      b.get(ok).simd(SIMD.v128_and).set(ok);
      this.unchecked++;
    }
    // kd = x/ln2 + 1.5·2^52 (k in its low bits), k = kd - 1.5·2^52
    b.get(t.x);
    k(INV_LN2);
    mul();
    k(SHIFT);
    add();
    b.tee(t.kd);
    k(SHIFT);
    sub();
    b.set(t.k);
    // hi = x - k·LN2_HI, lo = k·LN2_LO, r = hi - lo, t = r²
    b.get(t.x).get(t.k);
    k(LN2_HI);
    mul();
    sub();
    b.set(t.hi);
    b.get(t.k);
    k(LN2_LO);
    mul();
    b.set(t.lo);
    b.get(t.hi).get(t.lo);
    sub();
    b.tee(t.r).get(t.r);
    mul();
    b.set(t.t);
    // c = r - t(P1 + t(P2 + t(P3 + t(P4 + t·P5))))
    b.get(t.r).get(t.t);
    k(EXP_P[0]);
    for (const p of EXP_P.slice(1)) {
      b.get(t.t);
      k(p);
    }
    for (let j = 0; j < EXP_P.length - 1; j++) {
      mul();
      add();
    }
    mul();
    sub();
    b.set(t.c);
    // (1 - ((lo - r·c/(2 - c)) - hi)) · 2^k, 2^k from kd's low bits (x << 52 plus the bits of 1.0)
    k(1);
    b.get(t.lo).get(t.r).get(t.c);
    mul();
    k(2);
    b.get(t.c);
    sub();
    b.simd(SIMD.f64x2_div);
    sub();
    b.get(t.hi);
    sub();
    sub();
    b.get(t.kd).i32(52).simd(SIMD.i64x2_shl);
    k(1); // the bits 0x3ff0000000000000 in each lane
    b.simd(SIMD.i64x2_add);
    mul();
    if (ok !== undefined) return;
    b.op(OP.else);
    // a lane outside [-708, 709]: detExp of each lane (lif.wat's $exp)
    b.get(t.x).simd(SIMD.f64x2_extract_lane, 0).call(this.scalarExp).simd(SIMD.f64x2_splat);
    b.get(t.x).simd(SIMD.f64x2_extract_lane, 1).call(this.scalarExp).simd(SIMD.f64x2_replace_lane, 1);
    b.op(OP.end);
  }

  /** exprel of both lanes (the scalar exprel's bits per lane). */
  exprel(): void {
    const { b } = this;
    const z = b.local(V128);
    const quotient = b.local(V128);
    const abs = b.local(V128);
    b.tee(z);
    // (e^z - 1)/z
    this.exp();
    b.get(this.konst(1)).simd(SIMD.f64x2_sub).get(z).simd(SIMD.f64x2_div).set(quotient);
    b.get(z).simd(SIMD.f64x2_abs).set(abs);
    b.get(abs).get(this.konst(EXPREL_TAYLOR)).simd(SIMD.f64x2_lt).simd(SIMD.i64x2_bitmask).op(OP.if, V128);
    // 1 + z/2 (z·0.5, the same exact halving) where |z| < EXPREL_SERIES
    b.get(this.konst(1)).get(z).get(this.konst(0.5)).simd(SIMD.f64x2_mul).simd(SIMD.f64x2_add);
    // 1 + z(1/2 + z(1/6 + z(1/24 + z/120))) where |z| < EXPREL_TAYLOR
    b.get(this.konst(1)).get(z).get(this.konst(1 / 2)).get(z).get(this.konst(1 / 6)).get(z).get(this.konst(1 / 24)).get(z).get(this.konst(1 / 120));
    for (let j = 0; j < 4; j++) b.simd(SIMD.f64x2_mul).simd(SIMD.f64x2_add);
    b.get(quotient);
    b.get(abs).get(this.konst(EXPREL_TAYLOR)).simd(SIMD.f64x2_lt).simd(SIMD.v128_bitselect);
    b.get(abs).get(this.konst(EXPREL_SERIES)).simd(SIMD.f64x2_lt).simd(SIMD.v128_bitselect);
    b.op(OP.else).get(quotient).op(OP.end);
  }
}
