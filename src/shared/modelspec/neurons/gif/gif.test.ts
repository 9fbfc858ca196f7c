/**
 * GIF (Mihalas–Niebur) against Brian2: Brian2's own rk4 runs the equations generated from the spec,
 * the interpreter its own RK4, an independent implementation of the same step (spike steps
 * identical, V within rounding); and the reset max(V_th_reset, V_th) takes both branches.
 * Also the spec kernel, the brainpy.state class and a small network (test/spec/modelSuite.ts).
 */
import { expect, it } from 'vitest';
import { interpret } from '../../../../engine/spec/interpreter';
import { bundledSpec } from '../../../../../test/spec/helpers';
import { modelSuite } from '../../../../../test/spec/modelSuite';

modelSuite({
  model: 'GIF',
  sameStep: [
    // BrainPy's defaults (a = 0: a fixed threshold, no spike currents). Measured max |ΔV| 1.0e-13 mV.
    { key: 'gif', currents: [1.2, 1.5, 2], dt: 0.1, steps: 3000, vTol: 1e-9 },
    // A moving threshold (a = 0.005/ms), raised to at least V_th_reset = -45 mV at each spike (so both
    // branches of max() are taken), and both spike-induced currents (A1 = 0.5 nA, A2 = -0.1 nA: adaptation). Measured 1.2e-13 mV.
    { key: 'gif_adapt', currents: [2, 3, 4], dt: 0.1, steps: 3000, params: { a: 0.005, A1: 0.5, A2: -0.1, V_th_reset: -45 }, vTol: 1e-9 },
  ],
  kernel: [
    { currents: [0.8, 1.2, 1.5, 2], dt: 0.1, steps: 3000 },
    { currents: [2, 3, 4], dt: 0.1, steps: 3000, overrides: { a: '5 Hz', A1: '0.5 nA', A2: '-0.1 nA', V_th_reset: '-45 mV' } },
  ],
  brainpy: { dt: 0.1, steps: 1500, currents: [0.6, 1.0, 1.5], g: 0.005 },
  network: { dt: '0.1 ms', driveA: ['1.2 nA', '1.5 nA', '2 nA'], driveBC: '0.8 nA', cuba: '1 nA', coba: '0.02 uS', firstSpikesWithinMs: 80, params: { A1: '0.2 nA', A2: '-0.05 nA' } },
  more: () => {
    it('resets the threshold to max(V_th_reset, V_th), taking either branch', () => {
      const spec = bundledSpec('GIF');
      const params = { a: 0.005, A1: 0.5, A2: -0.1, V_th_reset: -45 };
      const n = 3;
      const currents = [2, 3, 4];
      const r = interpret({ spec, n, dt: 0.1, steps: 3000, params, input: (_n, _s, i) => currents[i] });
      let raised = 0;
      let kept = 0;
      for (let i = 0; i < n; i++) {
        for (const s of r.spikes[i]) {
          if (s + 1 >= 3000) continue;
          const before = r.trace.V_th[s * n + i];
          const after = r.trace.V_th[(s + 1) * n + i];
          // The step after the spike: reset, then one RK4 step of 0.1 ms (|dV_th/dt| < 0.5 mV/ms here).
          expect(Math.abs(after - Math.max(-45, before)), `neuron ${i} spike at step ${s}`).toBeLessThan(0.05);
          if (before < -45) raised++;
          else kept++;
        }
      }
      expect(raised, 'spikes where V_th was raised to V_th_reset').toBeGreaterThan(0);
      expect(kept, 'spikes where V_th was kept').toBeGreaterThan(0);
    });
  },
});
