/** DualExpon and Alpha against their closed-form kernels (response to spikes), on every backend. */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../engine/backends';
import { arrivalStep, buildOk, recording, sourceDoc } from './helpers';

const dt = 0.1;
const steps = 800;
const w = 0.5;

/** Alpha: one spike of weight w arriving at t0 gives w (t − t0)/tau e^{−(t − t0)/tau}. */
const alpha = (t: number, tau: number): number => (t <= 0 ? 0 : w * (t / tau) * Math.exp(-t / tau));

/** BrainPy's DualExpon: w a (e^{−t/τd} − e^{−t/τr}), a = (τd − τr)/(τr τd) · A, A normalising the bracket's peak to 1. */
function dualExpon(t: number, tr: number, td: number): number {
  if (t < 0) return 0;
  const tPeak = ((tr * td) / (td - tr)) * Math.log(td / tr);
  const peak = Math.exp(-tPeak / td) - Math.exp(-tPeak / tr);
  const a = ((td - tr) / (tr * td)) / peak;
  return w * a * (Math.exp(-t / td) - Math.exp(-t / tr));
}

const times = [2, 5.5, 6, 30.2, 31, 52];

describe.each(BACKENDS)('closed-form synapse kernels ($name)', (b) => {
  // typed: float64 propagators, the trace stored as float32 (relative spacing 6e-8) -> 1e-6.
  // tfjs: float32 arithmetic over hundreds of steps -> 1e-4 relative (issue 7), above 1e-3 of the peak.
  const rel = b.float32 ? 1e-4 : 1e-6;

  const check = async (synapse: Record<string, string>, kernel: (t: number) => number): Promise<number> => {
    const ir = recording(buildOk(sourceDoc(times, { steps, synapse, weight: `${w} nA` })), 'N', ['g']);
    const trace = (await b.make(ir)).advance(steps).traces[0];
    let peak = 0;
    for (let m = 0; m < steps; m++) {
      peak = Math.max(peak, Math.abs(trace.values[m]));
    }
    let checked = 0;
    for (let m = 0; m < steps; m++) {
      let expected = 0;
      for (const t of times) expected += kernel((m - arrivalStep(t)) * dt);
      if (expected === 0) {
        expect(trace.values[m]).toBe(0);
        continue;
      }
      if (b.float32 && Math.abs(expected) < 1e-3 * peak) continue;
      expect(Math.abs(trace.values[m] - expected) / Math.abs(expected)).toBeLessThan(rel);
      checked++;
    }
    return checked;
  };

  it('Alpha: g = Σ w (t − t_k)/tau e^{−(t − t_k)/tau} at every sample', async () => {
    expect(await check({ model: 'Alpha', tau: '5 ms' }, (t) => alpha(t, 5))).toBeGreaterThan(700);
  });

  it('Alpha peaks at w/e one tau after a single spike', async () => {
    const ir = recording(buildOk(sourceDoc([1], { steps: 200, synapse: { model: 'Alpha', tau: '4 ms' }, weight: `${w} nA` })), 'N', ['g']);
    const g = Array.from((await b.make(ir)).advance(200).traces[0].values);
    const top = g.indexOf(Math.max(...g));
    expect(top).toBe(arrivalStep(1) + 40);
    expect(g[top]).toBeCloseTo(w / Math.E, b.digits(6));
  });

  it('DualExpon: g = Σ w a (e^{−t/τd} − e^{−t/τr}) with BrainPy\'s normalisation, at every sample', async () => {
    expect(await check({ model: 'DualExpon', tau_rise: '1 ms', tau_decay: '10 ms' }, (t) => dualExpon(t, 1, 10))).toBeGreaterThan(700);
    expect(await check({ model: 'DualExpon', tau_rise: '3 ms', tau_decay: '2 ms' }, (t) => dualExpon(t, 3, 2))).toBeGreaterThan(300);
  });

  it('DualExpon with the default time constants peaks at w·(τd − τr)/(τr τd) = 0.9 w /ms', async () => {
    const ir = recording(buildOk(sourceDoc([0], { steps: 300, synapse: { model: 'DualExpon' }, weight: `${w} nA` })), 'N', ['g']);
    const g = (await b.make(ir)).advance(300).traces[0].values;
    const tPeak = ((1 * 10) / 9) * Math.log(10);
    expect(Math.max(...g)).toBeLessThanOrEqual(0.9 * w * (1 + 1e-6));
    // the sampled peak lies within one step of the continuous one
    expect(Math.max(...g)).toBeGreaterThan(dualExpon(tPeak + dt, 1, 10) * (1 - 1e-4));
  });
});

describe.each(BACKENDS)('multi-variable synapses share groups like Expon ($name)', (b) => {
  it('two DualExpon projections with equal parameters share one group whose g is the sum; delays shift by whole steps', async () => {
    const doc = sourceDoc([2, 9], { steps: 300, synapse: { model: 'DualExpon', tau_rise: '2 ms', tau_decay: '6 ms' }, weight: '0.4 nA' });
    doc.nodes.push({ ...(doc.nodes[2] as object), id: 'p2', weight: '0.7 nA', delay: '1.2 ms' } as (typeof doc.nodes)[number]);
    doc.wires!.push({ from: 'src', to: 'p2' }, { from: 'p2', to: 'N' });
    const ir = recording(buildOk(doc), 'N', ['g']);
    expect(ir.synapseGroups.length).toBe(1);
    const run = await b.make(ir);
    expect(run.groupCount).toBe(1);
    const g = run.advance(300).traces[0].values;
    const rel = b.float32 ? 1e-4 : 1e-6;
    for (let m = 0; m < 300; m++) {
      let want = 0;
      for (const t of [2, 9]) {
        want += (0.4 / w) * dualExpon((m - arrivalStep(t)) * dt, 2, 6);
        want += (0.7 / w) * dualExpon((m - arrivalStep(t, dt, 12)) * dt, 2, 6);
      }
      if (want === 0) expect(g[m]).toBe(0);
      else if (!b.float32 || want > 1e-3) expect(Math.abs(g[m] - want) / want).toBeLessThan(rel);
    }
  });
});
