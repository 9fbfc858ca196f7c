/**
 * Kernels generated from specs (src/engine/backends/typed/wasmgen) against the reference
 * interpreter (src/engine/spec/interpreter.ts), for every bundled neuron model (one parametrised
 * suite; a model added to the bundle is in it without an edit here): identical spike steps, every
 * state within 1e-9 relative (the generated code does the interpreter's operations in its order;
 * only exp differs, by at most 1 ulp: detExp against Math.exp, and a division by a shared value
 * becomes a multiplication by its reciprocal). Each model runs its catalogue preset under 13
 * input currents from 0 to 300 nA (one block of four pairs of the unrolled loop, two pairs and
 * the odd last neuron alone), under every option of its choices. Also: LIF against its closed
 * form; specs the generator cannot take are refused naming the model and the state.
 * And LIF driven by synapse groups as the instance presents them (synapseGroups.ts makeGroup): a
 * g, a decay (e^{-dt/tau} for a plain Expon, which the kernel applies in place; 1 for AMPA, NMDA
 * under MgBlock, DualExpon and Alpha, whose g is computed in the 'synapses' phase) and a current
 * or conductance output; more than two groups (summed into the module's two slots per step).
 */
import { describe, expect, it } from 'vitest';
import { compileSpec, type NeuronSpec } from '../../src/shared/modelspec/check';
import { dimName } from '../../src/shared/modelspec/dimension';
import { internalPerCoherent, specModelFromSource, type SpecModel } from '../../src/shared/modelspec/registry';
import { AdExIF } from '../../src/shared/modelspec/neurons/integrateFire';
import { GIF, NEURON_SPECS, SPEC_ONLY_NEURONS } from '../../src/shared/modelspec/neurons';
import { parseQuantity } from '../../src/shared/units';
import { interpret } from '../../src/engine/spec/interpreter';
import { WasmArena } from '../../src/engine/backends/typed/wasm';
import { specArenaBytes, specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import { generateStep, GenerateError } from '../../src/engine/backends/typed/wasmgen/generate';
import type { PopulationIR, ValueIR } from '../../src/engine/ir';
import type { Drive, OutputKernel } from '../../src/engine/backends/typed/kernels';

/** Relative tolerance of traces: exp differs from Math.exp by ≤ 1 ulp, which steps of a stable equation do not amplify much beyond. */
const REL = 1e-9;

/** Every bundled neuron model, compiled with its catalogue extras (the preset). */
const BUNDLED: readonly SpecModel[] = [...NEURON_SPECS, ...SPEC_ONLY_NEURONS].map((src) => {
  const r = specModelFromSource(src.source, src);
  if (!r.ok) throw new Error(`${src.name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.model;
});

function spec(name: string, rename?: string): NeuronSpec {
  const src = [...NEURON_SPECS, GIF].find((s) => s.name === name);
  if (!src) throw new Error(name);
  const text = rename ? src.source.replace(`model ${name}`, `model ${rename}`) : src.source;
  const r = compileSpec(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.spec;
}

interface Case {
  /** Parameter values in the spec's coherent units (rates per ms). */
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

/**
 * 13 neurons: one block of four pairs (the unrolled loop), two pairs and the odd last neuron alone.
 * Returns the number of spikes; `worst` receives each state's largest relative difference.
 */
function compare(name: string | NeuronSpec, c: Case, n = 13, steps = 3000, dt = 0.1, worstOut: Record<string, number> = {}): number {
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
    worstOut[x.name] = worst;
  }
  return ref.spikes.reduce((m, x) => m + x.length, 0);
}

/** The catalogue preset of `model` in the spec's coherent units (rates per ms) and its choices. */
function presetOf(model: SpecModel): { params: Record<string, number>; choices: Record<string, string> } {
  const preset: Record<string, string | number> = model.catalog.preset ?? {};
  const params: Record<string, number> = {};
  for (const p of model.catalog.params) {
    const q = parseQuantity(preset[p.name] ?? p.default ?? '', p.dim);
    if (!q.ok) throw new Error(`${model.name}.${p.name}: ${q.reason}`);
    params[p.name] = q.value / internalPerCoherent(p.dim);
  }
  const choices = Object.fromEntries((model.catalog.choices ?? []).map((c) => [c.name, String(preset[c.name] ?? c.default)]));
  return { params, choices };
}

/** Every combination of the options of the spec's choices (one empty combination without choices). */
function choiceCombinations(s: NeuronSpec): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const c of s.choices) out = out.flatMap((o) => c.options.map((v) => ({ ...o, [c.name]: v })));
  return out;
}

/** nA: from silence through the rheobases of the bundled presets (0.16 nA for ExpIF ... 50 nA for Morris–Lecar) to saturation. */
const CURRENTS = [0, 0.1, 0.2, 0.4, 0.7, 1, 2, 4, 7, 10, 30, 100, 300];
/** 0.025 ms: fine enough for the Hodgkin–Huxley-type models (Wang–Buzsáki wants ≤ 0.05 ms), 100 ms of biological time. */
const DT = 0.025;
const STEPS = 4000;

describe('generated kernels against the reference interpreter, every bundled model', () => {
  it('the bundle is every model of the catalogue with a spec (nothing is left out of this suite)', () => {
    expect(BUNDLED.map((m) => m.name)).toEqual(expect.arrayContaining(['LIF', 'LIFRef', 'ExpIF', 'ExpIFRef', 'AdExIF', 'AdExIFRef', 'QuaIF', 'ALIF', 'Izhikevich', 'IzhikevichRef', 'HH', 'AdQuaIF', 'GIF', 'MorrisLecar', 'WangBuzsakiHH']));
  });

  describe.each(BUNDLED.map((m) => [m.name, m] as const))('%s', (_name, model) => {
    it.each(choiceCombinations(model.spec).map((c) => [JSON.stringify(c), c] as const))('preset, choices %s, 13 currents 0–300 nA: same spike steps, states within 1e-9', (_label, choices) => {
      const p = presetOf(model);
      const worst: Record<string, number> = {};
      const spikes = compare(model.spec, { params: p.params, choices: { ...p.choices, ...choices }, current: (i) => CURRENTS[i] }, CURRENTS.length, STEPS, DT, worst);
      expect(spikes, 'some neuron fires').toBeGreaterThan(0);
      console.log(`${model.name} ${JSON.stringify(choices)}: ${spikes} spikes, worst relative ${Object.entries(worst).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}`);
    });
  });
});

const lifParams = { V_rest: -65, V_th: -50, V_reset: -65, tau: 10, R: 10 };

/** A synapse group as makeGroup presents it to the neuron kernel. */
interface GroupCase {
  readonly output: OutputKernel;
  /** e^{-dt/tau} for a plain Expon (the kernel decays g in place), 1 for a group stepped in the 'synapses' phase. */
  readonly decay: number;
  /**
   * g before the neuron reads it in step s: from g after the previous step (decayed by the kernel) and
   * V at the end of the previous step (MgBlock's block); Expon adds its increments, the others set g.
   */
  readonly next: (s: number, i: number, g: number, Vprev: number) => number;
}

/** An arrival train (every `period` steps, offset per neuron) shaped by a rise and a decay time, µS or nA. */
function kinetic(w: number, period: number, tauRise: number, tauDecay: number, dt: number) {
  return (s: number, i: number): number => {
    const since = (s + 7 * i) % period;
    const t = since * dt;
    return w * (Math.exp(-t / tauDecay) - Math.exp(-t / tauRise));
  };
}

/** An Alpha synapse's g, w·(t/tau)·e^{1 - t/tau} after each arrival (every `period` steps, offset per neuron), nA. */
function alphaShape(w: number, period: number, tau: number, dt: number) {
  return (s: number, i: number): number => {
    const t = ((s + 11 * i) % period) * dt;
    return w * (t / tau) * Math.exp(1 - t / tau);
  };
}

/** NMDA's magnesium block with Brian2's/BrainPy's defaults (V in mV). */
const MG = { cc_Mg: 1.2, beta: 3.57, alpha: 0.062, V_offset: 0 };
/** BrainPy's MgBlock closed form: the unblocked fraction 1 / (1 + cc_Mg/beta · e^{alpha (V_offset − V)}) at V (mV). */
const mgBlockFraction = (V: number, p: typeof MG): number => 1 / (1 + (p.cc_Mg / p.beta) * Math.exp(p.alpha * (p.V_offset - V)));

/**
 * LIF (hard reset) driven by `groups` for `steps` steps, through the generated kernel (per step, as
 * the instance drives it) and through the reference interpreter given the same synaptic input
 * (the currents added to I, the conductances as Σg and Σg·E that the generated run read): identical
 * spike steps and V within REL. Returns the number of spikes.
 */
function compareGroups(groups: readonly GroupCase[], iext: (i: number) => number, n = 13, steps = 3000, dt = 0.1): number {
  const s = spec('LIF');
  const arena = WasmArena.create(specArenaBytes(s, n));
  const scalar = (value: number): ValueIR => ({ kind: 'scalar', value });
  const pop: PopulationIR = {
    id: 'P', index: 0, model: s.name, family: 'neuron', size: n, lists: {}, choices: { reset: 'hard' },
    init: { V: scalar(-65) }, params: Object.fromEntries(Object.entries(lifParams).map(([k, v]) => [k, scalar(v)])),
  };
  const kernel = specPopulationKernel(s)(pop, { dt, seed: 1, arena });
  const drive: Drive = { iext: kernel.hostArray?.('iext') ?? new Float64Array(n), groups: groups.map((g) => ({ g: new Float64Array(n), decay: g.decay, output: g.output })), current: null };
  for (let i = 0; i < n; i++) drive.iext[i] = iext(i);
  const out = kernel.hostSpikes?.() ?? new Int32Array(n);
  kernel.initialSpikes(out);
  const V = kernel.variable('V') as Float64Array;
  // what the step read: the current input and the conductance sums, per step and neuron
  const cur = new Float64Array(steps * n);
  const gs = new Float64Array(steps * n);
  const ge = new Float64Array(steps * n);
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const trace = new Float64Array(steps * n);
  for (let step = 0; step < steps; step++) {
    for (let i = 0; i < n; i++) {
      let I = drive.iext[i];
      groups.forEach((c, k) => {
        const g = drive.groups[k].g;
        g[i] = c.next(step, i, g[i], V[i]);
        if (c.output.kind === 'current') I += g[i];
        else {
          gs[step * n + i] += g[i];
          ge[step * n + i] += g[i] * c.output.E;
        }
      });
      cur[step * n + i] = I;
    }
    const read = drive.groups.map((g) => Float64Array.from(g.g));
    const k = kernel.update(step, drive, out);
    // the kernel decays each g in place for the next step (a decay of 1 leaves it)
    drive.groups.forEach((g, j) => expect(Array.from(g.g)).toEqual(Array.from(read[j], (x) => x * g.decay)));
    for (let j = 0; j < k; j++) spikes[out[j]].push(step);
    trace.set(V, step * n);
  }
  const conductances = groups.some((g) => g.output.kind === 'conductance');
  const ref = interpret({
    spec: s, n, dt, steps, params: lifParams, choices: { reset: 'hard' }, init: { V: -65 },
    input: (_, step, i) => cur[step * n + i],
    conductance: conductances ? (step, i) => ({ g: gs[step * n + i], gE: ge[step * n + i] }) : undefined,
  });
  expect(spikes).toEqual(ref.spikes);
  let worst = 0;
  for (let k = 0; k < trace.length; k++) worst = Math.max(worst, Math.abs(trace[k] - ref.trace.V[k]) / Math.max(1e-12, Math.abs(ref.trace.V[k])));
  expect(worst, 'LIF.V').toBeLessThan(REL);
  console.log(`${groups.length} group(s): ${spikes.flat().length} spikes, worst relative |ΔV| ${worst.toExponential(2)}`);
  return ref.spikes.reduce((m, x) => m + x.length, 0);
}

describe('generated kernels against the reference interpreter, other parameters', () => {
  it('LIF at dt = 0.1 ms, soft and hard reset', () => {
    for (const reset of ['soft', 'hard']) {
      expect(compare('LIF', { params: lifParams, choices: { reset }, current: (i) => 1.4 + 0.2 * i })).toBeGreaterThan(20);
    }
  });

  it('LIFRef with a refractory period', () => {
    expect(compare('LIFRef', { params: { ...lifParams, tau_ref: 2 }, choices: { reset: 'hard' }, current: (i) => 1.4 + 0.3 * i })).toBeGreaterThan(20);
  });

  it('GIF with adaptation currents (four states, RK4 as one system, a moving threshold)', () => {
    expect(compare('GIF', { params: { a: 0.005, A2: -0.05 }, current: (i) => 1.1 + 0.05 * i })).toBeGreaterThan(20);
  });

  it('a changed step is told apart (the comparison can fail): AdExIF\'s w from the V before the step ("order simultaneous")', () => {
    // The generated kernel of the mutant against the interpreter of the bundled spec.
    const r = compileSpec(AdExIF.source.replace('order sequential', 'order simultaneous'));
    if (!r.ok) throw new Error('mutant does not compile');
    const model = BUNDLED.find((m) => m.name === 'AdExIF') as SpecModel;
    const p = presetOf(model);
    const ref = interpret({ spec: model.spec, n: 1, dt: 0.1, steps: 3000, params: p.params, choices: p.choices, input: () => 0.6 });
    const gen = generated(r.spec, { params: p.params, choices: p.choices, current: () => 0.6 }, 1, 3000, 0.1);
    let worst = 0;
    for (let k = 0; k < gen.trace.V.length; k++) worst = Math.max(worst, Math.abs(gen.trace.V[k] - ref.trace.V[k]));
    expect(worst).toBeGreaterThan(1e-3);
  });

  it('tanh (written on exprel) across its range: near 0, where it saturates, and beyond exp\'s range', () => {
    const r = compileSpec(`model Tanh
param A = 1 mV
param tau = 1 ms
input I : nA
dV/dt = (A * tanh(I/nA) - V) / tau : mV (exponential_euler)
init V = 0 mV
`);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const xs = [0, 1e-300, -1e-12, 3e-9, -2e-8, 1e-4, -0.3, 0.5, -1, 2, -19, 25, -400, 1e6];
    compare(r.spec, { params: { A: 1, tau: 1 }, current: (i) => xs[i] }, xs.length, 20);
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

describe('generated LIF driven by synapse groups against the reference interpreter', () => {
  const dt = 0.1;
  // AMPA onto LIF through COBA (E = 0 mV): BrainPy's AMPA times (rise ~0.5 ms, decay 2 ms), g set in the 'synapses' phase
  const ampa: GroupCase = { output: { kind: 'conductance', E: 0 }, decay: 1, next: (s, i) => kinetic(0.012, 60, 0.5, 2, dt)(s, i) };
  // NMDA under MgBlock (E = 0 mV): the group multiplies its g by the block at V of the previous step
  const nmda: GroupCase = { output: { kind: 'conductance', E: 0 }, decay: 1, next: (s, i, _g, Vprev) => kinetic(0.01, 230, 2, 100, dt)(s, i) * mgBlockFraction(Vprev, MG) };
  // a plain Expon inhibitory conductance (E = -80 mV, tau 10 ms): increments added, the kernel decays
  const gabaExpon: GroupCase = { output: { kind: 'conductance', E: -80 }, decay: Math.exp(-dt / 10), next: (s, i, g) => g + ((s + 3 * i) % 97 === 0 ? 0.02 : 0) };
  // a plain Expon current (CUBA, tau 5 ms) and an Alpha-shaped current (decay 1)
  const cubaExpon: GroupCase = { output: { kind: 'current' }, decay: Math.exp(-dt / 5), next: (s, i, g) => g + ((s + 5 * i) % 41 === 0 ? 0.6 : 0) };
  const alpha: GroupCase = { output: { kind: 'current' }, decay: 1, next: (s, i) => alphaShape(0.3, 150, 5, dt)(s, i) };

  it('an AMPA group through COBA (decay 1, one conductance slot)', () => {
    expect(compareGroups([ampa], (i) => 1.3 + 0.03 * i)).toBeGreaterThan(20);
  });

  it('an NMDA group under MgBlock with a plain Expon current (two slots)', () => {
    expect(compareGroups([nmda, cubaExpon], (i) => 1.2 + 0.03 * i)).toBeGreaterThan(20);
  });

  it('three groups (summed into the two slots): AMPA, Expon GABA conductance, Expon current', () => {
    expect(compareGroups([ampa, gabaExpon, cubaExpon], (i) => 1.4 + 0.03 * i)).toBeGreaterThan(20);
  });

  it('four mixed groups: Expon current, NMDA under MgBlock, Alpha current, Expon GABA conductance', () => {
    expect(compareGroups([cubaExpon, nmda, alpha, gabaExpon], (i) => 1.3 + 0.03 * i)).toBeGreaterThan(20);
  });

  it('three current groups only (no conductance slot)', () => {
    expect(compareGroups([cubaExpon, alpha, { ...cubaExpon, decay: Math.exp(-dt / 2) }], (i) => 1.2 + 0.03 * i)).toBeGreaterThan(20);
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
