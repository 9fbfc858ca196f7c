/**
 * A deterministic exp: the same operations in the same order as the WebAssembly function in
 * backends/typed/wasm/detexp.wat, so both give the same bits for every input on every machine
 * (Math.exp is left to each JavaScript engine and may differ by an ulp between them).
 *
 * Method (Cody & Waite range reduction, then a Taylor polynomial):
 *   k = floor(x / ln 2 + 1/2),  r = (x − k·LN2_HI) − k·LN2_LO,  |r| ≤ ln 2 / 2 (+ rounding),
 *   exp(r) ≈ Σ_{n=0}^{13} rⁿ/n!  by Horner's rule,  exp(x) = exp(r) · 2^k.
 * Each step is one IEEE-754 double operation (add, sub, mul, floor; no fused multiply-add), which
 * JavaScript and WebAssembly both round exactly, so the results agree bit for bit.
 * LN2_HI has its low 21 bits zero, so k·LN2_HI is exact for every k reached here (|k| ≤ 1075) and r carries no
 * cancellation error. The truncated series' error r¹⁴/14! ≤ 3.3e-18 is far below an ulp.
 * Measured against Math.exp (test/engine/detExp.test.ts, 197,501 arguments): at most 1 ulp
 * apart, relative difference ≤ 2.20e-16. Not wired into the kernels yet (issue 14).
 */

/** ln 2 split (fdlibm's): LN2_HI + LN2_LO = ln 2 to far beyond double precision; LN2_HI has 21 trailing zero bits. */
export const LN2_HI = 6.93147180369123816490e-1;
export const LN2_LO = 1.90821492927058770002e-10;
export const INV_LN2 = 1.44269504088896338700;
/** Above this exp overflows to Infinity; below MIN_ARG it underflows to 0 (as Math.exp). */
export const MAX_ARG = 709.782712893383973096;
export const MIN_ARG = -745.133219101941108420;

/** 1/n! for n = 13 down to 2, as Horner's rule uses them. */
export const EXP_COEFFS: readonly number[] = [
  1 / 6227020800, 1 / 479001600, 1 / 39916800, 1 / 3628800, 1 / 362880, 1 / 40320, 1 / 5040, 1 / 720, 1 / 120, 1 / 24, 1 / 6, 1 / 2,
];

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
  const k = Math.floor(x * INV_LN2 + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  let p = EXP_COEFFS[0];
  for (let i = 1; i < EXP_COEFFS.length; i++) p = p * r + EXP_COEFFS[i];
  p = p * r + 1;
  p = p * r + 1;
  // 2^k in two factors when k leaves the normal range (results near overflow and subnormal ones)
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return p * pow2(k + 1000) * pow2(-1000);
  return p * pow2(k);
}
