/**
 * Morris–Lecar against Brian2: Brian2's own rk4 runs the equations generated from the spec, the
 * interpreter its own RK4, an independent implementation of the same step (spike steps identical,
 * V within rounding). Also the spec kernel, the brainpy.state class and a small network
 * (test/spec/modelSuite.ts).
 */
import { modelSuite } from '../../../../../test/spec/modelSuite';

modelSuite({
  model: 'MorrisLecar',
  // BrainPy's defaults over 1 s (its rhythm is slow: 12/15/4 spikes). Measured max |ΔV| 9.8e-12 mV.
  sameStep: [{ key: 'ml', currents: [100, 150, 200], dt: 0.05, steps: 20000, vTol: 1e-7 }],
  kernel: [{ currents: [50, 100, 150, 200], dt: 0.05, steps: 10000 }],
  brainpy: { dt: 0.05, steps: 3000, currents: [60, 100, 150], g: 0.3 },
  network: { dt: '0.05 ms', driveA: ['100 nA', '150 nA', '200 nA'], driveBC: '60 nA', cuba: '50 nA', coba: '1 uS', firstSpikesWithinMs: 60, params: {} },
});
