/**
 * Brian2 (numpy runtime, float64) running the NeuronGroup text generated from the specs
 * (src/engine/spec/brian2.ts) against the reference interpreter running the same specs: all eleven
 * bundled neuron models (LIF with both resets) and the new Wang–Buzsáki (RK4) and AdQuaIF specs,
 * three constant currents each (one neuron per current).
 *
 * LIF, LIFRef, ALIF, HH and Wang–Buzsáki go through Brian2's own 'exact', 'exponential_euler' and
 * 'rk4', which are the interpreter's schemes for them (an independent check of the step); ExpIF,
 * AdEx, QuaIF, AdQuaIF and Izhikevich (nonlinear exponential Euler, a bound, sequential updates) get
 * the interpreter's step as run_regularly code (a check of the translation, not of the physics).
 * Either way the only differences are rounding in differently written formulas: spike steps must
 * be identical, and V within the stated tolerance at every sample. Brian2 records V at the start of a step
 * (before its update) and resets at the end of the spike step, so its sample k+1 is the
 * interpreter's V after step k, and samples where the interpreter shows the pre-reset V of a spike
 * step are skipped. Skipped, with the reason in the name, without Brian2.
 */
import { describe, expect, it } from 'vitest';
import { brian2Available } from '../../bench/brian2';
import { brian2NeuronGroup, brian2Refusal } from '../../src/engine/spec/brian2';
import { constantInit, interpret } from '../../src/engine/spec/interpreter';
import { BRIAN2_TIMEOUT_MS, bundledSpec, type Preset, preset, runBrian2, worstDeltaV } from './helpers';

const HAS_BRIAN2 = brian2Available();
const SKIP_NOTE = HAS_BRIAN2 ? '' : " [skipped: /usr/bin/python3 -c 'import brian2' failed]";
const TIMEOUT_MS = BRIAN2_TIMEOUT_MS;

interface Job {
  readonly key: string;
  readonly model: string;
  readonly currents: readonly number[];
  readonly dt: number;
  readonly steps: number;
  readonly overrides?: Record<string, string>;
  /** Parameters in coherent units, for specs the catalogue has no preset for. */
  readonly params?: Record<string, number>;
  readonly init?: Record<string, number>;
  /** Largest |V_Brian2 - V_interpreter| allowed, mV: rounding only (measured: LIF, LIFRef, ALIF <= 4e-13, AdEx, QuaIF <= 7e-12, ExpIF, Izhikevich <= 9e-11, HH 2e-10, Wang–Buzsáki 4e-9). */
  readonly vTol: number;
}

const JOBS: readonly Job[] = [
  { key: 'lif_hard', model: 'LIF', currents: [1.6, 2.5, 4], dt: 0.1, steps: 3000, init: { V: -65 }, vTol: 1e-9 },
  { key: 'lif_soft', model: 'LIF', currents: [1.6, 2.5, 4], dt: 0.1, steps: 3000, init: { V: -65 }, overrides: { reset: 'soft' }, vTol: 1e-9 },
  { key: 'adexref', model: 'AdExIFRef', currents: [0.6, 1.0, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7, overrides: { tau_ref: '2 ms' } },
  { key: 'lifref', model: 'LIFRef', currents: [1.6, 2.5, 4], dt: 0.1, steps: 3000, init: { V: -65 }, vTol: 1e-9 },
  { key: 'alif', model: 'ALIF', currents: [2, 4, 8], dt: 0.1, steps: 3000, init: { V: -65, a: 0 }, vTol: 1e-9 },
  { key: 'hh', model: 'HH', currents: [5, 10, 20], dt: 0.05, steps: 4000, vTol: 1e-7 },
  // Nonlinear exponential Euler with a bound and sequential updates: the step written as run_regularly code.
  { key: 'expif', model: 'ExpIF', currents: [0.3, 0.6, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'expifref', model: 'ExpIFRef', currents: [0.3, 0.6, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'adex', model: 'AdExIF', currents: [0.6, 1.0, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'quaif', model: 'QuaIF', currents: [0.5, 1, 2], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'izh', model: 'Izhikevich', currents: [5, 10, 20], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'izhref', model: 'IzhikevichRef', currents: [5, 10, 20], dt: 0.1, steps: 3000, vTol: 1e-7, overrides: { tau_ref: '2 ms' } },
  // Not in the catalogue yet: defaults of the spec (BrainPy's), RK4 on both sides.
  // Not in the catalogue yet: BrainPy's defaults with R = 10 MΩ, a = 2 nS, b = 0.05 nA, tau_w = 100 ms (its R = 1 Ω never fires on nA).
  { key: 'adquaif', model: 'AdQuaIF', currents: [0.6, 1, 2], dt: 0.1, steps: 3000, vTol: 1e-7, params: { R: 10, a: 0.002, b: 0.05, tau_w: 100 }, overrides: { reset: 'hard' } },
  { key: 'wb', model: 'WangBuzsakiHH', currents: [0.5, 1, 2], dt: 0.02, steps: 10000, vTol: 1e-7 },
];

/** A preset with the job's coherent parameters and choices laid over it. */
function withParams(p: Preset, j: Job): Preset {
  return { ...p, coherent: { ...p.coherent, ...j.params }, choices: { ...p.choices, ...(j.overrides?.reset ? { reset: j.overrides.reset } : {}) } };
}

function script(): string {
  const lines = [
    'import json', 'import numpy as np', 'import brian2 as b2', 'from brian2 import mV, nA, ms, uS, Mohm, nF, ohm, Hz',
    "b2.prefs.codegen.target = 'numpy'", 'out = {}',
  ];
  for (const j of JOBS) {
    const spec = bundledSpec(j.model);
    const p = withParams(preset(j.model, j.overrides), j);
    const init = Object.fromEntries(spec.states.map((s) => [s.name, j.init?.[s.name] ?? constantInit(s) ?? Number.NaN]));
    const g = brian2NeuronGroup(spec, { name: j.key, n: j.currents.length, params: p.coherent, choices: p.choices, init, inputs: { I: j.currents } });
    if (!g.ok) throw new Error(g.reason);
    lines.push(
      'b2.start_scope()', `b2.defaultclock.dt = ${j.dt} * ms`, ...g.lines,
      `sm = b2.SpikeMonitor(${j.key})`, `st = b2.StateMonitor(${j.key}, 'V', record=True)`, `b2.run(${j.steps * j.dt} * ms)`,
      `out['${j.key}'] = {'spikes': [[int(round(float(x / b2.defaultclock.dt))) for x in sm.spike_trains()[k]] for k in range(${j.currents.length})], 'V': (st.V / mV).tolist()}`,
    );
  }
  lines.push('print(json.dumps(out))');
  return lines.join('\n');
}

describe('specs generate Brian2 text that Brian2 runs to the interpreter\'s spikes', () => {
  it('generates every bundled spec and Wang–Buzsáki (refusals are tested in brian2Text.test.ts)', () => {
    for (const j of JOBS) expect(brian2Refusal(bundledSpec(j.model)), j.model).toBeUndefined();
    expect(new Set(JOBS.map((j) => j.model)).size).toBe(13);
  });

  it.skipIf(!HAS_BRIAN2)(`every bundled neuron model, Wang–Buzsáki and AdQuaIF agree with Brian2${SKIP_NOTE}`, async () => {
    const brian = await runBrian2(script());
    for (const j of JOBS) {
      const spec = bundledSpec(j.model);
      const p = withParams(preset(j.model, j.overrides), j);
      const ref = interpret({ spec, n: j.currents.length, dt: j.dt, steps: j.steps, params: p.coherent, choices: p.choices, init: j.init, input: (_n, _s, i) => j.currents[i] });
      const b = brian[j.key];
      expect(b.spikes, `${j.key} spike steps`).toEqual(ref.spikes);
      expect(ref.spikes.every((s) => s.length > 2), `${j.key}: every neuron fires`).toBe(true);
      const worst = worstDeltaV(b.V, ref, j.currents.length, j.steps);
      console.log(`${j.key}: spikes ${ref.spikes.map((s) => s.length).join('/')}, max |ΔV| = ${worst.toExponential(2)} mV`);
      expect(worst, `${j.key} max |ΔV| (mV)`).toBeLessThanOrEqual(j.vTol);
    }
  }, TIMEOUT_MS);
});
