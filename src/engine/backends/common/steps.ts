/**
 * A duration counted in whole steps as every kernel counts it (refractory periods, transmitter
 * pulses): rounded up, with a tolerance for the binary rounding of dt, so 5 ms / 0.1 ms stays 50
 * steps instead of becoming 51.
 */

/** Relative slack below a whole number of steps that still counts as that number. */
export const STEP_TOLERANCE = 1e-9;

/** ceil(duration / dt), at least `min` (duration and dt in the same unit). */
export function stepsAtLeast(duration: number, dt: number, min = 0): number {
  return Math.max(min, Math.ceil(duration / dt - STEP_TOLERANCE));
}
