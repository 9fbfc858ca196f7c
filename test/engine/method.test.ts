/**
 * A population's integration method (document field `method`, shared/modelspec/method.ts): the
 * build checks it and carries it to the IR, and every kernel honours it. LIF with a COBA input
 * stepped by Euler against the closed-form one-step Euler update computed here by hand, on the
 * generated WebAssembly kernel (typed backend), the JavaScript spec kernel and tfjs.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/engine/build';
import type { PopulationIR } from '../../src/engine/ir';
import type { Drive } from '../../src/engine/backends/typed/kernels';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { getBundledNeuronModel } from '../../src/shared/modelspec/registry';
import { withMethod } from '../../src/shared/modelspec/method';
import type { DocumentInput } from '../../src/shared/document';
import { BACKENDS } from './backends';
import { coba, expon, lif, network, scalar, spikeTimes } from './fixtures';

const dt = 0.1;
const oneToOne = { rule: 'one_to_one', allowSelf: true };
/** LIF parameters of the COBA benchmark (R = 1/gL = 100 MΩ) and a start below rest. */
const P = { V_rest: -60, tau: 20, R: 100, V0: -55 };
/** 6 nS, the benchmark's excitatory weight, µS. */
const W = 0.006;
const E_REV = 0;

/** tau dV/dt = -(V - V_rest) + R g (E - V), one forward-Euler step from v with conductance g (µS). */
const eulerStep = (v: number, g: number): number => v + (dt / P.tau) * (-(v - P.V_rest) + P.R * g * (E_REV - v));
/** The midpoint (RK2) step of the same equation, g held over the step. */
const rk2Step = (v: number, g: number): number => {
  const f = (x: number): number => (-(x - P.V_rest) + P.R * g * (E_REV - x)) / P.tau;
  return v + dt * f(v + (dt / 2) * f(v));
};
/** The exact step (the spec's own scheme, "auto"): V_inf + (V - V_inf) e^{-dt (1 + R g)/tau}. */
const exactStep = (v: number, g: number): number => {
  const leak = 1 + P.R * g;
  const vinf = (P.V_rest + P.R * g * E_REV) / leak;
  return vinf + (v - vinf) * Math.exp((-dt * leak) / P.tau);
};

function cobaNet(method?: PopulationIR['method']) {
  const post = lif('N', { V_rest: P.V_rest, V_th: 1e9, tau: P.tau, R: P.R, V0: scalar(P.V0) });
  return network({
    steps: 3,
    populations: [spikeTimes('src', 1, [0]), method ? { ...post, method } : post],
    projections: [{ id: 'p', pre: 'src', post: 'N', conn: oneToOne, weight: scalar(W), synapse: expon(5), output: coba(E_REV) }],
  });
}

describe.each(BACKENDS)('integration method of a LIF population with a COBA input ($name)', (b) => {
  // The spike at t = 0 reaches g in step 1 (SEMANTICS.md); g decays exactly in every method.
  const gOf = [0, W, W * Math.exp(-dt / 5)];
  for (const [method, step] of [['euler', eulerStep], ['rk2', rk2Step], [undefined, exactStep]] as const) {
    it(`${method ?? 'auto'}: three steps equal the hand-computed ${method ?? 'exact'} update`, async () => {
      const run = await b.make(cobaNet(method));
      let v = P.V0;
      for (let s = 0; s < 3; s++) {
        run.advance(1);
        v = step(v, gOf[s]);
        expect(run.readVariable('N', 'V')[0], `step ${s}`).toBeCloseTo(v, b.digits(12));
      }
    });
  }

  it('Euler and the exact step differ by more than the tolerance (the check can fail)', () => {
    // (V - V_inf)·z²/2 with z = dt(1 + R g)/tau: about 5e-4 mV, above tfjs's 5e-5
    expect(Math.abs(eulerStep(P.V0, W) - exactStep(P.V0, W))).toBeGreaterThan(1e-4);
  });
});

describe('integration method on the JavaScript spec kernel (no WebAssembly)', () => {
  it('euler: three steps of LIF with a conductance equal the hand-computed Euler update', () => {
    const model = getBundledNeuronModel('LIF');
    if (!model) throw new Error('no LIF spec');
    const pop: PopulationIR = { ...lif('N', { V_rest: P.V_rest, V_th: 1e9, tau: P.tau, R: P.R, V0: scalar(P.V0) }), index: 0, method: 'euler' };
    const kernel = specKernelFactory(model)(pop, { dt, seed: 1, arena: null });
    const g = new Float64Array(1);
    const drive: Drive = { iext: new Float64Array(1), groups: [{ g, decay: 1, output: { kind: 'conductance', E: E_REV } }], current: null, delta: null };
    const out = new Int32Array(1);
    let v = P.V0;
    for (const [s, gs] of [0, W, 0.5 * W].entries()) {
      g[0] = gs;
      kernel.update(s, drive, out);
      v = eulerStep(v, gs);
      expect((kernel.variable('V') as Float64Array)[0], `step ${s}`).toBeCloseTo(v, 12);
    }
  });

  it('withMethod sets every state and keeps "auto" as the spec itself, the same object for the same method', () => {
    const spec = getBundledNeuronModel('HH')?.spec;
    if (!spec) throw new Error('no HH spec');
    expect(withMethod(spec, 'auto')).toBe(spec);
    expect(withMethod(spec, undefined)).toBe(spec);
    expect(withMethod(spec, 'rk4').states.map((s) => s.scheme)).toEqual(spec.states.map(() => 'rk4'));
    expect(withMethod(spec, 'rk4')).toBe(withMethod(spec, 'rk4'));
  });
});

describe('the method field in the build', () => {
  const doc = (method: unknown, population: Record<string, unknown> = {}, dtText = '0.1 ms'): DocumentInput => ({
    simulation: { dt: dtText, duration: '10 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'src', kind: 'population', model: 'Poisson', size: 2, params: { rate: '10 Hz' } },
      { id: 'E', kind: 'population', model: 'LIF', size: 2, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' }, ...(method === undefined ? {} : { method }), ...population },
    ],
    wires: [],
  } as DocumentInput);

  it('absent and "auto" leave the IR without a method; a method reaches the population IR', () => {
    expect(build(doc(undefined)).ir?.populations[1].method).toBeUndefined();
    expect(build(doc('auto')).ir?.populations[1].method).toBeUndefined();
    expect(build(doc('rk4')).ir?.populations[1].method).toBe('rk4');
  });

  it('refuses a value outside the list at the field, naming the node', () => {
    const r = build(doc('rk3'));
    expect(r.ir).toBeNull();
    const p = r.problems.find((x) => x.field === 'method');
    expect(p).toMatchObject({ code: 'bad_value', severity: 'error', nodeId: 'E', path: 'nodes[1].method' });
    expect(p?.message).toContain('"rk3"');
    expect(p?.message).toContain('"exponential_euler"');
  });

  it('refuses a method on a spike source, which has no equations', () => {
    const r = build({ ...doc(undefined), nodes: [{ id: 'src', kind: 'population', model: 'Poisson', size: 2, params: { rate: '10 Hz' }, method: 'euler' }] } as DocumentInput);
    expect(r.ir).toBeNull();
    expect(r.problems.find((x) => x.field === 'method')).toMatchObject({ code: 'unsupported', nodeId: 'src' });
  });

  it('refuses Euler where dt·|J| exceeds its stability limit (LIF: J = -1/tau), and takes exponential Euler there', () => {
    // tau = 0.04 ms at dt = 0.1 ms: dt/tau = 2.5 > 2 (Euler and RK2), < 2.785 (RK4)
    const fast = { params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '0.04 ms', R: '10 MOhm' } };
    for (const method of ['euler', 'rk2']) {
      const r = build(doc(method, fast));
      expect(r.ir, method).toBeNull();
      const p = r.problems.find((x) => x.field === 'method');
      expect(p, method).toMatchObject({ code: 'unstable_method', severity: 'error', nodeId: 'E', path: 'nodes[1].method' });
      expect(p?.message).toContain('dt ≤ 80 µs'); // the largest stable dt, 2·tau = 0.08 ms
    }
    expect(build(doc('rk4', fast)).ir?.populations[1].method).toBe('rk4');
    expect(build(doc('exponential_euler', fast)).ir?.populations[1].method).toBe('exponential_euler');
    // 1.9 steps per tau is inside Euler's region
    expect(build(doc('euler', fast, '0.076 ms')).ir?.populations[1].method).toBe('euler');
  });
});
