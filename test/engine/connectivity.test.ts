/** Statistics of every connectivity rule; each bound is stated next to its reason. */
import { describe, expect, it } from 'vitest';
import { connect, type Csr } from '../../src/engine/connectivity';
import { streamFor } from '../../src/engine/random';
import type { ConnIR } from '../../src/engine/ir';

const rng = (key: string) => streamFor(7, 'conn', key);
const rowLengths = (c: Csr): number[] => Array.from({ length: c.nPre }, (_, i) => c.rowPtr[i + 1] - c.rowPtr[i]);
const selfCount = (c: Csr): number => {
  let n = 0;
  for (let i = 0; i < c.nPre; i++) for (let e = c.rowPtr[i]; e < c.rowPtr[i + 1]; e++) if (c.col[e] === i) n++;
  return n;
};
const conn = (rule: string, extra: Partial<ConnIR> = {}): ConnIR => ({ rule, allowSelf: true, ...extra });

describe('connectivity', () => {
  it('fixed_prob gives every pre neuron exactly floor(n_post·p) targets, uniform over posts', () => {
    const c = connect(conn('fixed_prob', { p: 0.1 }), 1000, 2000, false, rng('fp'));
    expect(new Set(rowLengths(c))).toEqual(new Set([200]));
    expect(c.col.every((j) => j >= 0 && j < 2000)).toBe(true);
    // Targets drawn with replacement: each post gets Binomial(200000, 1/2000) ≈ 100 ± 10;
    // the mean of the lower and upper halves must agree within 4σ of a half-sum (σ ≈ 1.4 per post mean).
    const counts = new Float64Array(2000);
    for (const j of c.col) counts[j]++;
    const lo = counts.slice(0, 1000).reduce((a, b) => a + b) / 1000;
    const hi = counts.slice(1000).reduce((a, b) => a + b) / 1000;
    expect(Math.abs(lo - hi)).toBeLessThan(4 * Math.sqrt(2 * 100 / 1000));
  });

  it('fixed_prob repairs binary rounding of n·p (0.29 · 100 = 28.999999999999996 -> 29)', () => {
    const c = connect(conn('fixed_prob', { p: 0.29 }), 3, 100, false, rng('round'));
    expect(rowLengths(c)).toEqual([29, 29, 29]);
  });

  it('no self connections when they are switched off on one population', () => {
    for (const rule of ['fixed_prob', 'bernoulli', 'fixed_indegree', 'fixed_outdegree', 'all_to_all']) {
      const c = connect(conn(rule, { p: 0.3, k: 30, allowSelf: false }), 200, 200, true, rng(rule));
      expect(c.col.length).toBeGreaterThan(0);
      expect(selfCount(c)).toBe(0);
    }
    // Allowed: fixed_prob with p = 0.5 on 200 neurons draws 100 targets with replacement per row,
    // so about 100 of the 20000 synapses are self connections; zero would be a bug.
    expect(selfCount(connect(conn('fixed_prob', { p: 0.5 }), 200, 200, true, rng('self')))).toBeGreaterThan(50);
  });

  it('bernoulli: synapse count within 4σ of n_pre·n_post·p, no duplicates, rows sorted', () => {
    const nPre = 2000;
    const nPost = 3000;
    const p = 0.02;
    const c = connect(conn('bernoulli', { p }), nPre, nPost, false, rng('bern'));
    const mean = nPre * nPost * p;
    const sd = Math.sqrt(mean * (1 - p));
    expect(Math.abs(c.col.length - mean)).toBeLessThan(4 * sd);
    let unsorted = 0;
    for (let i = 0; i < nPre; i++) for (let e = c.rowPtr[i] + 1; e < c.rowPtr[i + 1]; e++) if (c.col[e] <= c.col[e - 1]) unsorted++;
    expect(unsorted).toBe(0);
    // Per-row counts are Binomial(3000, 0.02): variance of row lengths ≈ 58.8; 4σ bound on the
    // sample variance of 2000 rows (σ ≈ 58.8·sqrt(2/2000) ≈ 1.9) is ±7.6.
    const rows = rowLengths(c);
    const m = rows.reduce((a, b) => a + b) / nPre;
    const v = rows.reduce((a, b) => a + (b - m) ** 2, 0) / (nPre - 1);
    expect(Math.abs(v - nPost * p * (1 - p))).toBeLessThan(7.6);
  });

  it('bernoulli with p = 0 and p = 1', () => {
    expect(connect(conn('bernoulli', { p: 0 }), 50, 60, false, rng('b0')).col.length).toBe(0);
    expect(connect(conn('bernoulli', { p: 1 }), 50, 60, false, rng('b1')).col.length).toBe(3000);
  });

  it('fixed_indegree gives every post neuron exactly k sources; fixed_outdegree every pre exactly k targets', () => {
    const ind = connect(conn('fixed_indegree', { k: 25 }), 500, 300, false, rng('in'));
    const counts = new Int32Array(300);
    for (const j of ind.col) counts[j]++;
    expect(new Set(counts)).toEqual(new Set([25]));
    const out = connect(conn('fixed_outdegree', { k: 25 }), 500, 300, false, rng('out'));
    expect(new Set(rowLengths(out))).toEqual(new Set([25]));
  });

  it('all_to_all and one_to_one', () => {
    expect(connect(conn('all_to_all'), 30, 40, false, rng('a')).col.length).toBe(1200);
    expect(connect(conn('all_to_all', { allowSelf: false }), 30, 30, true, rng('a')).col.length).toBe(870);
    const o = connect(conn('one_to_one'), 50, 50, false, rng('o'));
    expect(Array.from(o.col)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(rowLengths(o).every((n) => n === 1)).toBe(true);
    expect(() => connect(conn('one_to_one'), 50, 51, false, rng('o'))).toThrow(/same size/);
  });

  it('is a pure function of the stream: same key same network, other key other network', () => {
    const a = connect(conn('bernoulli', { p: 0.05 }), 300, 300, false, streamFor(1, 'conn', 'E->I'));
    const b = connect(conn('bernoulli', { p: 0.05 }), 300, 300, false, streamFor(1, 'conn', 'E->I'));
    const c = connect(conn('bernoulli', { p: 0.05 }), 300, 300, false, streamFor(1, 'conn', 'E->E'));
    const same = (x: Int32Array, y: Int32Array): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
    expect(same(b.col, a.col) && same(b.rowPtr, a.rowPtr)).toBe(true);
    expect(same(c.col, a.col)).toBe(false);
  });

  it('draws the same networks as before the RNG drew in bulk (hashes recorded from the one-int()-per-draw code)', () => {
    const hash = (a: Int32Array): number => a.reduce((h, v) => (Math.imul(h, 31) + v) | 0, 0);
    const expected: Record<string, [number, number, number]> = {
      fixed_indegree: [200, -2110087980, -1959431133],
      fixed_prob: [480, -2095420511, 230719216],
      fixed_outdegree: [200, 1639158460, -1693436700],
    };
    for (const [rule, [count, colHash, rowHash]] of Object.entries(expected)) {
      const c = connect({ rule, k: 5, p: 0.3 } as ConnIR, 40, 40, true, streamFor(3, 'conn', rule));
      expect([c.col.length, hash(c.col), hash(c.rowPtr)], rule).toEqual([count, colHash, rowHash]);
    }
  });

  it('refuses an unknown rule with a readable message', () => {
    expect(() => connect(conn('small_world'), 3, 3, false, rng('x'))).toThrow(/no connectivity rule "small_world"/);
  });
});
