/**
 * The typed backend's spec kernel (src/engine/spec/specKernel.ts: the spec compiled once into
 * closures) against the reference interpreter (src/engine/spec/interpreter.ts), one case at a
 * time, for specKernel.test.ts and the tests in the model folders (src/shared/modelspec/neurons/):
 * the kernel does the interpreter's arithmetic in the interpreter's order, so spike steps must be
 * identical and every state trace bit-identical (tolerance 0). Inputs are currents switched on at
 * 5 ms, one per neuron.
 */
import { expect } from 'vitest';
import type { Drive, PopulationKernel } from '../../src/engine/backends/typed/kernels';
import type { PopulationIR } from '../../src/engine/ir';
import { interpret } from '../../src/engine/spec/interpreter';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { BUNDLED_NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { getSpecModel, internalPerCoherent, specModelFromSource, type SpecModel } from '../../src/shared/modelspec/registry';
import { getModel } from '../../src/shared/catalog';
import { parseQuantity } from '../../src/shared/units';

export interface KernelCase {
  readonly model: string;
  /** nA, one neuron each. */
  readonly currents: readonly number[];
  readonly dt: number;
  readonly steps: number;
  /** Document values overriding the catalogue's preset (or the spec's defaults). */
  readonly overrides?: Record<string, string | number>;
}

/** Steps before the currents switch on (5 ms at dt = 0.1 ms). */
export const ONSET_STEPS = 50;

/** The spec model: the registered one for spec-only models, else compiled from the bundled spec text. */
export function specModel(name: string): SpecModel {
  const registered = getSpecModel(name);
  if (registered) return registered;
  const src = BUNDLED_NEURON_SPECS.find((s) => s.name === name);
  if (!src) throw new Error(`no spec ${name}`);
  const r = specModelFromSource(src.source);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.model;
}

/** Parameter values (internal document units) and choices: the catalogue preset, else the spec-derived defaults. */
export function values(model: SpecModel, overrides: Record<string, string | number> = {}) {
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

export const current = (c: KernelCase, step: number, i: number): number => (step >= ONSET_STEPS ? c.currents[i] : 0);

export function run(kernel: PopulationKernel, c: KernelCase, states: readonly string[]) {
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

/** The test's name for a case: model, overrides, currents. */
export const caseLabel = (c: KernelCase): string => `${c.model}${c.overrides ? ` ${JSON.stringify(c.overrides)}` : ''}, I = ${c.currents.join(', ')} nA`;

/** Run case `c` on the spec kernel and the interpreter; assert identical spike steps (some neuron firing) and bit-identical traces. */
export function specKernelAgrees(c: KernelCase): void {
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
  console.log(`${caseLabel(c)}: ${got.spikes.map((s) => s.length).join('/')} spikes`);
}
