/**
 * AdQuaIF against Brian2, twice (test/spec/brian2Jobs.ts): Brian2 runs the spec's own
 * exponential-Euler step as run_regularly code (the translation: identical spike steps, V within
 * rounding), and Brian2's rk4 integrates its plain equations at dt = 0.005 ms (the physics: spike
 * times within tolerance at dt = 0.1 and 0.01 ms, converging). Also the spec kernel, the
 * brainpy.state class and a small network (test/spec/modelSuite.ts).
 */
import { modelSuite } from '../../../../../test/spec/modelSuite';

/** BrainPy's defaults with R = 10 MΩ, a = 2 nS, b = 0.05 nA, tau_w = 100 ms (its R = 1 Ω never fires on nA). */
const PARAMS = { R: 10, a: 0.002, b: 0.05, tau_w: 100 };

modelSuite({
  model: 'AdQuaIF',
  sameStepTitle: "runs the spec's step as Brian2 does",
  sameStep: [{ key: 'adquaif', currents: [0.6, 1, 2], dt: 0.1, steps: 3000, vTol: 1e-7, params: PARAMS, overrides: { reset: 'hard' } }],
  // Measured max |Δt| 0.710 ms at dt = 0.1 ms, 0.030 ms at dt = 0.01 ms.
  physics: [{ key: 'adquaif', currents: [0.6, 1, 2], params: PARAMS, tTol: { coarse: 1.0, fine: 0.05 } }],
  kernel: [
    { currents: [0.3, 0.6, 1, 2], dt: 0.1, steps: 3000 },
    { currents: [0.6, 1, 2], dt: 0.1, steps: 3000, overrides: { reset: 'soft' } },
  ],
  brainpy: { dt: 0.1, steps: 1500, currents: [0.3, 0.6, 1.2], g: 0.005 },
  network: {
    dt: '0.1 ms', driveA: ['0.6 nA', '1 nA', '1.5 nA'], driveBC: '0.3 nA', cuba: '0.5 nA', coba: '0.02 uS', firstSpikesWithinMs: 130,
    params: { R: '10 MOhm', tau: '10 ms', tau_w: '100 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_c: '-50 mV', c: 0.07, a: '2 nS', b: '0.05 nA', reset: 'hard' },
  },
});
