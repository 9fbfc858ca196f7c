/** Below this |z| exprel(z) = 1 + z/2 to double precision, and expm1(z)/z would lose digits. */
const EXPREL_SERIES = 1e-8;

/**
 * exprel(z) = (e^z - 1)/z, the factor of the exponential-Euler step x += dt·exprel(dt·J)·f(x),
 * as the interpreter and the JavaScript spec kernel take it (the generated kernels have their
 * own on the deterministic exp: wasmgen/generate.ts, laneMath.ts).
 */
export function exprel(z: number): number {
  return Math.abs(z) < EXPREL_SERIES ? 1 + z / 2 : Math.expm1(z) / z;
}
