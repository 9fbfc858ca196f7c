/**
 * Wang–Buzsáki HH against Brian2: Brian2's own rk4 runs the NeuronGroup generated from the spec, the
 * interpreter its own RK4 (spike steps identical, V within rounding).
 * Also the typed backend's spec kernel against the reference interpreter (bit-identical) and the
 * generated brainpy.state class against that kernel (test/spec/specKernelRun.ts, brainpyRun.ts).
 */
import { describe, it } from 'vitest';
import { HAS_BRIAN2, sameStepAgainstBrian2, SKIP_NOTE } from '../../../../../test/spec/brian2Jobs';
import { BRIAN2_TIMEOUT_MS } from '../../../../../test/spec/helpers';
import { brainpyClassAgrees, V_TOL_MV } from '../../../../../test/spec/brainpyRun';
import { caseLabel, specKernelAgrees, type KernelCase } from '../../../../../test/spec/specKernelRun';

/** Runs of the typed backend's spec kernel against the reference interpreter (test/spec/specKernelRun.ts). */
const KERNEL_CASES: readonly KernelCase[] = [
  { model: 'WangBuzsakiHH', currents: [0.1, 0.5, 1, 3], dt: 0.02, steps: 5000 },
];

describe('WangBuzsakiHH', () => {
  it.skipIf(!HAS_BRIAN2)(`agrees with Brian2's rk4 on the generated equations: identical spike steps, V within rounding${SKIP_NOTE}`, () => sameStepAgainstBrian2([
    // The spec's defaults (BrainPy's). Measured max |ΔV| 4e-9 mV.
    { key: 'wb', model: 'WangBuzsakiHH', currents: [0.5, 1, 2], dt: 0.02, steps: 10000, vTol: 1e-7 },
  ]), BRIAN2_TIMEOUT_MS);

  // The typed backend's spec kernel against the reference interpreter: identical spikes, bit-identical traces.
  for (const c of KERNEL_CASES) it(`spec kernel = interpreter: ${caseLabel(c)}`, () => specKernelAgrees(c));

  it(`its generated brainpy.state class computes the kernel's step: identical spike steps, V within ${V_TOL_MV} mV`, () => brainpyClassAgrees({ model: 'WangBuzsakiHH', dt: 0.05, steps: 2000, currents: [0.1, 0.5, 1], g: 0.005 }));
});
