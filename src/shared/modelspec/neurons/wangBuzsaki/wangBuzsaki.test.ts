/**
 * Wang–Buzsáki HH against Brian2: Brian2's own rk4 runs the NeuronGroup generated from the spec, the
 * interpreter its own RK4 (spike steps identical, V within rounding).
 */
import { describe, it } from 'vitest';
import { HAS_BRIAN2, sameStepAgainstBrian2, SKIP_NOTE } from '../../../../../test/spec/brian2Jobs';
import { BRIAN2_TIMEOUT_MS } from '../../../../../test/spec/helpers';

describe('WangBuzsakiHH', () => {
  it.skipIf(!HAS_BRIAN2)(`agrees with Brian2's rk4 on the generated equations: identical spike steps, V within rounding${SKIP_NOTE}`, () => sameStepAgainstBrian2([
    // The spec's defaults (BrainPy's). Measured max |ΔV| 4e-9 mV.
    { key: 'wb', model: 'WangBuzsakiHH', currents: [0.5, 1, 2], dt: 0.02, steps: 10000, vTol: 1e-7 },
  ]), BRIAN2_TIMEOUT_MS);
});
