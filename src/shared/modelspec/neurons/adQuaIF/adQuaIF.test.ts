/**
 * AdQuaIF against Brian2, twice (test/spec/brian2Jobs.ts): Brian2 runs the spec's own
 * exponential-Euler step as run_regularly code (the translation: identical spike steps, V within
 * rounding), and Brian2's rk4 integrates its plain equations at dt = 0.005 ms (the physics: spike
 * times within tolerance at dt = 0.1 and 0.01 ms, converging).
 * Also the typed backend's spec kernel against the reference interpreter (bit-identical) and the
 * generated brainpy.state class against that kernel (test/spec/specKernelRun.ts, brainpyRun.ts),
 * and a small network against its Brian2 export and on tfjs against typed (test/spec/networks.ts).
 */
import { describe, it } from 'vitest';
import { HAS_BRIAN2, physicsAgainstBrian2, sameStepAgainstBrian2, SKIP_NOTE } from '../../../../../test/spec/brian2Jobs';
import { BRIAN2_TIMEOUT_MS } from '../../../../../test/spec/helpers';
import { brainpyClassAgrees, V_TOL_MV } from '../../../../../test/spec/brainpyRun';
import { caseLabel, specKernelAgrees, type KernelCase } from '../../../../../test/spec/specKernelRun';
import { COUNT_TOL, FIRST_SPIKE_TOL_STEPS, NETWORK_TIMEOUT_MS, networkAgainstBrian2, tfjsAgainstTyped, type NetCase } from '../../../../../test/spec/networks';

/** BrainPy's defaults with R = 10 MΩ, a = 2 nS, b = 0.05 nA, tau_w = 100 ms (its R = 1 Ω never fires on nA). */
const PARAMS = { R: 10, a: 0.002, b: 0.05, tau_w: 100 };

/** Runs of the typed backend's spec kernel against the reference interpreter (test/spec/specKernelRun.ts). */
const KERNEL_CASES: readonly KernelCase[] = [
  { model: 'AdQuaIF', currents: [0.3, 0.6, 1, 2], dt: 0.1, steps: 3000 },
  { model: 'AdQuaIF', currents: [0.6, 1, 2], dt: 0.1, steps: 3000, overrides: { reset: 'soft' } },
];

/** Its small network (test/spec/networks.ts): A driven by three currents, B and C fed by A through CUBA and COBA on top of a current below threshold. */
const NETWORK: NetCase = {
  model: 'AdQuaIF', dt: '0.1 ms', driveA: ['0.6 nA', '1 nA', '1.5 nA'], driveBC: '0.3 nA', cuba: '0.5 nA', coba: '0.02 uS', firstSpikesWithinMs: 130,
  params: { R: '10 MOhm', tau: '10 ms', tau_w: '100 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_c: '-50 mV', c: 0.07, a: '2 nS', b: '0.05 nA', reset: 'hard' },
};

describe('AdQuaIF', () => {
  it.skipIf(!HAS_BRIAN2)(`runs the spec's step as Brian2 does: identical spike steps, V within rounding${SKIP_NOTE}`, () => sameStepAgainstBrian2([
    { key: 'adquaif', model: 'AdQuaIF', currents: [0.6, 1, 2], dt: 0.1, steps: 3000, vTol: 1e-7, params: PARAMS, overrides: { reset: 'hard' } },
  ]), BRIAN2_TIMEOUT_MS);

  it.skipIf(!HAS_BRIAN2)(`matches Brian2's rk4 on its equations: same spike counts, spike times within tolerance${SKIP_NOTE}`, () => physicsAgainstBrian2([
    // Measured max |Δt| 0.710 ms at dt = 0.1 ms, 0.030 ms at dt = 0.01 ms.
    { key: 'adquaif', model: 'AdQuaIF', currents: [0.6, 1, 2], params: PARAMS, tTol: { coarse: 1.0, fine: 0.05 } },
  ]), BRIAN2_TIMEOUT_MS);

  // The typed backend's spec kernel against the reference interpreter: identical spikes, bit-identical traces.
  for (const c of KERNEL_CASES) it(`spec kernel = interpreter: ${caseLabel(c)}`, () => specKernelAgrees(c));

  it(`its generated brainpy.state class computes the kernel's step: identical spike steps, V within ${V_TOL_MV} mV`, () => brainpyClassAgrees({ model: 'AdQuaIF', dt: 0.1, steps: 1500, currents: [0.3, 0.6, 1.2], g: 0.005 }));

  it.skipIf(!HAS_BRIAN2)(`a network on the typed backend against its Brian2 export: spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step${SKIP_NOTE}`, () => networkAgainstBrian2(NETWORK), NETWORK_TIMEOUT_MS);

  it(`the network on tfjs against the typed backend: spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step`, () => tfjsAgainstTyped(NETWORK), NETWORK_TIMEOUT_MS);
});
