/**
 * The two Brian2 comparisons of a neuron spec, written once for test/spec and for the tests in the
 * model folders (src/shared/modelspec/neurons/<model>/): a model's test lists its jobs, and these
 * run them in one Brian2 script (numpy runtime, float64) and assert.
 *
 * - Same step (sameStepAgainstBrian2): Brian2 runs the NeuronGroup text generated from the spec
 *   (src/engine/spec/brian2.ts): its own 'exact', 'exponential_euler' or 'rk4' where that is the
 *   spec's scheme (an independent implementation of the step), else the interpreter's step as
 *   run_regularly code (a check of the translation). Only rounding may differ: spike steps must be
 *   identical and V within the job's tolerance at every sample. Brian2 records V at the start of a
 *   step and resets at the end of the spike step, so its sample k+1 is the interpreter's V after
 *   step k; samples where the interpreter shows a spike step's pre-reset V are skipped.
 * - Physics (physicsAgainstBrian2): Brian2 integrates the plain differential equations with its
 *   rk4 at dt = 0.005 ms (no clip at V_th, hard reset), and the interpreter's spike times at
 *   dt = 0.1 ms and 0.01 ms must match within the job's tolerance, with equal spike counts, over
 *   200 ms, and get closer at the smaller step. A spike's time is the end of the step after which V
 *   is first at or above the threshold.
 */
import { expect } from 'vitest';
import { brian2Available } from '../../bench/brian2';
import { brian2NeuronGroup } from '../../src/engine/spec/brian2';
import { constantInit, interpret } from '../../src/engine/spec/interpreter';
import { bundledSpec, type Preset, preset, runBrian2, worstDeltaV } from './helpers';

export const HAS_BRIAN2 = brian2Available();
/** Appended to a Brian2 test's name, so a skip says why. */
export const SKIP_NOTE = HAS_BRIAN2 ? '' : " [skipped: /usr/bin/python3 -c 'import brian2' failed]";

const HEADER = ['import json', 'import numpy as np', 'import brian2 as b2', 'from brian2 import mV, nA, ms, uS, Mohm, nF, ohm, Hz', "b2.prefs.codegen.target = 'numpy'", 'out = {}'];

/** One group of neurons, one per constant current, under the model's palette preset (or its spec's defaults). */
export interface SameStepJob {
  /** A Python identifier, unique within one call. */
  readonly key: string;
  readonly model: string;
  /** Constant input per neuron, nA (the spec's input unit). */
  readonly currents: readonly number[];
  /** ms */
  readonly dt: number;
  readonly steps: number;
  /** Document values laid over the preset, e.g. { tau_ref: '2 ms', reset: 'soft' }. */
  readonly overrides?: Record<string, string>;
  /** Parameters in coherent units (mV, ms, nA, µS, MΩ, nF, 1/ms), laid over the preset. */
  readonly params?: Record<string, number>;
  /** Initial states in coherent units (else the spec's constant initial values). */
  readonly init?: Record<string, number>;
  /** Largest |V_Brian2 - V_interpreter| allowed, mV (rounding only; the measured value belongs in a comment beside it). */
  readonly vTol: number;
}

/** A preset with the job's coherent parameters and choices laid over it. */
function withParams(p: Preset, j: SameStepJob): Preset {
  return { ...p, coherent: { ...p.coherent, ...j.params }, choices: { ...p.choices, ...(j.overrides?.reset ? { reset: j.overrides.reset } : {}) } };
}

const spikeSteps = (key: string, n: number): string =>
  `[[int(round(float(x / b2.defaultclock.dt))) for x in sm.spike_trains()[k]] for k in range(${n})]`;

/** Run `jobs` in Brian2 and in the interpreter; assert identical spike steps (every neuron firing) and V within each job's tolerance. */
export async function sameStepAgainstBrian2(jobs: readonly SameStepJob[]): Promise<void> {
  const lines = [...HEADER];
  for (const j of jobs) {
    const spec = bundledSpec(j.model);
    const p = withParams(preset(j.model, j.overrides), j);
    const init = Object.fromEntries(spec.states.map((s) => [s.name, j.init?.[s.name] ?? constantInit(s) ?? Number.NaN]));
    const g = brian2NeuronGroup(spec, { name: j.key, n: j.currents.length, params: p.coherent, choices: p.choices, init, inputs: { I: j.currents } });
    if (!g.ok) throw new Error(g.reason);
    lines.push(
      'b2.start_scope()', `b2.defaultclock.dt = ${j.dt} * ms`, ...g.lines,
      `sm = b2.SpikeMonitor(${j.key})`, `st = b2.StateMonitor(${j.key}, 'V', record=True)`, `b2.run(${j.steps * j.dt} * ms)`,
      `out['${j.key}'] = {'spikes': ${spikeSteps(j.key, j.currents.length)}, 'V': (st.V / mV).tolist()}`,
    );
  }
  lines.push('print(json.dumps(out))');
  const brian = await runBrian2(lines.join('\n'));
  for (const j of jobs) {
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
}

/** One group for the physics check: the model's preset, hard reset where the model has the choice. */
export interface PhysicsJob {
  readonly key: string;
  readonly model: string;
  /** nA */
  readonly currents: readonly number[];
  /** Coherent units, laid over the preset. */
  readonly params?: Record<string, number>;
  /** Largest |t_Brian2 - t_interpreter| allowed per spike, ms, at dt = 0.1 ms (coarse) and 0.01 ms (fine). */
  readonly tTol: { readonly coarse: number; readonly fine: number };
}

const T_MS = 200;
const BRIAN_DT = 0.005;

/** Run `jobs` in Brian2 (rk4 on the equations, dt = 0.005 ms) and in the interpreter at two steps; assert the spike times agree and converge. */
export async function physicsAgainstBrian2(jobs: readonly PhysicsJob[]): Promise<void> {
  const choices = (model: string): Record<string, string> => ({ ...preset(model).choices, ...(bundledSpec(model).choices.some((c) => c.name === 'reset') ? { reset: 'hard' } : {}) });
  const lines = [...HEADER];
  for (const j of jobs) {
    const spec = bundledSpec(j.model);
    const init = Object.fromEntries(spec.states.map((s) => [s.name, constantInit(s) ?? Number.NaN]));
    const g = brian2NeuronGroup(spec, { name: j.key, n: j.currents.length, params: { ...preset(j.model).coherent, ...j.params }, choices: choices(j.model), init, inputs: { I: j.currents }, method: 'rk4' });
    if (!g.ok) throw new Error(g.reason);
    expect(g.lines.some((l) => l.includes('run_regularly')), `${j.key}: Brian2 integrates the equations itself`).toBe(false);
    lines.push(
      'b2.start_scope()', `b2.defaultclock.dt = ${BRIAN_DT} * ms`, ...g.lines,
      `sm = b2.SpikeMonitor(${j.key})`, `b2.run(${T_MS} * ms)`, `out['${j.key}'] = ${spikeSteps(j.key, j.currents.length)}`,
    );
  }
  lines.push('print(json.dumps(out))');
  const brian = await runBrian2<Record<string, number[][]>>(lines.join('\n'));
  for (const j of jobs) {
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
}
