/**
 * Morris–Lecar against Brian2: Brian2's own rk4 runs the equations generated from the spec, the
 * interpreter its own RK4, an independent implementation of the same step (spike steps identical,
 * V within rounding).
 * Also the typed backend's spec kernel against the reference interpreter (bit-identical) and the
 * generated brainpy.state class against that kernel (test/spec/specKernelRun.ts, brainpyRun.ts),
 * and a small network against its Brian2 export and on tfjs against typed (test/spec/networks.ts).
 */
import { describe, it } from 'vitest';
import { HAS_BRIAN2, sameStepAgainstBrian2, SKIP_NOTE } from '../../../../../test/spec/brian2Jobs';
import { BRIAN2_TIMEOUT_MS } from '../../../../../test/spec/helpers';
import { brainpyClassAgrees, V_TOL_MV } from '../../../../../test/spec/brainpyRun';
import { caseLabel, specKernelAgrees, type KernelCase } from '../../../../../test/spec/specKernelRun';
import { COUNT_TOL, FIRST_SPIKE_TOL_STEPS, NETWORK_TIMEOUT_MS, networkAgainstBrian2, tfjsAgainstTyped, type NetCase } from '../../../../../test/spec/networks';

/** Runs of the typed backend's spec kernel against the reference interpreter (test/spec/specKernelRun.ts). */
const KERNEL_CASES: readonly KernelCase[] = [
  { model: 'MorrisLecar', currents: [50, 100, 150, 200], dt: 0.05, steps: 10000 },
];

/** Its small network (test/spec/networks.ts): A driven by three currents, B and C fed by A through CUBA and COBA on top of a current below threshold. */
const NETWORK: NetCase = { model: 'MorrisLecar', dt: '0.05 ms', driveA: ['100 nA', '150 nA', '200 nA'], driveBC: '60 nA', cuba: '50 nA', coba: '1 uS', firstSpikesWithinMs: 60, params: {} };

describe('MorrisLecar', () => {
  it.skipIf(!HAS_BRIAN2)(`agrees with Brian2's rk4 on the generated equations: identical spike steps, V within rounding${SKIP_NOTE}`, () => sameStepAgainstBrian2([
    // BrainPy's defaults over 1 s (its rhythm is slow: 12/15/4 spikes). Measured max |ΔV| 9.8e-12 mV.
    { key: 'ml', model: 'MorrisLecar', currents: [100, 150, 200], dt: 0.05, steps: 20000, vTol: 1e-7 },
  ]), BRIAN2_TIMEOUT_MS);

  // The typed backend's spec kernel against the reference interpreter: identical spikes, bit-identical traces.
  for (const c of KERNEL_CASES) it(`spec kernel = interpreter: ${caseLabel(c)}`, () => specKernelAgrees(c));

  it(`its generated brainpy.state class computes the kernel's step: identical spike steps, V within ${V_TOL_MV} mV`, () => brainpyClassAgrees({ model: 'MorrisLecar', dt: 0.05, steps: 3000, currents: [60, 100, 150], g: 0.3 }));

  it.skipIf(!HAS_BRIAN2)(`a network on the typed backend against its Brian2 export: spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step${SKIP_NOTE}`, () => networkAgainstBrian2(NETWORK), NETWORK_TIMEOUT_MS);

  it(`the network on tfjs against the typed backend: spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step`, () => tfjsAgainstTyped(NETWORK), NETWORK_TIMEOUT_MS);
});
