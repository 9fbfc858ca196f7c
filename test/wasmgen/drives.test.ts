/**
 * Every bundled neuron model under synaptic drives, where the reference interpreter has no
 * inputs of that kind (test/wasmgen/generate.test.ts compares plain currents with it):
 * - the kernel generated from the spec against the JavaScript spec kernel (which does the
 *   interpreter's arithmetic bit for bit, test/spec/specKernel.test.ts) with a current and a
 *   conductance group, with a conductance group and voltage jumps (Delta), and with the current
 *   written for a monitor of I: identical spike steps, V and I within 1e-9 relative (exp differs
 *   by at most 1 ulp, detExp against Math.exp);
 * - in a network with a COBA Expon projection, every bundled model runs on its generated kernel,
 *   fused for whole chunks (no model falls back to JavaScript because its spec cannot be
 *   generated), and a user's model the generator has no form for runs on the JavaScript kernel;
 * - a voltage jump is part of V's update, so a state integrated after V in "sequential" order
 *   (AdEx's w, Izhikevich's u) sees the jumped V, as brainpy.state's AdExIF.update does
 *   (`V = sum_delta_inputs(V)` before w's step): checked against w's exact step on the typed
 *   backend with and without WebAssembly and on tfjs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import '../../src/engine/backends/typed/neuronModels';
import type { Drive, PopulationKernel, SynapseState } from '../../src/engine/backends/typed/kernels';
import { useWasmKernels } from '../../src/engine/backends/typed/wasm';
import { specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import { generateStep } from '../../src/engine/backends/typed/wasmgen/generate';
import type { ConnIR, NetworkIR, PopulationIR, ValueIR } from '../../src/engine/ir';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { NEURON_SPECS, SPEC_ONLY_NEURONS } from '../../src/shared/modelspec/neurons';
import { registerDocumentModels, specModelFromSource, type SpecModel } from '../../src/shared/modelspec/registry';
import { parseQuantity } from '../../src/shared/units';
import { BACKENDS } from '../engine/backends';
import { coba, expon, network, scalar } from '../engine/fixtures';
import { buildOk, sourceDoc } from '../models/synapses/helpers';

afterEach(() => useWasmKernels(true));

/** Relative tolerance: exp differs from Math.exp by ≤ 1 ulp, which the stable steps between spikes do not amplify much. */
const REL = 1e-9;

const BUNDLED: readonly SpecModel[] = [...NEURON_SPECS, ...SPEC_ONLY_NEURONS].map((src) => {
  const r = specModelFromSource(src.source, src);
  if (!r.ok) throw new Error(`${src.name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.model;
});

/** The population of `model` with its catalogue preset (internal units, as the build gives them). */
function population(model: SpecModel, size: number, id = 'P'): PopulationIR {
  const preset: Record<string, string | number> = model.catalog.preset ?? {};
  const params: Record<string, ValueIR> = {};
  for (const p of model.catalog.params) {
    const q = parseQuantity(preset[p.name] ?? p.default ?? '', p.dim);
    if (!q.ok) throw new Error(`${model.name}.${p.name}: ${q.reason}`);
    params[p.name] = scalar(q.value);
  }
  const choices = Object.fromEntries((model.catalog.choices ?? []).map((c) => [c.name, String(preset[c.name] ?? c.default)]));
  return { id, index: 0, model: model.name, family: 'neuron', size, params, choices, lists: {}, init: {} };
}

/** Rheobase-scale currents of the bundled presets, nA (see generate.test.ts). */
const CURRENTS = [0, 0.1, 0.2, 0.4, 0.7, 1, 2, 4, 7, 10, 30, 100, 300];
const DT = 0.025;
const STEPS = 2000;

type Scenario = 'current and conductance groups' | 'conductance group and voltage jumps' | 'the current for a monitor of I';
const SCENARIOS: readonly Scenario[] = ['current and conductance groups', 'conductance group and voltage jumps', 'the current for a monitor of I'];

interface Outcome {
  spikes: number[][];
  V: Float64Array;
  I: Float64Array;
}

/** Step `kernel` under `scenario`: g kicked every 7 steps (after the kernel decayed it), jumps of ±1.5 mV every 11 steps. */
function drive(kernel: PopulationKernel, scenario: Scenario, n: number): Outcome {
  const host = (role: string): Float64Array => kernel.hostArray?.(role) ?? new Float64Array(n);
  const iext = host('iext');
  const groups: SynapseState[] = [];
  if (scenario === 'current and conductance groups') {
    groups.push({ g: host('g0'), decay: Math.exp(-DT / 5), output: { kind: 'current' } }, { g: host('g1'), decay: Math.exp(-DT / 10), output: { kind: 'conductance', E: -80 } });
  } else if (scenario === 'conductance group and voltage jumps') {
    groups.push({ g: host('g0'), decay: Math.exp(-DT / 5), output: { kind: 'conductance', E: 0 } });
  } else {
    groups.push({ g: host('g0'), decay: Math.exp(-DT / 5), output: { kind: 'current' } });
  }
  const d: Drive = {
    iext, groups,
    current: scenario === 'the current for a monitor of I' ? new Float64Array(n) : null,
    delta: scenario === 'conductance group and voltage jumps' ? new Float64Array(n) : null,
  };
  const out = kernel.hostSpikes?.() ?? new Int32Array(n);
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const V = new Float64Array(STEPS * n);
  const I = new Float64Array(STEPS * n);
  for (let s = 0; s < STEPS; s++) {
    for (let i = 0; i < n; i++) iext[i] = CURRENTS[i];
    if (s % 7 === 0) {
      for (const g of groups) for (let i = 0; i < n; i++) g.g[i] += g.output.kind === 'current' ? 0.05 * (1 + CURRENTS[i]) : 0.002;
    }
    if (d.delta) d.delta.fill(s % 11 === 0 ? (s % 22 === 0 ? 1.5 : -1.5) : 0);
    const c = kernel.update(s, d, out);
    for (let k = 0; k < c; k++) spikes[out[k]].push(s);
    V.set(kernel.variable('V') as Float64Array, s * n);
    if (d.current) I.set(d.current, s * n);
  }
  return { spikes, V, I };
}

function worstRelative(a: Float64Array, b: Float64Array): number {
  let w = 0;
  for (let k = 0; k < a.length; k++) w = Math.max(w, Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k])));
  return w;
}

describe.each(BUNDLED.map((m) => [m.name, m] as const))('%s: generated kernel against the JavaScript spec kernel', (_name, model) => {
  it.each(SCENARIOS)('%s: same spike steps, V and I within 1e-9', (scenario) => {
    const n = CURRENTS.length;
    const pop = population(model, n);
    const gen = drive(specPopulationKernel(model.spec)(pop, { dt: DT, seed: 1, arena: null }), scenario, n);
    const js = drive(specKernelFactory(model)(pop, { dt: DT, seed: 1, arena: null }), scenario, n);
    expect(js.spikes.flat().length, 'some neuron fires').toBeGreaterThan(0);
    expect(gen.spikes).toEqual(js.spikes);
    expect(worstRelative(gen.V, js.V), 'V').toBeLessThan(REL);
    expect(worstRelative(gen.I, js.I), 'I').toBeLessThan(REL);
  });
});

describe('every bundled model runs on its generated kernel in a network', () => {
  it.each(BUNDLED.map((m) => [m.name, m] as const))('%s: a recurrent COBA network runs fused, every step', (_name, model) => {
    const steps = 400;
    const conn: ConnIR = { rule: 'bernoulli', p: 0.2, allowSelf: true };
    const ir: NetworkIR = network({
      dt: DT, steps, seed: 2,
      populations: [population(model, 40, 'E')],
      inputs: [{ id: 'd', model: 'constant', target: 'E', params: { amplitude: { kind: 'uniform', low: 0, high: 5 } } }],
      projections: [{ id: 'EE', pre: 'E', post: 'E', conn, weight: scalar(0.001), synapse: expon(5), output: coba(0) }],
      monitors: [{ id: 's', record: 'spikes', population: 'E' }],
    });
    const inst = typedBackend.instantiate(ir) as TypedInstance;
    inst.advance(steps);
    expect(inst.fusedSteps).toBe(steps);
  });
});

describe('a model whose spec has no generated form', () => {
  it('runs on the JavaScript spec kernel in a network that would run fused (a user\'s model calling sin)', () => {
    const source = `model SineIF
param tau = 10 ms
param V_th = 10 mV
input I : nA
dV/dt = (-V + 2 mV * sin(V/mV) + 20 MOhm * I) / tau : mV (exponential_euler)
init V = 0 mV
threshold V >= V_th
reset V = 0 mV
`;
    expect(registerDocumentModels([{ name: 'SineIF', source }])).toEqual([]);
    try {
      const model = specModelFromSource(source);
      if (!model.ok) throw new Error('SineIF does not compile');
      expect(() => generateStep(model.model.spec, { dt: DT, slots: ['conductance'], choices: {}, perNeuron: new Set() })).toThrow(/SineIF: dV\/dt calls (sin|cos)\(\)/);
      const steps = 400;
      const ir: NetworkIR = network({
        dt: DT, steps, seed: 2,
        populations: [{ id: 'E', index: -1, model: 'SineIF', family: 'neuron', size: 40, params: { tau: scalar(10), V_th: scalar(10) }, choices: {}, lists: {}, init: {} }],
        inputs: [{ id: 'd', model: 'constant', target: 'E', params: { amplitude: { kind: 'uniform', low: 0, high: 2 } } }],
        projections: [{ id: 'EE', pre: 'E', post: 'E', conn: { rule: 'bernoulli', p: 0.2, allowSelf: true }, weight: scalar(0.001), synapse: expon(5), output: coba(0) }],
        monitors: [{ id: 's', record: 'spikes', population: 'E' }],
      });
      const inst = typedBackend.instantiate(ir) as TypedInstance;
      const batch = inst.advance(steps);
      expect(inst.fusedSteps).toBe(0);
      expect(batch.spikes[0].ids.length, 'it fires').toBeGreaterThan(0);
    } finally {
      registerDocumentModels([]);
    }
  });
});

describe('a voltage jump joins V\'s update before the states integrated after V', () => {
  /** A SpikeTimes source fires at 3 ms onto one neuron of `model` through a Delta projection of `weight`. */
  const docFor = (model: SpecModel, weight: string) => {
    const doc = sourceDoc([3], { steps: 60, synapse: { model: 'Delta' }, weight, conn: { rule: 'all_to_all' } });
    const cell = doc.nodes[1] as { model: string; params: Record<string, string | number>; init?: unknown };
    cell.model = model.name;
    cell.params = { ...(model.catalog.preset ?? {}) } as Record<string, string | number>;
    delete cell.init;
    return doc;
  };
  const arrival = Math.round(3 / 0.1) + 1;
  /** The exact step of w (AdEx: tau_w dw/dt = a(V - V_rest) - w) or u (Izhikevich: du/dt = a(bV - u)) from `prev` with the new V. */
  const CASES: readonly { model: string; slow: string; step: (p: Record<string, number>, v: number, prev: number) => number }[] = [
    { model: 'AdExIF', slow: 'w', step: (p, v, prev) => { const inf = p.a * (v - p.V_rest); return inf + (prev - inf) * Math.exp(-0.1 / p.tau_w); } },
    // a and b in Hz internally, per ms in the equation
    { model: 'Izhikevich', slow: 'u', step: (p, v, prev) => { const inf = (p.b / 1000) * v; return inf + (prev - inf) * Math.exp((-0.1 * p.a) / 1000); } },
  ];
  const runs = [
    { name: 'typed, generated WebAssembly', wasm: true, backend: BACKENDS[0], rel: 1e-12 },
    { name: 'typed, JavaScript spec kernel', wasm: false, backend: BACKENDS[0], rel: 1e-12 },
    // float32: u ≈ -13 has a spacing of 1e-6, and the step takes a few roundings
    { name: 'tfjs (float32)', wasm: true, backend: BACKENDS[1], rel: 1e-5 },
  ];
  for (const c of CASES) {
    it.each(runs)(`${c.model}: ${c.slow} in the arrival step takes its exact step from the jumped V ($name)`, async (r) => {
      const model = BUNDLED.find((m) => m.name === c.model) as SpecModel;
      useWasmKernels(r.wasm);
      const ir = buildOk(docFor(model, '8 mV'));
      const pop = ir.populations.find((p) => p.id === 'N') as PopulationIR;
      const params = Object.fromEntries(Object.entries(pop.params).map(([k, v]) => [k, (v as { value: number }).value]));
      const inst = await r.backend.make(ir);
      inst.advance(arrival);
      const prev = inst.readVariable('N', c.slow)[0];
      const before = inst.readVariable('N', 'V')[0];
      inst.advance(1);
      const v = inst.readVariable('N', 'V')[0];
      const slow = inst.readVariable('N', c.slow)[0];
      inst.dispose();
      // the jump landed in this step: V moved by about 8 mV
      expect(v - before).toBeGreaterThan(7);
      const jumped = c.step(params, v, prev);
      const unjumped = c.step(params, v - 8, prev);
      expect(Math.abs(slow - jumped)).toBeLessThanOrEqual(r.rel * Math.abs(jumped));
      // the other order is told apart by more than the tolerance (Izhikevich on tfjs: 3.2e-3 against 1.3e-4)
      expect(Math.abs(jumped - unjumped)).toBeGreaterThan(10 * r.rel * Math.abs(jumped));
    });
  }
});
