/**
 * A linspace value (document `{dist: "linspace", from, to}`): `from` to `to` spread evenly over n
 * elements, both ends included; one element takes `from`. Written once here so the engine, the
 * exports and the plots give the same numbers to the last bit.
 */

/** The k-th of n values from `from` to `to` (k = 0 … n−1). */
export function linspaceAt(from: number, to: number, n: number, k: number): number {
  return n > 1 ? from + ((to - from) * k) / (n - 1) : from;
}

/** Fill `out` with the linspace from `from` to `to` over its length. */
export function fillLinspace(from: number, to: number, out: Float64Array | Float32Array): void {
  const n = out.length;
  for (let k = 0; k < n; k++) out[k] = linspaceAt(from, to, n, k);
}

/** A new Float64Array of n values from `from` to `to`. */
export function linspace(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  fillLinspace(from, to, out);
  return out;
}
