/**
 * The brainpy.state class generated from a spec (src/engine/spec/brainpy.ts) computes SNN Studio's
 * step. BrainPy (JAX) cannot be installed here, so the class runs under /usr/bin/python3 on
 * numpy with stand-ins for the few brainunit, brainstate, braintools and brainpy.state calls it
 * makes (brainpyStub.py, written from BrainPy's source); the class's own arithmetic is what is
 * tested. Each of the four spec-only models: three neurons under a constant current, plus a
 * fixed COBA conductance (E = 0 mV) read through sum_current_inputs(x, V) as brainpy.state's
 * COBA output gives it, against the typed backend's spec kernel with the same drive. Both compute
 * in float64 with the same formulas (numpy's exp against V8's may differ in the last bit), so
 * spike steps must be identical and V within 1e-6 mV. Also: the exported network script parses.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../../bench/brian2';
import type { Drive } from '../../src/engine/backends/typed/kernels';
import { exportProject } from '../../src/engine/export';
import type { PopulationIR } from '../../src/engine/ir';
import { BRAINPY_SPEC_HELPERS, brainpyClass, brainpyNames } from '../../src/engine/spec/brainpy';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { getSpecModel, internalPerCoherent, specModelFromSource, type SpecModel } from '../../src/shared/modelspec/registry';
import { parseQuantity } from '../../src/shared/units';
import { documentFor, NET_CASES } from './networks';

const STUB = fileURLToPath(new URL('./brainpyStub.py', import.meta.url));
const V_TOL_MV = 1e-6;
const E_MV = 0;
const work = mkdtempSync(join(tmpdir(), 'snn-spec-brainpy-'));

interface Case { model: string; dt: number; steps: number; currents: number[]; g: number }
const CASES: readonly Case[] = [
  { model: 'AdQuaIF', dt: 0.1, steps: 1500, currents: [0.3, 0.6, 1.2], g: 0.005 },
  { model: 'GIF', dt: 0.1, steps: 1500, currents: [0.6, 1.0, 1.5], g: 0.005 },
  { model: 'MorrisLecar', dt: 0.05, steps: 3000, currents: [60, 100, 150], g: 0.3 },
  { model: 'WangBuzsakiHH', dt: 0.05, steps: 2000, currents: [0.1, 0.5, 1], g: 0.005 },
];

/** Run `model`'s generated class under the stubs and the typed spec kernel with the same drive; compare. */
function compareWithKernel(model: SpecModel, c: Omit<Case, 'model'>): void {
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

/**
 * A custom model whose names clash with the class's own (in_size, name, spk_fun, update, since,
 * spike, a state's <name>_initializer), with Python (lambda), with Python's private names (_hidden)
 * and with each other once Python folds µ and μ into one name.
 */
const CLASH_SOURCE = `model Clash
param name = -65 mV  # resting potential
param in_size = -50 mV  # threshold
param spk_fun = 10 ms  # membrane time constant
param lambda = 10 Mohm  # resistance
param V_initializer = -68 mV  # reset potential
param update = 2 ms  # refractory period
param _hidden = 100 ms  # adaptation time constant
param \u00b5 = 0.05 nA  # adaptation jump, soft reset
param \u03bc = 0.1 nA  # adaptation jump, hard reset
choice spike = soft | hard  # reset
input I : nA
dV/dt = (-(V - name) + lambda*(I - since))/spk_fun : mV (exact)
dsince/dt = -since/_hidden : nA (exact)
init V = name
init since = 0 nA
threshold V >= in_size
reset [spike=soft] V -= in_size - V_initializer; since += \u00b5
reset [spike=hard] V = V_initializer; since += \u03bc
refractory update
`;

function clashModel(): SpecModel {
  const r = specModelFromSource(CLASH_SOURCE);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return r.model;
}

describe('the generated brainpy.state class computes SNN Studio\'s step', () => {
  for (const c of CASES) {
    it(`${c.model}: identical spike steps, V within ${V_TOL_MV} mV of the typed spec kernel`, () => {
      const model = getSpecModel(c.model);
      if (!model) throw new Error(c.model);
      compareWithKernel(model, c);
    });
  }

  it('names that clash with Python or brainpy.state are renamed consistently: the class runs as the kernel does', () => {
    const model = clashModel();
    const names = brainpyNames(model.spec);
    expect(Object.fromEntries(names)).toMatchObject({
      name: 'name_', in_size: 'in_size_', spk_fun: 'spk_fun_', update: 'update_', since: 'since_', spike: 'spike_', lambda: 'lambda_',
      V: 'V', V_initializer: 'V_initializer_', _hidden: 'p_hidden', '\u00b5': 'mu', '\u03bc': 'mu_',
    });
    expect(new Set(names.values()).size).toBe(names.size);
    const text = brainpyClass(model.spec, { className: 'Clash', title: 'Clash', source: model.source }).join('\n');
    expect(text).toContain('super().__init__(in_size, name=name, spk_fun=spk_fun)');
    expect(text).toContain('Renamed in this class');
    for (const reset of ['soft', 'hard']) {
      compareWithKernel({ ...model, catalog: { ...model.catalog, preset: { spike: reset } } }, { dt: 0.1, steps: 2000, currents: [1.8, 2.5, 4], g: 0.005 });
    }
  });

  it('a network of the clashing model exports a constructor call whose keywords are the class\'s arguments', () => {
    const doc = { ...documentFor({ ...NET_CASES[0], model: 'Clash', params: {} }), customModels: [{ name: 'Clash', source: CLASH_SOURCE }] };
    const r = exportProject(doc, 'brainpy');
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    const file = join(work, 'Clash_net.py');
    writeFileSync(file, r.script);
    // every keyword of each ClashSpec(...) call must be an argument of ClashSpec.__init__
    const check = [
      'import ast, sys',
      'tree = ast.parse(open(sys.argv[1]).read(), sys.argv[1])',
      "cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == 'ClashSpec')",
      "init = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == '__init__')",
      'args = {a.arg for a in init.args.args}',
      "calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and getattr(c.func, 'id', None) == 'ClashSpec']",
      'assert calls, "no ClashSpec(...) call"',
      'for c in calls:',
      '    bad = [k.arg for k in c.keywords if k.arg not in args]',
      '    assert not bad, f"keywords not taken by ClashSpec: {bad}"',
      "print(len(calls), sorted(k.arg for k in calls[0].keywords))",
    ].join('\n');
    const p = spawnSync(PYTHON, ['-c', check, file], { encoding: 'utf8' });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('name_');
    expect(p.stdout).toContain('V_initializer_');
  });

  it('the exported network scripts (a class per spec model) parse with Python\'s ast', () => {
    for (const c of NET_CASES) {
      const r = exportProject(documentFor(c), 'brainpy');
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
      expect(r.script).toContain(`class ${c.model}Spec(brainpy.state.Neuron):`);
      expect(r.script).toContain(`self.A = ${c.model}Spec(`);
      const file = join(work, `${c.model}_net.py`);
      writeFileSync(file, r.script);
      const p = spawnSync(PYTHON, ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])', file], { encoding: 'utf8' });
      expect(p.stderr).toBe('');
      expect(p.status).toBe(0);
    }
  });
});
