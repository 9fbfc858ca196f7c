/**
 * STP from its spec: the catalogue entry saved projects were written against, the typed runtime
 * against the Tsodyks–Markram recursion (computed here: u_1 = U, x_1 = 1,
 * u_{n+1} = U + u_n (1 − U) e^{−Δ/τf}, x_{n+1} = 1 − (1 − x_n + u_n x_n) e^{−Δ/τd}, EPSC = w u x),
 * and the Brian2 export run by Brian2 against the runtime. The network runs on both backends are
 * in test/models/synapses/stp.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../catalog';
import { brian2Rule, DT, typedRule } from '../../../../../test/spec/plasticityRun';

const U = 0.2;
const TAU_F = 100;
const TAU_D = 300;
const ir = { model: 'STP', params: { U, tau_f: TAU_F, tau_d: TAU_D }, choices: {} };
const PRE = [[30, 80, 95, 400, 410, 420, 2000], [5, 15, 25, 35, 45, 900]];
const STEPS = 2100;

describe('STP (spec)', () => {
  it('derives the catalogue entry projects were saved against', () => {
    expect(getModel('plasticity', 'STP')).toEqual({
      family: 'plasticity', name: 'STP', title: 'Short-term plasticity (Tsodyks–Markram)',
      doc: 'Each presynaptic neuron has a release fraction u (facilitation) and available resources x (depression). A spike first raises u by U·(1 − u), then transmits w·u·x and uses up u·x of the resources; between spikes u decays to 0 with tau_f and x recovers to 1 with tau_d. This is the Tsodyks–Markram recursion, so the first spike transmits U·w (BrainPy starts u at U and scales by the already-depleted x, which makes its first response differ from the paper).',
      equations: String.raw`\dot u = -\frac{u}{\tau_f},\ \dot x = \frac{1 - x}{\tau_d};\ \text{spike: } u \mathrel{+}= U(1-u),\ \Delta g = w\,u\,x,\ x \mathrel{-}= u\,x`,
      params: [
        { name: 'U', dim: 'dimensionless', default: 0.15, doc: 'Increment of u per spike (release probability at rest).', nonNegative: true, max: 1 },
        { name: 'tau_f', dim: 'time', default: '1500 ms', doc: 'Facilitation time constant: how long u stays raised.', positive: true },
        { name: 'tau_d', dim: 'time', default: '200 ms', doc: 'Depression time constant: how fast resources recover.', positive: true },
      ],
      preset: { U: 0.15, tau_f: '1500 ms', tau_d: '200 ms' },
    });
  });

  it('transmits w·u_n·x_n of the Tsodyks–Markram recursion (1e-12 relative: double rounding only)', () => {
    const run = typedRule(ir, PRE, [[]], STEPS, 0.8);
    PRE.forEach((train, i) => {
      let u = U;
      let x = 1;
      train.forEach((s, k) => {
        expect(PRE.filter((t) => t.includes(s)).length).toBe(1); // the arrival is this neuron's alone
        expect(Math.abs(run.dg[s][0] - 0.8 * u * x) / (0.8 * u * x), `neuron ${i}, spike ${k}`).toBeLessThan(1e-12);
        if (k + 1 < train.length) {
          const gap = (train[k + 1] - s) * DT;
          x = 1 - (1 - (x - u * x)) * Math.exp(-gap / TAU_D);
          u = U + u * (1 - U) * Math.exp(-gap / TAU_F);
        }
      });
    });
  });

  it('its Brian2 export, run by Brian2, transmits the same (1e-9 relative)', async () => {
    const ours = typedRule(ir, PRE, [[]], STEPS, 0.8);
    const theirs = await brian2Rule(ir, PRE, [[]], STEPS, 0.8);
    for (let s = 0; s < STEPS; s++) expect(Math.abs(theirs.dg[s][0] - ours.dg[s][0]), `step ${s}`).toBeLessThan(1e-9 * 0.8);
    expect(ours.dg[15][0]).toBeGreaterThan(ours.dg[5][0]); // facilitated
  }, 300_000);
});
