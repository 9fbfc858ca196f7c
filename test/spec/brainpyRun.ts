/**
 * The brainpy.state class generated from a spec (src/engine/spec/brainpy.ts) against the typed
 * backend's spec kernel, for brainpyClass.test.ts and the tests in the model folders
 * (src/shared/modelspec/neurons/<model>/). BrainPy (JAX) cannot be installed here, so the class
 * runs under /usr/bin/python3 on numpy with stand-ins for the few brainunit, brainstate, braintools
 * and brainpy.state calls it makes (brainpyStub.py, written from BrainPy's source); the class's own
 * arithmetic is what is tested. Three neurons under a constant current, plus a fixed COBA
 * conductance (E = 0 mV) read through sum_current_inputs(x, V) as brainpy.state's COBA output
 * gives it. Both compute in float64 with the same formulas (numpy's exp against V8's may differ in
 * the last bit), so spike steps must be identical and V within 1e-6 mV.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { PYTHON } from '../../bench/brian2';
import type { Drive } from '../../src/engine/backends/typed/kernels';
import type { PopulationIR } from '../../src/engine/ir';
import { BRAINPY_SPEC_HELPERS, brainpyClass, brainpyNames } from '../../src/engine/spec/brainpy';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { getSpecModel, internalPerCoherent, type SpecModel } from '../../src/shared/modelspec/registry';
import '../../src/shared/catalog';
import { parseQuantity } from '../../src/shared/units';

const STUB = fileURLToPath(new URL('./brainpyStub.py', import.meta.url));
export const V_TOL_MV = 1e-6;
const E_MV = 0;
export const work = mkdtempSync(join(tmpdir(), 'snn-spec-brainpy-'));

/** One run: the model's preset, a constant current per neuron (nA), a fixed COBA conductance g (µS). */
export interface BrainPyCase { model: string; dt: number; steps: number; currents: number[]; g: number }

/** Run `model`'s generated class under the stubs and the typed spec kernel with the same drive; compare. */
export function compareWithKernel(model: SpecModel, c: Omit<BrainPyCase, 'model'>): void {
  const preset = model.catalog.preset ?? {};
  const internal: Record<string, number> = {};
  for (const p of model.catalog.params) {
    const q = parseQuantity(preset[p.name] ?? p.default ?? '', p.dim);
    if (!q.ok) throw new Error(q.reason);
    internal[p.name] = q.value;
  }
  const choices = Object.fromEntries((model.catalog.choices ?? []).map((ch) => [ch.name, String(preset[ch.name] ?? ch.default)]));
  const n = c.currents.length;
  // typed: constant current plus one COBA group whose g never decays
  const pop: PopulationIR = { id: 'p', index: 0, model: model.name, family: 'neuron', size: n, params: Object.fromEntries(Object.entries(internal).map(([k, v]) => [k, { kind: 'scalar', value: v }])), choices, lists: {}, init: {} };
  const kernel = specKernelFactory(model)(pop, { dt: c.dt, seed: 1, arena: null });
  const drive: Drive = { iext: Float64Array.from(c.currents), groups: [{ g: new Float64Array(n).fill(c.g), decay: 1, output: { kind: 'conductance', E: E_MV } }], current: null, delta: null };
  const out = new Int32Array(n);
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const V: number[] = [];
  for (let s = 0; s < c.steps; s++) {
    const k = kernel.update(s, drive, out);
    for (let j = 0; j < k; j++) spikes[out[j]].push(s);
    V.push(...(kernel.variable('V') as Float64Array));
  }
  // the generated class under the stubs, with the same parameters as brainunit quantities
  const unit = (dim: string): string => ({ voltage: 'u.mV', current: 'u.nA', time: 'u.ms', conductance: 'u.uS', resistance: 'u.Mohm', capacitance: 'u.nF', rate: 'u.Hz' } as Record<string, string>)[dim] ?? '1';
  const names = brainpyNames(model.spec);
  const arg = (n: string): string => names.get(n) ?? n;
  const kwargs = model.catalog.params.map((p) => `${arg(p.name)}=${internal[p.name] * (p.dim === 'rate' ? 1 : internalPerCoherent(p.dim))} * ${unit(p.dim)}`);
  const script = [
    `exec(open(${JSON.stringify(STUB)}).read())`,
    'import json',
    'import numpy as jnp',
    'import brainunit as u, brainstate, braintools, brainpy',
    ...BRAINPY_SPEC_HELPERS,
    ...brainpyClass(model.spec, { className: 'Model', title: model.catalog.title, source: model.source }),
    '',
    `ENV['dt'] = ${c.dt} * u.ms`,
    `neuron = Model(${n}, ${[...kwargs, ...Object.entries(choices).map(([k, v]) => `${arg(k)}=${JSON.stringify(v)}`)].join(', ')})`,
    'neuron.init_state()',
    `neuron.currents.append(lambda V: ${c.g} * u.uS * (${E_MV} * u.mV - V))`,
    `I = jnp.array(${JSON.stringify(c.currents)}) * u.nA`,
    `spikes, V = [[] for _ in range(${n})], []`,
    `for s in range(${c.steps}):`,
    `    ENV['t'] = s * ${c.dt} * u.ms`,
    '    spk = neuron.update(I)',
    `    for i in range(${n}):`,
    '        if spk[i] > 0: spikes[i].append(s)',
    '    V.extend((neuron.V.value / u.mV).tolist())',
    "print(json.dumps({'spikes': spikes, 'V': V}))",
  ].join('\n');
  const file = join(work, `${model.name}.py`);
  writeFileSync(file, script);
  const r = spawnSync(PYTHON, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr.slice(-3000));
  const py = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as { spikes: number[][]; V: number[] };
  let worst = 0;
  V.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - py.V[k]))));
  console.log(`${model.name}: ${spikes.map((s) => s.length).join('/')} spikes, max |ΔV| ${worst.toExponential(2)} mV`);
  expect(spikes.flat().length, 'some neuron fires').toBeGreaterThan(0);
  expect(py.spikes).toEqual(spikes);
  expect(worst).toBeLessThan(V_TOL_MV);
}

/** Case `c` for a bundled spec-only model (registered for getSpecModel). */
export function brainpyClassAgrees(c: BrainPyCase): void {
  const model = getSpecModel(c.model);
  if (!model) throw new Error(`${c.model} is not a spec model`);
  compareWithKernel(model, c);
}
