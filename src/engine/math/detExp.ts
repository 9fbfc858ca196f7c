/**
 * A deterministic exp: the same operations in the same order as the WebAssembly function in
 * backends/typed/wasm/detexp.wat, so both give the same bits for every input on every machine
 * (Math.exp is left to each JavaScript engine and may differ by an ulp between them).
 *
 * Method (Cody & Waite range reduction, then a Taylor polynomial):
 *   k = floor(x / ln 2 + 1/2),  r = (x − k·LN2_HI) − k·LN2_LO,  |r| ≤ ln 2 / 2 (+ rounding),
 *   exp(r) ≈ Σ_{n=0}^{13} rⁿ/n! = 1 + r(1 + r·q),  exp(x) = exp(r) · 2^k,
 *   q = Σ_{n=2}^{13} rⁿ⁻²/n! by Estrin's scheme: pairs aᵢ = c_{2i+2} + c_{2i+3}·r, then
 *   q = (a₀ + a₁r²) + (a₂ + a₃r²)·r⁴ + (a₄ + a₅r²)·r⁸ (8 dependent operations instead of
 *   Horner's 22, so the WebAssembly loop overlaps more of them; the same bits everywhere).
 * Each step is one IEEE-754 double operation (add, sub, mul, floor; no fused multiply-add), which
 * JavaScript and WebAssembly both round exactly, so the results agree bit for bit.
 * LN2_HI has its low 21 bits zero, so k·LN2_HI is exact for every k reached here (|k| ≤ 1075) and r carries no
 * cancellation error. The truncated series' error r¹⁴/14! ≤ 3.3e-18 is far below an ulp.
 * Measured against Math.exp: see test/engine/detExp.test.ts (which checks the bounds it states).
 * Used by the LIF kernels with conductance-based outputs (backends/typed/neurons.ts and
 * $lif_coba in lif.wat).
 */

/** ln 2 split (fdlibm's): LN2_HI + LN2_LO = ln 2 to far beyond double precision; LN2_HI has 21 trailing zero bits. */
export const LN2_HI = 6.93147180369123816490e-1;
export const LN2_LO = 1.90821492927058770002e-10;
export const INV_LN2 = 1.44269504088896338700;
/** Above this exp overflows to Infinity; below MIN_ARG it underflows to 0 (as Math.exp). */
export const MAX_ARG = 709.782712893383973096;
export const MIN_ARG = -745.133219101941108420;

/** 1/n! for n = 2 to 13 (C2 … C13). */
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
const C9 = 1 / 362880;
const C10 = 1 / 3628800;
const C11 = 1 / 39916800;
const C12 = 1 / 479001600;
const C13 = 1 / 6227020800;

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
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const q = (C2 + C3 * r + (C4 + C5 * r) * r2) + (C6 + C7 * r + (C8 + C9 * r) * r2) * r4 + (C10 + C11 * r + (C12 + C13 * r) * r2) * r8;
  const p = (q * r + 1) * r + 1;
  // 2^k in two factors when k leaves the normal range (results near overflow and subnormal ones)
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return p * pow2(k + 1000) * pow2(-1000);
  return p * pow2(k);
}
