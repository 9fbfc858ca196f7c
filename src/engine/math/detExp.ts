/**
 * A deterministic exp: the same operations in the same order as $exp (and its f64x2 form inlined by wasmgen/laneMath.ts)
 * in backends/typed/wasm/lif.wat, so both give the same bits for every input on
 * every machine (Math.exp is left to each JavaScript engine and may differ by an ulp between them).
 *
 * Method: fdlibm's e_exp.c (Sun, 1993; also V8's Math.exp), with k rounded to nearest:
 *   k = round(x / ln 2) (adding and subtracting 1.5·2^52 rounds to nearest-even in one IEEE add),
 *   hi = x − k·LN2_HI, lo = k·LN2_LO, r = hi − lo (|r| ≤ ln 2 / 2, LN2_HI has 21 trailing zero bits
 *   so k·LN2_HI is exact for every k reached here),
 *   c = r − t(P1 + t(P2 + t(P3 + t(P4 + t·P5)))), t = r², a Remez fit with error below 2^-59 on that
 *   interval for exp(r) = 1 + r + r·c/(2 − c),
 *   exp(x) = 2^k · (1 − ((lo − r·c/(2 − c)) − hi)).
 * fdlibm chooses k by truncating x/ln 2 ± 1/2 with special cases near 0; rounding to nearest gives
 * the same k except at those edges, so the result is Math.exp's bits for all but a few arguments
 * (1 ulp apart there; test/engine/detExp.test.ts measures it). Compared with the degree-13
 * Taylor polynomial used before, it takes about 28 instead of 40 operations per f64x2 in
 * WebAssembly (one of them a division): the COBA kernel evaluates one per neuron per step.
 * Each step is one IEEE-754 double operation (add, sub, mul, div; no fused multiply-add), which
 * JavaScript and WebAssembly both round exactly, so the results agree bit for bit.
 * Used by the JavaScript spec kernel and interpreter (spec/linearStep.ts: LIF's step with
 * conductance-based outputs) and, as lif.wat's `exp` export, by the kernels generated from specs
 * (their odd last neuron; pairs of neurons run these operations inlined on f64x2 lanes:
 * backends/typed/wasmgen/laneMath.ts, which imports the constants below).
 */

/** ln 2 split (fdlibm's): LN2_HI + LN2_LO = ln 2 to far beyond double precision; LN2_HI has 21 trailing zero bits. */
export const LN2_HI = 6.93147180369123816490e-1;
export const LN2_LO = 1.90821492927058770002e-10;
export const INV_LN2 = 1.44269504088896338700;
/** Above this exp overflows to Infinity; below MIN_ARG it underflows to 0 (as Math.exp). */
export const MAX_ARG = 709.782712893383973096;
export const MIN_ARG = -745.133219101941108420;
/** 1.5·2^52: x + SHIFT − SHIFT is x rounded to the nearest integer (ties to even) for |x| < 2^51. */
export const SHIFT = 6755399441055744;

/** fdlibm's coefficients of R(r²) (e_exp.c), P1 to P5. */
export const EXP_P: readonly number[] = [1.66666666666666019037e-01, -2.77777777770155933842e-03, 6.61375632143793436117e-05, -1.65339022054652515390e-06, 4.13813679705723846039e-08];
const [P1, P2, P3, P4, P5] = EXP_P;

const scratch = new DataView(new ArrayBuffer(8));

/** 2^k for -1022 ≤ k ≤ 1023, built from its bits (exact). */
function pow2(k: number): number {
  scratch.setUint32(0, 0, true);
  scratch.setUint32(4, (k + 1023) << 20, true);
  return scratch.getFloat64(0, true);
}

/** exp(x), deterministic (see the file comment); NaN gives NaN, ±Infinity give Infinity and 0. */
export function detExp(x: number): number {
  if (!(x <= MAX_ARG)) return x !== x ? x : Infinity; // NaN stays NaN
  if (x < MIN_ARG) return 0;
  const k = x * INV_LN2 + SHIFT - SHIFT;
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // 2^k in two factors when k leaves the normal range (results near overflow and subnormal ones)
  if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return y * pow2(k + 1000) * pow2(-1000);
  return y * pow2(k);
}
