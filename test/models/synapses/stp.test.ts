/**
 * Tsodyks–Markram short-term plasticity on a projection: the increments a regular spike train
 * adds to an Expon synapse follow the TM recursion, computed here independently of the engine:
 *   EPSC_n = w u_n x_n,  u_{n+1} = U + u_n (1 − U) e^{−Δ/τf},  x_{n+1} = 1 − (1 − x_n + u_n x_n) e^{−Δ/τd},
 * with u_1 = U, x_1 = 1 (STD: u_n = U fixed and EPSC_n = w x_n).
 */
import { describe, expect, it } from 'vitest';

import { type BackendCase, BACKENDS } from '../../engine/backends';
import { arrivalStep, buildOk, recording, sourceDoc } from './helpers';

const dt = 0.1;
const tau = 2;
const w = 0.8;

function tmRecursion(n: number, interval: number, U: number, tauF: number, tauD: number): number[] {
  const out: number[] = [];
  let u = U;
  let x = 1;
  for (let k = 0; k < n; k++) {
    out.push(w * u * x);
    const xAfter = x - u * x;
    x = 1 - (1 - xAfter) * Math.exp(-interval / tauD);
    u = U + u * (1 - U) * Math.exp(-interval / tauF);
  }
  return out;
}

function stdRecursion(n: number, interval: number, U: number, tauD: number): number[] {
  const out: number[] = [];
  let x = 1;
  for (let k = 0; k < n; k++) {
    out.push(w * x);
    x = 1 - (1 - x * (1 - U)) * Math.exp(-interval / tauD);
  }
  return out;
}

/** The increments g received at each arrival: g[m] − g[m − 1]·e^{−dt/τ}. */
async function increments(b: BackendCase, times: number[], plasticity: Record<string, string | number>): Promise<number[]> {
  const steps = arrivalStep(times[times.length - 1]) + 5;
  const doc = sourceDoc(times, { steps, synapse: { model: 'Expon', tau: `${tau} ms` }, weight: `${w} nA`, plasticity });
  const g = (await b.make(recording(buildOk(doc), 'N', ['g']))).advance(steps).traces[0].values;
  const decay = Math.exp(-dt / tau);
  return times.map((t) => {
    const m = arrivalStep(t);
    return g[m] - (m > 0 ? g[m - 1] * decay : 0);
  });
}

describe.each(BACKENDS)('Tsodyks–Markram STP ($name)', (b) => {
  // typed: g is stored as float32 in a trace (relative spacing 6e-8) and the increment is a
  // difference of two such samples, the earlier decayed by e^{-Δ/τ} ≤ e^{-5}: 1e-6 relative.
  // tfjs: u and x decay step by step in float32 over thousands of steps: 1e-4 relative.
  const REL = b.float32 ? 1e-4 : 1e-6;

  for (const [name, U, tauF, tauD, interval] of [
    ['facilitating', 0.1, 500, 100, 20],
    ['depressing', 0.5, 20, 800, 25],
    ['BrainPy defaults', 0.15, 1500, 200, 50],
  ] as const) {
    it(`EPSC ratios of a regular train match the recursion (${name}: U ${U}, τf ${tauF} ms, τd ${tauD} ms, every ${interval} ms)`, async () => {
      const times = Array.from({ length: 12 }, (_, k) => 5 + k * interval);
      const got = await increments(b, times, { model: 'STP', U, tau_f: `${tauF} ms`, tau_d: `${tauD} ms` });
      const want = tmRecursion(times.length, interval, U, tauF, tauD);
      for (let k = 0; k < times.length; k++) {
        expect(Math.abs(got[k] - want[k]) / want[k]).toBeLessThan(REL);
        expect(Math.abs(got[k] / got[0] - want[k] / want[0])).toBeLessThan(2 * REL * (want[k] / want[0]));
      }
    });
  }

  it('an irregular train follows the same recursion with each interval', async () => {
    const times = [3, 8, 9.5, 40, 41, 42, 200];
    const got = await increments(b, times, { model: 'STP', U: 0.2, tau_f: '100 ms', tau_d: '300 ms' });
    let u = 0.2;
    let x = 1;
    for (let k = 0; k < times.length; k++) {
      expect(Math.abs(got[k] - w * u * x) / (w * u * x)).toBeLessThan(REL);
      if (k + 1 < times.length) {
        const gap = (Math.round(times[k + 1] / dt) - Math.round(times[k] / dt)) * dt;
        x = 1 - (1 - (x - u * x)) * Math.exp(-gap / 300);
        u = 0.2 + u * 0.8 * Math.exp(-gap / 100);
      }
    }
  });

  it('STD: EPSC_n = w x_n with x depleted by U per spike and recovering with tau', async () => {
    const times = Array.from({ length: 10 }, (_, k) => 2 + k * 10);
    const got = await increments(b, times, { model: 'STD', U: 0.3, tau: '150 ms' });
    const want = stdRecursion(times.length, 10, 0.3, 150);
    for (let k = 0; k < times.length; k++) expect(Math.abs(got[k] - want[k]) / want[k]).toBeLessThan(REL);
    expect(got[9] / got[0]).toBeLessThan(0.3);
  });
});

describe.each(BACKENDS)('STP details ($name)', (b) => {
  it('a delay shifts the depressed increments by whole steps without changing them', async () => {
    const times = [3, 13, 23, 33];
    const build1 = (delay?: string) =>
      recording(buildOk(sourceDoc(times, { steps: 500, synapse: { model: 'Expon', tau: '2 ms' }, weight: '1 nA', plasticity: { model: 'STD', U: 0.4, tau: '100 ms' }, ...(delay ? { delay } : {}) })), 'N', ['g']);
    const base = (await b.make(build1())).advance(500).traces[0].values;
    const late = (await b.make(build1('2.5 ms'))).advance(500).traces[0].values;
    for (let m = 0; m + 25 < 500; m++) expect(late[m + 25]).toBe(base[m]);
    expect(base[arrivalStep(13)]).toBeLessThan(0.7);
  });
});
