/**
 * Kernels generated from specs (src/engine/backends/typed/wasmgen) against the reference
 * interpreter (src/engine/spec/interpreter.ts): identical spike steps, every state within 1e-9
 * relative (the generated code does the interpreter's operations in its order; only exp differs,
 * by at most 1 ulp: detExp against Math.exp), for LIF, LIFRef, ExpIF and Izhikevich; LIF against
 * its closed form; specs the generator cannot take are refused naming the model and the state.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec, type NeuronSpec } from '../../src/shared/modelspec/check';
import { dimName } from '../../src/shared/modelspec/dimension';
import { internalPerCoherent } from '../../src/shared/modelspec/registry';
import { GIF, NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { interpret } from '../../src/engine/spec/interpreter';
import { WasmArena } from '../../src/engine/backends/typed/wasm';
import { specArenaBytes, specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import { generateStep, GenerateError } from '../../src/engine/backends/typed/wasmgen/generate';
import type { PopulationIR, ValueIR } from '../../src/engine/ir';

/** Relative tolerance of traces: exp differs from Math.exp by ≤ 1 ulp, which steps of a stable equation do not amplify much beyond. */
const REL = 1e-9;

function spec(name: string, rename?: string): NeuronSpec {
  const src = [...NEURON_SPECS, GIF].find((s) => s.name === name);
  if (!src) throw new Error(name);
  const text = rename ? src.source.replace(`model ${name}`, `model ${rename}`) : src.source;
  const r = compileSpec(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.spec;
}

interface Case {
  readonly params: Record<string, number>;
  readonly choices?: Record<string, string>;
  /** Input current of neuron i, nA. */
  readonly current: (i: number) => number;
}

/** Internal units per coherent unit of parameter `name` of `s` (1000 for a rate, else 1). */
function internalScale(s: NeuronSpec, name: string): number {
  const p = s.params.find((q) => q.name === name);
  return p ? internalPerCoherent(dimName(p.dim) ?? 'dimensionless') : 1;
}

/** Run `n` neurons of `s` for `steps` steps through the generated kernel, per step; spikes per neuron and traces. */
function generated(s: NeuronSpec, c: Case, n: number, steps: number, dt: number) {
  const arena = WasmArena.create(specArenaBytes(s, n));
  const scalar = (value: number): ValueIR => ({ kind: 'scalar', value });
  const pop: PopulationIR = {
    id: 'P', index: 0, model: s.name, family: 'neuron', size: n, lists: {}, init: {}, choices: c.choices ?? {},
    // The document's (and so the IR's) values are in the internal units: rates in Hz, where the spec reads per ms.
    params: Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, scalar(v * internalScale(s, k))])),
  };
  const kernel = specPopulationKernel(s)(pop, { dt, seed: 1, arena });
  const iext = kernel.hostArray?.('iext') ?? new Float64Array(n);
  for (let i = 0; i < n; i++) iext[i] = c.current(i);
  const spikesOut = kernel.hostSpikes?.() ?? new Int32Array(n);
  kernel.initialSpikes(spikesOut);
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const trace: Record<string, Float64Array> = Object.fromEntries(s.states.map((x) => [x.name, new Float64Array(steps * n)]));
  for (let step = 0; step < steps; step++) {
    const k = kernel.update(step, { iext, groups: [], current: null }, spikesOut);
    for (let j = 0; j < k; j++) spikes[spikesOut[j]].push(step);
    for (const x of s.states) trace[x.name].set(kernel.variable(x.name) as Float64Array, step * n);
  }
  return { spikes, trace };
}

/** 13 neurons: one block of four pairs (the unrolled loop), two pairs and the odd last neuron alone. */
function compare(name: string | NeuronSpec, c: Case, n = 13, steps = 3000, dt = 0.1): number {
  const s = typeof name === 'string' ? spec(name) : name;
  const ref = interpret({ spec: s, n, dt, steps, params: c.params, choices: c.choices, input: (_, __, i) => c.current(i) });
  const gen = generated(s, c, n, steps, dt);
  expect(gen.spikes).toEqual(ref.spikes);
  for (const x of s.states) {
    const a = gen.trace[x.name];
    const b = ref.trace[x.name];
    let worst = 0;
    for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1e-12, Math.abs(b[k])));
    expect(worst, `${s.name}.${x.name}`).toBeLessThan(REL);
  }
  return ref.spikes.reduce((m, x) => m + x.length, 0);
}

const lifParams = { V_rest: -65, V_th: -50, V_reset: -65, tau: 10, R: 10 };

describe('generated kernels against the reference interpreter', () => {
  it('LIF, soft and hard reset', () => {
    for (const reset of ['soft', 'hard']) {
      expect(compare('LIF', { params: lifParams, choices: { reset }, current: (i) => 1.4 + 0.2 * i })).toBeGreaterThan(20);
    }
  });

  it('LIFRef with a refractory period', () => {
    expect(compare('LIFRef', { params: { ...lifParams, tau_ref: 2 }, choices: { reset: 'hard' }, current: (i) => 1.4 + 0.3 * i })).toBeGreaterThan(20);
  });

  it('ExpIF (nonlinear, exponential Euler, bounded at V_th)', () => {
    expect(compare('ExpIF', { params: { R: 10 }, choices: { reset: 'hard' }, current: (i) => 1 + 0.4 * i })).toBeGreaterThan(20);
  });

  it('HH (four states, simultaneous exponential Euler, rising threshold, n**4)', () => {
    expect(compare('HH', { params: {}, current: (i) => 4 + i })).toBeGreaterThan(20);
  });

  it('GIF (four states, RK4 as one system, a moving threshold)', () => {
    expect(compare('GIF', { params: { a: 0.005, A2: -0.05 }, current: (i) => 1.1 + 0.05 * i })).toBeGreaterThan(20);
  });

  it('Izhikevich (two states, sequential)', () => {
    expect(compare('Izhikevich', { params: {}, current: (i) => 4 + 2 * i })).toBeGreaterThan(20);
  });

  it('exp arguments outside [-708, 709] on one lane of a pair (subnormal and near-overflow results): the pair is redone exactly', () => {
    // Pairs take exp without a range branch and redo the pair where a lane left that range
    // (laneMath.ts, Generator.integrate); the currents put the argument I/nA - B on both sides of
    // -708 and of 709 within pairs, so without the redo V would be wrong (2^k out of kd's bits)
    const r = compileSpec(`model Wide
param A = 1 mV
param B = 0
param tau = 10 ms
input I : nA
dV/dt = (A * exp(I/nA - B) - V) / tau : mV (exponential_euler)
init V = 0 mV
`);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    compare(r.spec, { params: { A: 1e300, B: 1000, tau: 10 }, current: (i) => 290 + 2 * i }, 13, 50);
    compare(r.spec, { params: { A: 1e-300, B: 0, tau: 10 }, current: (i) => 708.4 + 0.1 * i }, 13, 50);
  });
});

describe('LIF from its spec against the closed form', () => {
  it('fires every ceil(T/dt) steps with hard reset (SEMANTICS.md, analytic checks)', () => {
    const dt = 0.1;
    const I = 2; // nA: R·I = 20 mV above rest, 5 mV above threshold
    const { V_rest, V_th, V_reset, tau, R } = lifParams;
    const T = tau * Math.log((R * I + V_rest - V_reset) / (R * I + V_rest - V_th));
    const period = Math.ceil(T / dt);
    const gen = generated(spec('LIF'), { params: lifParams, choices: { reset: 'hard' }, current: () => I }, 1, 2000, dt);
    const s = gen.spikes[0];
    expect(s.length).toBeGreaterThan(10);
    // The first spike after `period` steps from V = V_reset... the start is V = 0 mV (spec init) above threshold: it spikes at once.
    for (let k = 2; k < s.length; k++) expect(s[k] - s[k - 1]).toBe(period);
  });

  it('one step of the BrainPy test vector (SEMANTICS.md): -59.8407973400 mV', () => {
    // V0 = -60, V_rest = -52, tau = 10, R·I = 8 (R = 1, I = 8), dt = 0.1: the kernel's V after step 0.
    const s = spec('LIF');
    const arena = WasmArena.create(specArenaBytes(s, 1));
    const pop: PopulationIR = {
      id: 'P', index: 0, model: 'LIF', family: 'neuron', size: 1, lists: {}, choices: {},
      init: { V: { kind: 'scalar', value: -60 } },
      params: { V_rest: { kind: 'scalar', value: -52 }, V_th: { kind: 'scalar', value: 100 }, V_reset: { kind: 'scalar', value: -52 }, tau: { kind: 'scalar', value: 10 }, R: { kind: 'scalar', value: 1 } },
    };
    const kernel = specPopulationKernel(s)(pop, { dt: 0.1, seed: 1, arena });
    const iext = kernel.hostArray?.('iext') as Float64Array;
    iext[0] = 8;
    kernel.update(0, { iext, groups: [], current: null }, kernel.hostSpikes?.() as Int32Array);
    expect((kernel.variable('V') as Float64Array)[0]).toBeCloseTo(-44 - 16 * Math.exp(-0.01), 12);
  });
});

describe('specs the generator refuses', () => {
  const base = (rhs: string): string => `model Odd
param tau = 10 ms
input I : nA
dV/dt = ${rhs} : mV (exponential_euler)
init V = 0 mV
threshold V >= 1 mV
reset V = 0 mV
`;
  it('a function without a deterministic WebAssembly version, naming the model and the state', () => {
    const r = compileSpec(base('(sin(V/mV) * mV) / tau'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(() => generateStep(r.spec, { dt: 0.1, slots: [], choices: {}, perNeuron: new Set() })).toThrow(GenerateError);
    expect(() => generateStep(r.spec, { dt: 0.1, slots: [], choices: {}, perNeuron: new Set() })).toThrow(/Odd: dV\/dt calls (sin|cos)\(\)/);
  });

  it('a conductance output on a model without V', () => {
    const r = compileSpec('model Odd\nparam tau = 10 ms\ninput I : nA\ndU/dt = -U / tau : mV (exact)\ninit U = 0 mV\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(() => generateStep(r.spec, { dt: 0.1, slots: ['conductance'], choices: {}, perNeuron: new Set() })).toThrow(/Odd: a conductance-based output needs .* V/);
  });

  it('a dimension error never reaches the generator: compileSpec names the term', () => {
    const r = compileSpec(base('(-V + I) / tau'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].message).toMatch(/voltage|current/);
  });
});
