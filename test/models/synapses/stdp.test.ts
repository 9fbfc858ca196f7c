/**
 * Pair-based STDP: the weight change of a pre/post spike pair against the exponential window
 * Δw = A+ w_max e^{−Δt/τ+} (Δt = t_post − t_pre > 0) and −A− w_max e^{Δt/τ−} (Δt < 0), with
 * hard and soft bounds. One post spike is forced by a strong "teacher" input; each of many
 * presynaptic neurons fires once at its own offset, so each synapse sees exactly one pair.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../../src/shared/document';
import { type BackendCase, BACKENDS, type TestInstance } from '../../engine/backends';
import { buildOk } from './helpers';

const dt = 0.1;
const tPost = 100; // ms: the teacher's spike; the post neuron fires in the step its input arrives
const tauPlus = 16.8;
const tauMinus = 33.7;
const aPlus = 0.01;
const aMinus = 0.0105;
const wMax = 1;

function pairDoc(offsets: number[], w0: number, plasticity: Record<string, string | number>): DocumentInput {
  const preTimes = offsets.map((d) => `${tPost - d} ms`);
  return {
    simulation: { dt: '0.1 ms', duration: '250 ms', seed: 5, backend: 'typed' },
    nodes: [
      { id: 'pre', kind: 'population', model: 'SpikeTimes', size: offsets.length, params: { times: preTimes, indices: offsets.map((_, i) => i) } },
      { id: 'teacher', kind: 'population', model: 'SpikeTimes', size: 1, params: { times: [`${tPost} ms`] } },
      { id: 'post', kind: 'population', model: 'LIF', size: 1, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' }, init: { V: '-65 mV' } },
      // 1000 nA for 0.1 ms moves V by ~100 mV: the post neuron fires in the arrival step only.
      { id: 'teach', kind: 'projection', conn: { rule: 'all_to_all' }, weight: '1000 nA', synapse: { model: 'Expon', tau: '0.01 ms' }, output: { model: 'CUBA' } },
      { id: 'p', kind: 'projection', conn: { rule: 'all_to_all' }, weight: `${w0} nA`, synapse: { model: 'Expon', tau: '2 ms' }, output: { model: 'CUBA' }, plasticity: { model: 'STDP', w_max: `${wMax} nA`, ...plasticity } },
      { id: 'spk', kind: 'monitor', record: 'spikes' },
    ],
    wires: [
      { from: 'pre', to: 'p' }, { from: 'p', to: 'post' }, { from: 'teacher', to: 'teach' }, { from: 'teach', to: 'post' }, { from: 'post', to: 'spk' },
    ],
  };
}

/** What both backends' instances offer for reading weights. */
type WeightedRun = TestInstance & { weights(projectionId: string): Float64Array };

async function pairs(b: BackendCase, offsets: number[], w0: number, plasticity: Record<string, string | number> = {}): Promise<{ dw: number[]; dts: number[] }> {
  const ir = buildOk(pairDoc(offsets, w0, plasticity));
  const run = (await b.make(ir)) as WeightedRun;
  const batch = run.advance(ir.steps);
  const postSteps = Array.from(batch.spikes[0].steps);
  expect(postSteps.length).toBe(1); // exactly one post spike, so each synapse sees one pair
  const w = run.weights('p');
  // all_to_all onto one post neuron: synapse i belongs to pre neuron i
  const dts = offsets.map((d) => (postSteps[0] - Math.round((tPost - d) / dt)) * dt);
  return { dw: Array.from(w, (x) => x - w0), dts };
}

const window = (d: number): number => (d >= 0 ? aPlus * wMax * Math.exp(-d / tauPlus) : -aMinus * wMax * Math.exp(d / tauMinus));
const offsets = [-80, -40, -25.3, -10, -5, -1.2, -0.5, 0.7, 1, 3, 7.5, 15, 30, 50, 90];

describe.each(BACKENDS)('pair-based STDP ($name)', (b) => {
  // typed: float64 weights, only rounding: 1e-9 relative. tfjs: float32 weights near 0.5 (spacing
  // 3e-8) and float32 traces: 1e-6 absolute, i.e. 1e-4 of the largest change.
  const close = (got: number, want: number): void => {
    if (b.float32) expect(Math.abs(got - want)).toBeLessThan(1e-6);
    else expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(1e-9);
  };

  it('Δw against Δt reproduces A+ e^{−Δt/τ+} and −A− e^{Δt/τ−} (hard bounds)', async () => {
    const { dw, dts } = await pairs(b, offsets, 0.5);
    let pots = 0;
    let deps = 0;
    for (let k = 0; k < offsets.length; k++) {
      expect(dts[k]).not.toBe(0);
      close(dw[k], window(dts[k]));
      if (dts[k] > 0) pots++;
      else deps++;
    }
    expect(pots).toBeGreaterThan(5);
    expect(deps).toBeGreaterThan(5);
  });

  it('hard bounds clip the weight at w_max and w_min', async () => {
    const up = await pairs(b, [5], 0.999, { A_plus: 0.5 });
    expect(up.dw[0] + 0.999).toBeCloseTo(wMax, 12);
    const down = await pairs(b, [-5], 0.001, { A_minus: 0.5 });
    expect(down.dw[0] + 0.001).toBeCloseTo(0, 12);
  });

  it('soft bounds scale potentiation by (w_max − w)/w_max and depression by (w − w_min)/w_max', async () => {
    for (const w0 of [0.2, 0.9]) {
      const { dw, dts } = await pairs(b, offsets, w0, { bound: 'soft', w_min: '0.1 nA' });
      for (let k = 0; k < offsets.length; k++) {
        const scale = dts[k] > 0 ? (wMax - w0) / wMax : (w0 - 0.1) / wMax;
        close(dw[k], window(dts[k]) * scale);
      }
    }
  });
});
