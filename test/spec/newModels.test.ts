/**
 * Checks of the new specs and of the physics of the nonlinear exponential-Euler specs against
 * Brian2 (numpy runtime, float64). Skipped, with the reason in the name, without Brian2.
 *
 * 1. GIF (Mihalas–Niebur) and Morris–Lecar: Brian2's own rk4 state updater runs the equations
 *    generated from the spec (src/engine/spec/brian2.ts), the interpreter its own RK4: an
 *    independent implementation of the same step, so spike steps must be identical and V differs
 *    by rounding only (tolerance per job, measured values in its comment).
 * 2. ExpIF, AdExIF, QuaIF, Izhikevich and AdQuaIF: in brian2.test.ts Brian2 runs the spec's own
 *    exponential-Euler step as code, which checks the translation, not the physics. Here Brian2
 *    integrates the plain differential equations with its rk4 at dt = 0.005 ms (no clip at V_th,
 *    hard reset so the overshoot does not matter), and the interpreter's spike times at dt = 0.1 ms
 *    and 0.01 ms must match within the stated tolerance, with equal spike counts, over 200 ms.
 *    A spike's time is the end of the step after which V is first at or above the threshold.
 */
import { describe, expect, it } from 'vitest';
import { brian2Available } from '../../bench/brian2';
import { brian2NeuronGroup } from '../../src/engine/spec/brian2';
import { constantInit, interpret } from '../../src/engine/spec/interpreter';
import { BRIAN2_TIMEOUT_MS, bundledSpec, preset, runBrian2, worstDeltaV } from './helpers';

const HAS_BRIAN2 = brian2Available();
const SKIP_NOTE = HAS_BRIAN2 ? '' : " [skipped: /usr/bin/python3 -c 'import brian2' failed]";
const HEADER = ['import json', 'import numpy as np', 'import brian2 as b2', 'from brian2 import mV, nA, ms, uS, Mohm, nF, ohm, Hz', "b2.prefs.codegen.target = 'numpy'", 'out = {}'];

interface SameStepJob {
  readonly key: string;
  readonly model: string;
  readonly currents: readonly number[];
  readonly dt: number;
  readonly steps: number;
  readonly params?: Record<string, number>;
  /** Largest |V_Brian2 - V_interpreter| allowed, mV. */
  readonly vTol: number;
}

const SAME_STEP: readonly SameStepJob[] = [
  // BrainPy's defaults (a = 0: a fixed threshold, no spike currents). Measured max |ΔV| 1.0e-13 mV.
  { key: 'gif', model: 'GIF', currents: [1.2, 1.5, 2], dt: 0.1, steps: 3000, vTol: 1e-9 },
  // A moving threshold (a = 0.005/ms), raised to at least V_th_reset = -45 mV at each spike (so both
  // branches of max() are taken), and both spike-induced currents (A1 = 0.5 nA, A2 = -0.1 nA: adaptation). Measured 1.2e-13 mV.
  { key: 'gif_adapt', model: 'GIF', currents: [2, 3, 4], dt: 0.1, steps: 3000, params: { a: 0.005, A1: 0.5, A2: -0.1, V_th_reset: -45 }, vTol: 1e-9 },
  // BrainPy's defaults over 1 s (its rhythm is slow: 12/15/4 spikes). Measured 9.8e-12 mV.
  { key: 'ml', model: 'MorrisLecar', currents: [100, 150, 200], dt: 0.05, steps: 20000, vTol: 1e-7 },
];

interface PhysicsJob {
  readonly key: string;
  readonly model: string;
  readonly currents: readonly number[];
  readonly params?: Record<string, number>;
  /**
   * Largest |t_Brian2 - t_interpreter| allowed per spike over 200 ms, for the interpreter at dt = 0.1
   * and 0.01 ms. Measured (ms, dt 0.1 / 0.01): ExpIF 0.965 / 0.175, AdExIF 1.100 / 0.070, QuaIF
   * 0.260 / 0.060, Izhikevich 1.315 / 0.095, AdQuaIF 0.710 / 0.030. The error is first order in dt
   * (exponential Euler, and a reset at the end of the step in which V crossed, up to dt late per spike).
   */
  readonly tTol: { readonly coarse: number; readonly fine: number };
}

const T_MS = 200;
const BRIAN_DT = 0.005;
const PHYSICS: readonly PhysicsJob[] = [
  { key: 'expif', model: 'ExpIF', currents: [0.3, 0.6, 1.5], tTol: { coarse: 1.2, fine: 0.2 } },
  { key: 'adex', model: 'AdExIF', currents: [0.6, 1.0, 1.5], tTol: { coarse: 1.4, fine: 0.1 } },
  { key: 'quaif', model: 'QuaIF', currents: [0.5, 1, 2], tTol: { coarse: 0.4, fine: 0.1 } },
  { key: 'izh', model: 'Izhikevich', currents: [5, 10, 20], tTol: { coarse: 1.6, fine: 0.15 } },
  // As in brian2.test.ts: BrainPy's defaults with R = 10 MΩ, a = 2 nS, b = 0.05 nA, tau_w = 100 ms.
  { key: 'adquaif', model: 'AdQuaIF', currents: [0.6, 1, 2], params: { R: 10, a: 0.002, b: 0.05, tau_w: 100 }, tTol: { coarse: 1.0, fine: 0.05 } },
];

function group(key: string, model: string, currents: readonly number[], params: Record<string, number> | undefined, choices: Record<string, string>, method?: 'rk4'): string[] {
  const spec = bundledSpec(model);
  const init = Object.fromEntries(spec.states.map((s) => [s.name, constantInit(s) ?? Number.NaN]));
  const g = brian2NeuronGroup(spec, { name: key, n: currents.length, params: { ...preset(model).coherent, ...params }, choices, init, inputs: { I: currents }, method });
  if (!g.ok) throw new Error(g.reason);
  return g.lines;
}

const spikeSteps = (key: string, n: number): string =>
  `[[int(round(float(x / b2.defaultclock.dt))) for x in sm.spike_trains()[k]] for k in range(${n})]`;

describe('new specs (GIF, Morris–Lecar) against Brian2\'s rk4 on the generated equations', () => {
  it.skipIf(!HAS_BRIAN2)(`GIF and Morris–Lecar: identical spike steps, V within rounding${SKIP_NOTE}`, async () => {
    const lines = [...HEADER];
    for (const j of SAME_STEP) {
      lines.push(
        'b2.start_scope()', `b2.defaultclock.dt = ${j.dt} * ms`, ...group(j.key, j.model, j.currents, j.params, {}),
        `sm = b2.SpikeMonitor(${j.key})`, `st = b2.StateMonitor(${j.key}, 'V', record=True)`, `b2.run(${j.steps * j.dt} * ms)`,
        `out['${j.key}'] = {'spikes': ${spikeSteps(j.key, j.currents.length)}, 'V': (st.V / mV).tolist()}`,
      );
      expect(lines.some((l) => l.includes("method='rk4'")), `${j.key} runs Brian2's rk4`).toBe(true);
    }
    lines.push('print(json.dumps(out))');
    const brian = await runBrian2(lines.join('\n'));
    for (const j of SAME_STEP) {
      const spec = bundledSpec(j.model);
      const ref = interpret({ spec, n: j.currents.length, dt: j.dt, steps: j.steps, params: j.params, input: (_n, _s, i) => j.currents[i] });
      expect(brian[j.key].spikes, `${j.key} spike steps`).toEqual(ref.spikes);
      expect(ref.spikes.every((s) => s.length > 2), `${j.key}: every neuron fires`).toBe(true);
      const worst = worstDeltaV(brian[j.key].V, ref, j.currents.length, j.steps);
      console.log(`${j.key}: spikes ${ref.spikes.map((s) => s.length).join('/')}, max |ΔV| = ${worst.toExponential(2)} mV`);
      expect(worst, `${j.key} max |ΔV| (mV)`).toBeLessThanOrEqual(j.vTol);
    }
  }, BRIAN2_TIMEOUT_MS);
});

describe('nonlinear exponential-Euler specs against an independent integration (Brian2 rk4, dt = 0.005 ms)', () => {
  it.skipIf(!HAS_BRIAN2)(`ExpIF, AdExIF, QuaIF, Izhikevich, AdQuaIF: same spike counts, spike times within tolerance${SKIP_NOTE}`, async () => {
    const choices = (model: string): Record<string, string> => ({ ...preset(model).choices, ...(bundledSpec(model).choices.some((c) => c.name === 'reset') ? { reset: 'hard' } : {}) });
    const lines = [...HEADER];
    for (const j of PHYSICS) {
      const g = group(j.key, j.model, j.currents, j.params, choices(j.model), 'rk4');
      expect(g.some((l) => l.includes('run_regularly')), `${j.key}: Brian2 integrates the equations itself`).toBe(false);
      lines.push(
        'b2.start_scope()', `b2.defaultclock.dt = ${BRIAN_DT} * ms`, ...g,
        `sm = b2.SpikeMonitor(${j.key})`, `b2.run(${T_MS} * ms)`, `out['${j.key}'] = ${spikeSteps(j.key, j.currents.length)}`,
      );
    }
    lines.push('print(json.dumps(out))');
    const brian = await runBrian2<Record<string, number[][]>>(lines.join('\n'));
    for (const j of PHYSICS) {
      const spec = bundledSpec(j.model);
      const params = { ...preset(j.model).coherent, ...j.params };
      const want = brian[j.key].map((steps) => steps.map((k) => (k + 1) * BRIAN_DT));
      expect(want.every((s) => s.length >= 2), `${j.key}: every neuron fires in Brian2`).toBe(true);
      const errors: number[] = [];
      for (const [dt, tol] of [[0.1, j.tTol.coarse], [0.01, j.tTol.fine]] as const) {
        const steps = Math.round(T_MS / dt);
        const ref = interpret({ spec, n: j.currents.length, dt, steps, params, choices: choices(j.model), input: (_n, _s, i) => j.currents[i] });
        const got = ref.spikes.map((s) => s.map((k) => (k + 1) * dt));
        expect(got.map((s) => s.length), `${j.key} dt = ${dt} ms: spike counts`).toEqual(want.map((s) => s.length));
        let worst = 0;
        for (let i = 0; i < want.length; i++) for (let k = 0; k < want[i].length; k++) worst = Math.max(worst, Math.abs(got[i][k] - want[i][k]));
        console.log(`${j.key} dt = ${dt} ms: spikes ${want.map((s) => s.length).join('/')}, max |Δt| = ${worst.toFixed(4)} ms`);
        expect(worst, `${j.key} dt = ${dt} ms: max |Δt| per spike (ms)`).toBeLessThanOrEqual(tol);
        errors.push(worst);
      }
      // Converging on the independent solution: ten times smaller steps, at least three times closer (measured 4.3-24).
      expect(errors[1], `${j.key}: error at dt = 0.01 ms vs 0.1 ms`).toBeLessThanOrEqual(errors[0] / 3);
    }
  }, BRIAN2_TIMEOUT_MS);
});

describe('GIF\'s reset max(V_th_reset, V_th) in the interpreter', () => {
  it('takes either branch: the threshold after a spike is the larger of the two', () => {
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
});
