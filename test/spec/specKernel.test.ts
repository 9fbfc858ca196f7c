/**
 * The typed backend's spec kernel (src/engine/spec/specKernel.ts: the spec compiled once into
 * closures) against the reference interpreter (src/engine/spec/interpreter.ts), for the four
 * spec-only models and several bundled specs (every scheme, both update orders, resets with
 * choices, refractoriness, bounds, rising thresholds): the kernel does the interpreter's
 * arithmetic in the interpreter's order, so spike steps must be identical and every state trace
 * bit-identical (tolerance 0). Inputs are currents switched on at 5 ms, one per neuron.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/backends/typed/neuronModels';
import { populationKernels, type Drive, type PopulationKernel } from '../../src/engine/backends/typed/kernels';
import type { PopulationIR } from '../../src/engine/ir';
import { interpret } from '../../src/engine/spec/interpreter';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { getSpecModel, internalPerCoherent, specModelFromSource, type SpecModel } from '../../src/shared/modelspec/registry';
import { getModel } from '../../src/shared/catalog';
import { parseQuantity } from '../../src/shared/units';

interface Case {
  readonly model: string;
  /** nA, one neuron each. */
  readonly currents: readonly number[];
  readonly dt: number;
  readonly steps: number;
  /** Document values overriding the catalogue's preset (or the spec's defaults). */
  readonly overrides?: Record<string, string | number>;
}

const ONSET_STEPS = 50;

const CASES: readonly Case[] = [
  { model: 'AdQuaIF', currents: [0.3, 0.6, 1, 2], dt: 0.1, steps: 3000 },
  { model: 'AdQuaIF', currents: [0.6, 1, 2], dt: 0.1, steps: 3000, overrides: { reset: 'soft' } },
  { model: 'GIF', currents: [0.8, 1.2, 1.5, 2], dt: 0.1, steps: 3000 },
  { model: 'GIF', currents: [2, 3, 4], dt: 0.1, steps: 3000, overrides: { a: '5 Hz', A1: '0.5 nA', A2: '-0.1 nA', V_th_reset: '-45 mV' } },
  { model: 'MorrisLecar', currents: [50, 100, 150, 200], dt: 0.05, steps: 10000 },
  { model: 'WangBuzsakiHH', currents: [0.1, 0.5, 1, 3], dt: 0.02, steps: 5000 },
  { model: 'LIF', currents: [0, 1, 2, 4], dt: 0.1, steps: 2000 },
  { model: 'LIF', currents: [0, 1, 2, 4], dt: 0.1, steps: 2000, overrides: { reset: 'soft' } },
  { model: 'LIFRef', currents: [0, 1.6, 3, 6], dt: 0.1, steps: 2000 },
  { model: 'AdExIFRef', currents: [0.1, 0.3, 0.6, 1.0], dt: 0.1, steps: 3000 },
  { model: 'ALIF', currents: [1, 2, 4, 8], dt: 0.1, steps: 3000 },
  { model: 'IzhikevichRef', currents: [0, 5, 10, 20], dt: 0.1, steps: 3000, overrides: { tau_ref: '2 ms' } },
  { model: 'HH', currents: [2, 5, 10, 20], dt: 0.05, steps: 4000 },
];

/** The spec model: the registered one for spec-only models, else compiled from the bundled spec text. */
function specModel(name: string): SpecModel {
  const registered = getSpecModel(name);
  if (registered) return registered;
  const src = NEURON_SPECS.find((s) => s.name === name);
  if (!src) throw new Error(`no spec ${name}`);
  const r = specModelFromSource(src.source);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.model;
}

/** Parameter values (internal document units) and choices: the catalogue preset, else the spec-derived defaults. */
function values(model: SpecModel, overrides: Record<string, string | number> = {}) {
  const entry = getModel('neuron', model.name) ?? model.catalog;
  const given = { ...entry.preset, ...overrides };
  const internal: Record<string, number> = {};
  const coherent: Record<string, number> = {};
  for (const p of model.catalog.params) {
    const q = parseQuantity(given[p.name] ?? p.default ?? '', p.dim);
    if (!q.ok) throw new Error(`${model.name}.${p.name}: ${q.reason}`);
    internal[p.name] = q.value;
    coherent[p.name] = q.value / internalPerCoherent(p.dim);
  }
  const choices = Object.fromEntries((model.catalog.choices ?? []).map((c) => [c.name, String(given[c.name] ?? c.default)]));
  return { internal, coherent, choices };
}

const current = (c: Case, step: number, i: number): number => (step >= ONSET_STEPS ? c.currents[i] : 0);

function run(kernel: PopulationKernel, c: Case, states: readonly string[]) {
  const n = c.currents.length;
  const drive: Drive = { iext: new Float64Array(n), groups: [], current: null, delta: null };
  const out = new Int32Array(n);
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const trace = Object.fromEntries(states.map((s) => [s, new Float64Array(c.steps * n)]));
  for (let s = 0; s < c.steps; s++) {
    for (let i = 0; i < n; i++) drive.iext[i] = current(c, s, i);
    const k = kernel.update(s, drive, out);
    for (let j = 0; j < k; j++) spikes[out[j]].push(s);
    for (const name of states) trace[name].set(kernel.variable(name) as Float64Array, s * n);
  }
  return { spikes, trace };
}

describe('spec kernel against the reference interpreter: identical spike steps and traces', () => {
  for (const c of CASES) {
    const label = `${c.model}${c.overrides ? ` ${JSON.stringify(c.overrides)}` : ''}, I = ${c.currents.join(', ')} nA`;
    it(label, () => {
      const model = specModel(c.model);
      const v = values(model, c.overrides);
      const n = c.currents.length;
      const ref = interpret({ spec: model.spec, n, dt: c.dt, steps: c.steps, params: v.coherent, choices: v.choices, input: (_name, step, i) => current(c, step, i) });
      const pop: PopulationIR = {
        id: 'pop', index: 0, model: c.model, family: 'neuron', size: n,
        params: Object.fromEntries(Object.entries(v.internal).map(([k, x]) => [k, { kind: 'scalar', value: x }])),
        choices: v.choices, lists: {}, init: {},
      };
      const kernel = specKernelFactory(model)(pop, { dt: c.dt, seed: 1, arena: null });
      const states = model.spec.states.map((s) => s.name);
      const got = run(kernel, c, states);
      expect(got.spikes.reduce((a, s) => a + s.length, 0), 'some neuron fires').toBeGreaterThan(0);
      expect(got.spikes, 'spike steps').toEqual(ref.spikes);
      for (const name of states) {
        let worst = 0;
        for (let k = 0; k < got.trace[name].length; k++) worst = Math.max(worst, Math.abs(got.trace[name][k] - ref.trace[name][k]));
        expect(worst, `max |Δ${name}|`).toBe(0);
      }
      console.log(`${label}: ${got.spikes.map((s) => s.length).join('/')} spikes`);
    });
  }

  it('the spec-only models are the typed backend\'s kernels under their names', () => {
    for (const name of ['AdQuaIF', 'GIF', 'MorrisLecar', 'WangBuzsakiHH']) expect(populationKernels.has(name), name).toBe(true);
  });

  it('a changed step is told apart (the comparison can fail): GIF integrated by Euler instead of RK4', () => {
    const model = specModel('GIF');
    const mutant = specModelFromSource(model.source.replaceAll('(rk4)', '(euler)'));
    if (!mutant.ok) throw new Error('mutant does not compile');
    const c: Case = { model: 'GIF', currents: [1.5], dt: 0.1, steps: 2000 };
    const v = values(model);
    const ref = interpret({ spec: model.spec, n: 1, dt: c.dt, steps: c.steps, params: v.coherent, choices: v.choices, input: (_n, s, i) => current(c, s, i) });
    const pop: PopulationIR = { id: 'pop', index: 0, model: 'GIF', family: 'neuron', size: 1, params: Object.fromEntries(Object.entries(v.internal).map(([k, x]) => [k, { kind: 'scalar', value: x }])), choices: {}, lists: {}, init: {} };
    const got = run(specKernelFactory(mutant.model)(pop, { dt: c.dt, seed: 1, arena: null }), c, ['V']);
    let worst = 0;
    for (let k = 0; k < got.trace.V.length; k++) worst = Math.max(worst, Math.abs(got.trace.V[k] - ref.trace.V[k]));
    expect(worst).toBeGreaterThan(1e-6);
  });
});
