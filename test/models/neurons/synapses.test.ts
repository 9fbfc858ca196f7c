/**
 * The model-library neurons read synaptic input like the LIF does (SEMANTICS.md steps 3-5): one
 * spike at 1 ms through an Expon synapse, current-based (CUBA) or conductance-based (COBA), into
 * an ExpIF whose exponential term is switched off (V_T far above). The equation is then linear,
 * exponential Euler is exact for the g of each step, and V follows
 *   V <- V_inf + (V - V_inf) e^{-dt (1 + R g)/tau},  V_inf = (V_rest + R (I_cuba + g E)) / (1 + R g)
 * with g(t) = w e^{-(t - t_spike)/tau_s} checked sample by sample as well.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../engine/backends';
import { coba, cuba, expon, network, scalar, spikeTimes } from '../../engine/fixtures';
import { neurons, run } from './helpers';

const P = { R: 10, tau: 10, V_th: -30, V_reset: -68, V_rest: -65, V_T: 1000, delta_T: 1 };
const TAU_S = 5;
const DT = 0.1;
const STEPS = 300;

describe.each(BACKENDS)('synaptic input into model-library neurons ($name)', (b) => {
  it.each([
    { output: 'CUBA', w: 0.5, E: 0 },
    { output: 'COBA', w: 0.05, E: 0 },
  ])('$output: g decays as w e^{-t/tau_s} and V follows the exact linear response', async ({ output, w, E }) => {
    const ir = network({
      dt: DT,
      steps: STEPS,
      populations: [spikeTimes('S', 1, [1]), neurons('N', 'ExpIF', P, { init: { V: P.V_rest }, reset: 'hard' })],
      projections: [{ id: 'P', pre: 'S', post: 'N', conn: { rule: 'all_to_all', allowSelf: true }, weight: scalar(w), synapse: expon(TAU_S), output: output === 'CUBA' ? cuba : coba(E) }],
      monitors: [{ id: 'st', record: 'state', population: 'N', variables: ['V', 'g'], neurons: [0] }],
    });
    const { traces } = await run(b, ir);
    const g = traces.g;
    const V = traces.V;
    const first = g.findIndex((x) => x > 0);
    expect(first).toBeGreaterThan(0);
    let v = P.V_rest;
    let maxErr = 0;
    for (let s = 0; s < STEPS; s++) {
      const gs = s < first ? 0 : w * Math.exp((-(s - first) * DT) / TAU_S);
      expect(g[s]).toBeCloseTo(gs, b.digits(6));
      const leak = output === 'COBA' ? 1 + P.R * gs : 1;
      const vinf = (P.V_rest + P.R * (output === 'COBA' ? gs * E : gs)) / leak;
      v = vinf + (v - vinf) * Math.exp((-DT * leak) / P.tau);
      maxErr = Math.max(maxErr, Math.abs(V[s] - v));
    }
    expect(Math.max(...V) - P.V_rest).toBeGreaterThan(1); // the PSP is visible
    // Traces are stored as float32 (spacing 7.6e-6 mV near 65 mV): typed is exact up to that
    // rounding; tfjs also computes in float32 (the suite's 5e-5 mV).
    expect(maxErr).toBeLessThan(b.float32 ? 5e-5 : 8e-6);
  }, 60_000);
});

describe('voltage jumps (Delta projections) into model-library neurons (typed; tfjs has no Delta yet)', () => {
  it.each(['ExpIF', 'ALIF'])('%s: V jumps by w in the arrival step, then relaxes with tau', async (model) => {
    const w = 2;
    const params = model === 'ALIF' ? { R: 10, tau: 10, tau_a: 100, V_th: -30, V_reset: -68, V_rest: -65, beta: 1 } : P;
    const ir = network({
      dt: DT,
      steps: 40,
      populations: [spikeTimes('S', 1, [1]), neurons('N', model, params, { init: { V: -65 }, reset: 'hard' })],
      projections: [{ id: 'P', pre: 'S', post: 'N', conn: { rule: 'all_to_all', allowSelf: true }, weight: scalar(w), synapse: { model: 'Delta', params: {} }, output: cuba }],
      monitors: [{ id: 'st', record: 'state', population: 'N', variables: ['V'], neurons: [0] }],
    });
    const { traces } = await run(BACKENDS[0], ir);
    const V = traces.V;
    const jump = V.findIndex((v) => v > -65 + 1e-6);
    // the spike of step 10 (t = 1 ms) arrives in step 11 (SEMANTICS.md: changes V during the next step)
    expect(jump).toBe(11);
    expect(V[jump] + 65).toBeCloseTo(w, 5);
    for (let s = jump + 1; s < 40; s++) expect(V[s] + 65).toBeCloseTo(w * Math.exp((-(s - jump) * DT) / 10), 5);
  });
});
