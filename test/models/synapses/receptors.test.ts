/**
 * Kinetic receptors and the magnesium block: AMPA / GABAa against the closed-form response to a
 * square transmitter pulse, the MgBlock I–V curve against its formula, NMDA's slow, saturating
 * response, and the per-presynaptic-neuron state (AlignPreProj) that keeps them in their own group.
 */
import { describe, expect, it } from 'vitest';

import { build } from '../../../src/engine/build';
import { BACKENDS } from '../../engine/backends';
import { buildOk, recording, sourceDoc, typed } from './helpers';

const dt = 0.1;

/** g_pre(t) for dg/dt = α T (1 − g) − β g with T on for [0, T_dur] after a spike at t = 0 (rates per ms). */
function kinetic(t: number, alpha: number, beta: number, T: number, tDur: number): number {
  const k = alpha * T + beta;
  const gOn = (alpha * T) / k;
  if (t <= 0) return 0;
  if (t <= tDur + 1e-12) return gOn * (1 - Math.exp(-k * t));
  return gOn * (1 - Math.exp(-k * tDur)) * Math.exp(-beta * (t - tDur));
}

/** Jahr & Stevens (1990) as parametrised in BrainPy's MgBlock. */
const unblocked = (V: number, ccMg = 1.2, beta = 3.57, alpha = 0.062, offset = 0): number => 1 / (1 + (ccMg / beta) * Math.exp(alpha * (offset - V)));

describe.each(BACKENDS)('kinetic receptor response ($name)', (b) => {
  // typed: float64, g stored as float32 -> 1e-6; tfjs: float32 arithmetic -> 1e-4 (above 1e-3 of the peak)
  const rel = b.float32 ? 1e-4 : 1e-6;
  for (const [model, alpha, beta, T, tDur] of [['AMPA', 0.98, 0.18, 0.5, 0.5], ['GABAa', 0.53, 0.18, 1, 1]] as const) {
    it(`${model}: g follows the square-pulse solution with BrainPy's defaults`, async () => {
      const tSpike = 4;
      const w = 0.002; // 2 nS in µS
      const steps = 400;
      const doc = sourceDoc([tSpike], { steps, synapse: { model }, output: { model: 'COBA', E: model === 'AMPA' ? '0 mV' : '-80 mV' }, weight: '2 nS' });
      const g = (await b.make(recording(buildOk(doc), 'N', ['g']))).advance(steps).traces[0].values;
      const spikeStep = Math.round(tSpike / dt);
      const peak = w * kinetic(tDur, alpha, beta, T, tDur);
      let checked = 0;
      for (let m = 0; m < steps; m++) {
        const want = w * kinetic((m - spikeStep) * dt, alpha, beta, T, tDur);
        if (want === 0) {
          expect(g[m]).toBe(0);
          continue;
        }
        if (b.float32 && want < 1e-3 * peak) continue;
        expect(Math.abs(g[m] - want) / want).toBeLessThan(rel);
        checked++;
      }
      expect(checked).toBeGreaterThan(b.float32 ? 150 : 300);
    });
  }

  it('delays shift the response by whole steps', async () => {
    const run = async (delay?: string): Promise<ArrayLike<number>> => {
      const doc = sourceDoc([2], { steps: 200, synapse: { model: 'AMPA' }, output: { model: 'COBA' }, weight: '1 nS', ...(delay ? { delay } : {}) });
      return (await b.make(recording(buildOk(doc), 'N', ['g']))).advance(200).traces[0].values;
    };
    const base = await run();
    const late = await run('1.5 ms');
    for (let m = 0; m + 15 < 200; m++) expect(late[m + 15]).toBe(base[m]);
  });
});

describe('kinetic receptors (typed)', () => {

  it('AMPA saturates: two spikes 0.2 ms apart open less than twice the fraction of one', async () => {
    const peak = async (times: number[]): Promise<number> => {
      const doc = sourceDoc(times, { steps: 100, synapse: { model: 'AMPA', alpha: '5 /ms' }, output: { model: 'COBA' }, weight: '1 uS' });
      return Math.max(...(typed(recording(buildOk(doc), 'N', ['g']))).advance(100).traces[0].values);
    };
    const one = await peak([1]);
    const two = await peak([1, 1.2]);
    expect(two).toBeGreaterThan(one);
    expect(two).toBeLessThan(1.5 * one);
    expect(two).toBeLessThanOrEqual(1);
  });

  it('kinetic synapses keep one group per projection (state per presynaptic neuron)', () => {
    const doc = sourceDoc([1], { steps: 10, synapse: { model: 'AMPA' }, output: { model: 'COBA' }, weight: '1 nS' });
    const p = doc.nodes[2];
    doc.nodes.push({ ...p, id: 'p2' });
    doc.wires!.push({ from: 'src', to: 'p2' }, { from: 'p2', to: 'N' });
    expect(buildOk(doc).synapseGroups.length).toBe(2);
    const expon = sourceDoc([1], { steps: 10, synapse: { model: 'Expon' } });
    expon.nodes.push({ ...expon.nodes[2], id: 'p2' });
    expon.wires!.push({ from: 'src', to: 'p2' }, { from: 'p2', to: 'N' });
    expect(buildOk(expon).synapseGroups.length).toBe(1);
  });

  it('STP on a kinetic synapse is refused with a reason', () => {
    const { ir, problems } = build(sourceDoc([1], { steps: 10, synapse: { model: 'AMPA' }, output: { model: 'COBA' }, weight: '1 nS', plasticity: { model: 'STP' } }));
    expect(ir).toBeNull();
    expect(problems.find((p) => p.code === 'unsupported')?.path).toBe('nodes[2].plasticity.model');
  });
});

const n = 141;

/** n silent neurons held at V = −100..40 mV (a huge tau) receiving one spike through `synapse` and MgBlock. */
function ivDoc(synapse: Record<string, string>) {
  const doc = sourceDoc([1], {
    steps: 400, size: n, synapse, output: { model: 'MgBlock', E: '0 mV' }, weight: '1 nS',
    conn: { rule: 'all_to_all' }, V0: { dist: 'linspace', from: '-100 mV', to: '40 mV' } as unknown as Record<string, string>,
  });
  (doc.nodes[1] as { params: Record<string, string> }).params.tau = '1e9 ms';
  return doc;
}

describe.each(BACKENDS)('MgBlock I–V curve ($name)', (b) => {
  for (const synapse of [{ model: 'NMDA' }, { model: 'Expon', tau: '50 ms' }] as Record<string, string>[]) {
    it(`I(V) = g (E − V) / (1 + cc_Mg/3.57 · e^{−0.062 V}) across −100..40 mV (${synapse.model})`, async () => {
      const ir = recording(buildOk(ivDoc(synapse)), 'N', ['I', 'V'], Array.from({ length: n }, (_, i) => i));
      const [I, V] = (await b.make(ir)).advance(400).traces.map((t) => t.values);
      const m = 300; // 30 ms after the spike, while the synapse is open
      const at = (arr: ArrayLike<number>, i: number): number => arr[m * n + i];
      const k = 60; // the neuron at −40 mV sets the scale g of the curve
      expect(at(V, k)).toBeCloseTo(-40, 3);
      const g = at(I, k) / (unblocked(at(V, k)) * (0 - at(V, k)));
      expect(g).toBeGreaterThan(0);
      // typed: float64 with I and V stored as float32 -> 1e-5; tfjs computes in float32 -> 1e-4
      const rel = b.float32 ? 1e-4 : 1e-5;
      let checked = 0;
      for (let i = 0; i < n; i++) {
        const v = at(V, i);
        if (Math.abs(v) < 0.5) continue; // I crosses zero at E = 0 mV
        const want = g * unblocked(v) * (0 - v);
        expect(Math.abs(at(I, i) - want) / Math.abs(want)).toBeLessThan(rel);
        checked++;
      }
      expect(checked).toBeGreaterThan(130);
      // the block itself: at −80 mV under 5 % of the channels conduct, at +20 mV over 90 %
      expect(unblocked(-80)).toBeLessThan(0.05);
      expect(unblocked(20)).toBeGreaterThan(0.9);
    });
  }
});

describe('NMDA (typed)', () => {
  it('NMDA g rises over milliseconds and decays with 1/beta1 = 100 ms', async () => {
    const doc = sourceDoc([1], { steps: 4000, synapse: { model: 'NMDA' }, output: { model: 'COBA' }, weight: '1 uS' });
    const g = Array.from((typed(recording(buildOk(doc), 'N', ['g']))).advance(4000).traces[0].values);
    const top = g.indexOf(Math.max(...g));
    expect(top * dt).toBeGreaterThan(3);
    expect(top * dt).toBeLessThan(30);
    // long after x has gone (1/beta2 = 2 ms), g decays as e^{-beta1 t}: ratio over 100 ms is e^{-1}
    expect(g[3500] / g[2500]).toBeCloseTo(Math.exp(-1), 4);
  });
});
