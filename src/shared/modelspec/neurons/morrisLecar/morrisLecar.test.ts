/**
 * Morris–Lecar against Brian2: Brian2's own rk4 runs the equations generated from the spec, the
 * interpreter its own RK4, an independent implementation of the same step (spike steps identical,
 * V within rounding).
 */
import { describe, it } from 'vitest';
import { HAS_BRIAN2, sameStepAgainstBrian2, SKIP_NOTE } from '../../../../../test/spec/brian2Jobs';
import { BRIAN2_TIMEOUT_MS } from '../../../../../test/spec/helpers';

describe('MorrisLecar', () => {
  it.skipIf(!HAS_BRIAN2)(`agrees with Brian2's rk4 on the generated equations: identical spike steps, V within rounding${SKIP_NOTE}`, () => sameStepAgainstBrian2([
    // BrainPy's defaults over 1 s (its rhythm is slow: 12/15/4 spikes). Measured max |ΔV| 9.8e-12 mV.
    { key: 'ml', model: 'MorrisLecar', currents: [100, 150, 200], dt: 0.05, steps: 20000, vTol: 1e-7 },
  ]), BRIAN2_TIMEOUT_MS);
});
