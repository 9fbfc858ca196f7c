/**
 * Wang–Buzsáki HH against Brian2: Brian2's own rk4 runs the NeuronGroup generated from the spec, the
 * interpreter its own RK4 (spike steps identical, V within rounding). Also the spec kernel, the
 * brainpy.state class and a small network (test/spec/modelSuite.ts).
 */
import { modelSuite } from '../../../../../test/spec/modelSuite';

modelSuite({
  model: 'WangBuzsakiHH',
  // The spec's defaults (BrainPy's). Measured max |ΔV| 4e-9 mV.
  sameStep: [{ key: 'wb', currents: [0.5, 1, 2], dt: 0.02, steps: 10000, vTol: 1e-7 }],
  kernel: [{ currents: [0.1, 0.5, 1, 3], dt: 0.02, steps: 5000 }],
  brainpy: { dt: 0.05, steps: 2000, currents: [0.1, 0.5, 1], g: 0.005 },
  network: { dt: '0.05 ms', driveA: ['0.5 nA', '1 nA', '3 nA'], driveBC: '0.1 nA', cuba: '1 nA', coba: '0.02 uS', firstSpikesWithinMs: 60, params: {} },
});
