/**
 * STDP from its spec: the catalogue entry saved projects were written against, and the weights
 * the typed runtime learns from irregular pre and post trains (many overlapping pairs, both
 * bounds) against the rule's Brian2 export run by Brian2 on the same trains. The pair window
 * against its closed form, on both backends, is test/models/synapses/stdp.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../catalog';
import { brian2Rule, typedRule } from '../../../../../test/spec/plasticityRun';

/** Spike steps of `n` neurons, each a fixed pseudo-random train (a linear congruential sequence, no Math.random). */
function trains(n: number, steps: number, every: number, seed: number): number[][] {
  let r = seed;
  const next = (): number => (r = (r * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => {
    const out: number[] = [];
    for (let s = Math.floor(next() * every); s < steps; s += 1 + Math.floor(next() * 2 * every)) out.push(s);
    return out;
  });
}

const STEPS = 3000;
const PRE = trains(4, STEPS, 120, 7);
const POST = trains(3, STEPS, 150, 99);

describe('STDP (spec)', () => {
  it('derives the catalogue entry projects were saved against', () => {
    const e = getModel('plasticity', 'STDP');
    expect(e?.params).toEqual([
      { name: 'tau_plus', dim: 'time', default: '16.8 ms', doc: 'Width of the potentiation window (pre before post).', positive: true },
      { name: 'tau_minus', dim: 'time', default: '33.7 ms', doc: 'Width of the depression window (post before pre).', positive: true },
      { name: 'A_plus', dim: 'dimensionless', default: 0.01, doc: 'Largest potentiation per pair, as a fraction of w_max.', nonNegative: true },
      { name: 'A_minus', dim: 'dimensionless', default: 0.0105, doc: 'Largest depression per pair, as a fraction of w_max.', nonNegative: true },
      { name: 'w_min', dim: 'conductance', default: 0, doc: 'Lower weight bound, in the unit of the weight.' },
      { name: 'w_max', dim: 'conductance', doc: 'Upper weight bound, in the unit of the weight (e.g. "1 nA" with CUBA, "10 nS" with COBA).' },
    ]);
    expect(e?.choices).toEqual([{ name: 'bound', choices: ['hard', 'soft'], default: 'hard', doc: 'hard: clip w to [w_min, w_max]; soft: changes shrink as w nears a bound.' }]);
    expect(e?.preset).toEqual({ w_max: '1 nA', bound: 'hard' });
    expect(e?.title).toBe('Spike-timing-dependent plasticity');
  });

  for (const bound of ['hard', 'soft']) {
    it(`${bound} bounds: the weights it learns equal those of its Brian2 export run by Brian2 (1e-9 of w_max)`, async () => {
      // large amplitudes so that hard bounds clip within the run
      const ir = { model: 'STDP', params: { tau_plus: 16.8, tau_minus: 33.7, A_plus: 0.2, A_minus: 0.21, w_min: 0.1, w_max: 1 }, choices: { bound } };
      expect(PRE.every((t) => t.length > 10) && POST.every((t) => t.length > 10)).toBe(true);
      const ours = typedRule(ir, PRE, POST, STEPS, 0.5);
      const theirs = await brian2Rule(ir, PRE, POST, STEPS, 0.5);
      let moved = 0;
      for (let i = 0; i < PRE.length; i++) {
        for (let j = 0; j < POST.length; j++) {
          expect(Math.abs(ours.w[i][j] - theirs.w[i][j]), `w ${i}->${j}`).toBeLessThan(1e-9);
          moved = Math.max(moved, Math.abs(ours.w[i][j] - 0.5));
        }
      }
      expect(moved).toBeGreaterThan(0.05);
    }, 300_000);
  }
});
