/**
 * STD from its spec: the catalogue entry saved projects were written against, the typed runtime
 * against the depression recursion EPSC_n = w x_n, x_{n+1} = 1 − (1 − x_n (1 − U)) e^{−Δ/τ}
 * (computed here), and the Brian2 export run by Brian2 against the runtime. The network runs on
 * both backends are in test/models/synapses/stp.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../catalog';
import { brian2Rule, DT, typedRule } from '../../../../../test/spec/plasticityRun';

const ir = { model: 'STD', params: { U: 0.3, tau: 150 }, choices: {} };
// irregular trains of two neurons (steps)
const PRE = [[3, 50, 60, 75, 400, 410, 900], [10, 20, 30, 40, 1500]];
const STEPS = 1600;

describe('STD (spec)', () => {
  it('derives the catalogue entry projects were saved against', () => {
    expect(getModel('plasticity', 'STD')).toEqual({
      family: 'plasticity', name: 'STD', title: 'Short-term depression',
      doc: 'Each presynaptic neuron has resources x that a spike transmits (w·x) and then depletes by the fraction U; x recovers to 1 with time constant tau. Fast trains therefore transmit less and less. (BrainPy transmits the already-depleted x, i.e. (1 − U) times this.)',
      equations: String.raw`\dot x = \frac{1 - x}{\tau};\ \text{spike: } \Delta g = w\,x,\ x \mathrel{-}= U x`,
      params: [
        { name: 'U', dim: 'dimensionless', default: 0.07, doc: 'Fraction of resources used per spike.', nonNegative: true, max: 1 },
        { name: 'tau', dim: 'time', default: '200 ms', doc: 'Recovery time constant of the resources.', positive: true },
      ],
      preset: { U: 0.2, tau: '200 ms' },
    });
  });

  it('transmits w·x_n of the depression recursion (1e-12 relative: double rounding only)', () => {
    const run = typedRule(ir, PRE, [[]], STEPS, 0.8);
    for (const train of PRE) {
      let x = 1;
      train.forEach((s, k) => {
        const i = PRE.indexOf(train);
        const got = run.dg[s][0];
        // both neurons never spike in one step here, so the arrival is this neuron's alone
        expect(PRE.filter((t) => t.includes(s)).length).toBe(1);
        expect(Math.abs(got - 0.8 * x) / (0.8 * x), `neuron ${i}, spike ${k}`).toBeLessThan(1e-12);
        if (k + 1 < train.length) x = 1 - (1 - x * (1 - 0.3)) * Math.exp(-((train[k + 1] - s) * DT) / 150);
      });
    }
  });

  it('its Brian2 export, run by Brian2, transmits the same (1e-9 relative: Brian2 sums g in one variable)', async () => {
    const ours = typedRule(ir, PRE, [[]], STEPS, 0.8);
    const theirs = await brian2Rule(ir, PRE, [[]], STEPS, 0.8);
    for (let s = 0; s < STEPS; s++) expect(Math.abs(theirs.dg[s][0] - ours.dg[s][0]), `step ${s}`).toBeLessThan(1e-9 * 0.8);
    expect(ours.dg[60][0]).toBeLessThan(0.8 * 0.8); // depressed
  }, 300_000);
});
