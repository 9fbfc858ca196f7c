/**
 * Every bundled neuron model run through the reference interpreter of its spec
 * (src/engine/spec/interpreter.ts) and through the existing typed kernel
 * (src/engine/backends/typed/neuron*.ts), under four input currents switched on at 5 ms (one
 * neuron each) and for LIF/ALIF both resets: spike steps must be identical and V traces equal
 * within a tolerance stated per model.
 *
 * Why not bit-identical: the kernels write the same step in other algebraic forms (LIF:
 * V_inf + (V - V_inf)·e^{-dt/tau}; the interpreter: V + dt·exprel(-dt/tau)·f(V); ExpIF divides
 * dt·J by tau where the interpreter differentiates f/tau), so results differ in the last bits.
 * The models are contracting between spikes, so those differences stay at rounding size; the
 * tolerances are at least 300× the largest difference measured (9e-14 to 2.7e-10 mV, printed by each
 * row) and far below anything a
 * plot or a spike count could show. A spike step can only differ if V lands within rounding of the
 * threshold, which none of these runs does (the test would say so).
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/backends/typed/neuronModels';
import { populationKernels, type Drive } from '../../src/engine/backends/typed/kernels';
import type { PopulationIR } from '../../src/engine/ir';
import { constantInit, interpret } from '../../src/engine/spec/interpreter';
import { bundledSpec, preset } from './helpers';

interface Case {
  readonly model: string;
  /** nA, one neuron each. */
  readonly currents: readonly number[];
  readonly dt: number;
  readonly steps: number;
  /** Largest |V_kernel - V_interpreter| allowed, mV. */
  readonly vTol: number;
  readonly overrides?: Record<string, string | number>;
  /** States started away from the spec's init (internal = coherent units here). */
  readonly init?: Record<string, number>;
}

const ONSET_STEPS = 50;

const CASES: readonly Case[] = [
  { model: 'LIF', currents: [0, 1, 2, 4], dt: 0.1, steps: 2000, vTol: 1e-9, init: { V: -65 } },
  { model: 'LIF', currents: [0, 1, 2, 4], dt: 0.1, steps: 2000, vTol: 1e-9, overrides: { reset: 'soft' } },
  { model: 'LIFRef', currents: [0, 1.6, 3, 6], dt: 0.1, steps: 2000, vTol: 1e-9, init: { V: -65 } },
  { model: 'ExpIF', currents: [0.1, 0.3, 0.6, 1.5], dt: 0.1, steps: 2000, vTol: 1e-7 },
  { model: 'ExpIF', currents: [0.1, 0.3, 0.6, 1.5], dt: 0.1, steps: 2000, vTol: 1e-7, overrides: { reset: 'soft' } },
  { model: 'ExpIFRef', currents: [0.1, 0.3, 0.6, 1.5], dt: 0.1, steps: 2000, vTol: 1e-7 },
  { model: 'AdExIF', currents: [0.1, 0.3, 0.6, 1.0], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { model: 'AdExIFRef', currents: [0.1, 0.3, 0.6, 1.0], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { model: 'QuaIF', currents: [0.2, 0.5, 1, 2], dt: 0.1, steps: 2000, vTol: 1e-7 },
  { model: 'ALIF', currents: [1, 2, 4, 8], dt: 0.1, steps: 3000, vTol: 1e-9, init: { V: -65 } },
  { model: 'ALIF', currents: [1, 2, 4, 8], dt: 0.1, steps: 3000, vTol: 1e-9, overrides: { reset: 'soft' }, init: { V: -65 } },
  { model: 'Izhikevich', currents: [0, 5, 10, 20], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { model: 'IzhikevichRef', currents: [0, 5, 10, 20], dt: 0.1, steps: 3000, vTol: 1e-7, overrides: { tau_ref: '2 ms' } },
  { model: 'HH', currents: [2, 5, 10, 20], dt: 0.05, steps: 4000, vTol: 1e-7 },
];

const current = (c: Case, step: number, i: number): number => (step >= ONSET_STEPS ? c.currents[i] : 0);

function runKernel(c: Case, init: Record<string, number>): { spikes: number[][]; V: Float64Array } {
  const n = c.currents.length;
  const p = preset(c.model, c.overrides);
  const pop: PopulationIR = {
    id: 'pop', index: 0, model: c.model, family: 'neuron', size: n,
    params: Object.fromEntries(Object.entries(p.internal).map(([k, v]) => [k, { kind: 'scalar', value: v }])),
    choices: p.choices, lists: {},
    init: Object.fromEntries(Object.entries(init).map(([k, v]) => [k, { kind: 'scalar', value: v }])),
  };
  const factory = populationKernels.get(c.model);
  if (!factory) throw new Error(`no kernel ${c.model}`);
  const kernel = factory(pop, { dt: c.dt, seed: 1, arena: null });
  const drive: Drive = { iext: new Float64Array(n), groups: [], current: null, delta: null };
  const out = new Int32Array(n);
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const V = new Float64Array(c.steps * n);
  for (let s = 0; s < c.steps; s++) {
    for (let i = 0; i < n; i++) drive.iext[i] = current(c, s, i);
    const k = kernel.update(s, drive, out);
    for (let j = 0; j < k; j++) spikes[out[j]].push(s);
    V.set(kernel.variable('V') as Float64Array, s * n);
  }
  return { spikes, V };
}

describe('reference interpreter of the specs against the typed kernels', () => {
  for (const c of CASES) {
    const label = `${c.model}${c.overrides ? ` ${JSON.stringify(c.overrides)}` : ''}, I = ${c.currents.join(', ')} nA`;
    it(label, () => {
      const spec = bundledSpec(c.model);
      const p = preset(c.model, c.overrides);
      const ref = interpret({
        spec, n: c.currents.length, dt: c.dt, steps: c.steps, params: p.coherent, choices: p.choices,
        init: c.init, input: (_name, step, i) => current(c, step, i),
      });
      // The kernel starts from the same state: the case's override or the spec's init line.
      const init: Record<string, number> = {};
      for (const s of spec.states) init[s.name] = c.init?.[s.name] ?? constantInit(s) ?? Number.NaN;
      const got = runKernel(c, init);
      expect(got.spikes.reduce((a, s) => a + s.length, 0), 'some neuron fires').toBeGreaterThan(0);
      expect(got.spikes, 'spike steps').toEqual(ref.spikes);
      let worst = 0;
      for (let k = 0; k < got.V.length; k++) worst = Math.max(worst, Math.abs(got.V[k] - ref.trace.V[k]));
      expect(worst, 'max |ΔV| (mV)').toBeLessThanOrEqual(c.vTol);
      console.log(`${label}: ${got.spikes.map((s) => s.length).join('/')} spikes, max |ΔV| = ${worst.toExponential(2)} mV`);
    });
  }
});


describe('the comparison notices a spec that is not the kernel', () => {
  it('AdExIF updating w from the V before the step ("order simultaneous") is told apart', async () => {
    const { compileSpec } = await import('../../src/shared/modelspec/check');
    const { AdExIF } = await import('../../src/shared/modelspec/neurons/integrateFire');
    const r = compileSpec(AdExIF.source.replace('order sequential', 'order simultaneous'));
    if (!r.ok) throw new Error('mutant does not compile');
    const c: Case = { model: 'AdExIF', currents: [0.6], dt: 0.1, steps: 3000, vTol: 1e-7 };
    const p = preset(c.model);
    const ref = interpret({ spec: r.spec, n: 1, dt: c.dt, steps: c.steps, params: p.coherent, choices: p.choices, input: (_n, s, i) => current(c, s, i) });
    const got = runKernel(c, { V: -65, w: 0 });
    let worst = 0;
    for (let k = 0; k < got.V.length; k++) worst = Math.max(worst, Math.abs(got.V[k] - ref.trace.V[k]));
    expect(worst).toBeGreaterThan(1e-3);
  });
});
