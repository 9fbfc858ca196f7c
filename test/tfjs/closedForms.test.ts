/**
 * The tfjs backend against closed forms and the typed backend: single neurons and synapses.
 * Tolerance 1e-4 in internal units (mV, nA, µS) as issue 6 asks: float32 holds ~60 mV to 4e-6 mV,
 * and these runs accumulate at most a few hundred roundings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { array, coba, cuba, expon, lif, network, scalar, spikeTimes } from '../engine/fixtures';
import { maxAbsDiff, tfjsInstance, typedInstance } from './helpers';
import type { NetworkIR } from '../../src/engine/ir';

const TOL = 1e-4;
const dt = 0.1;
const oneToOne = { rule: 'one_to_one', allowSelf: true };

afterAll(() => {
  expect(tf.memory().numTensors).toBe(0);
});

describe('tfjs LIF', () => {
  it('runs on WASM here and matches the BrainPy test vector after one step', async () => {
    const ir = network({
      steps: 1,
      populations: [lif('N', { V_rest: -52, V_th: 100, V_reset: -52, tau: 10, R: 1, V0: scalar(-60) })],
      inputs: [{ id: 'I', model: 'constant', target: 'N', params: { amplitude: scalar(8) } }],
    });
    const run = await tfjsInstance(ir);
    expect(run.name).toBe('tfjs-wasm');
    run.advance(1);
    expect(Math.abs(run.readVariable('N', 'V')[0] - (-44 - 16 * Math.exp(-0.01)))).toBeLessThan(TOL);
    run.dispose();
  });

  it('fires the closed-form number of spikes for 16 constant currents, spike for spike like typed', async () => {
    const p = { V_rest: -65, V_th: -50, V_reset: -65, tau: 10, R: 10 };
    const steps = 5000;
    const currents = Array.from({ length: 16 }, (_, k) => 1.55 + 0.17 * k);
    const ir = network({
      steps,
      populations: [lif('N', { ...p, size: currents.length, reset: 'hard', V0: scalar(p.V_reset) })],
      inputs: [{ id: 'sweep', model: 'constant', target: 'N', params: { amplitude: array(currents) } }],
      monitors: [{ id: 'spk', record: 'spikes', population: 'N' }],
    });
    const run = await tfjsInstance(ir);
    const got = run.advance(steps).spikes[0];
    run.dispose();
    const ref = typedInstance(ir).advance(steps).spikes[0];
    const counts = new Array(currents.length).fill(0);
    for (const id of got.ids) counts[id]++;
    currents.forEach((I, k) => {
      const vinf = p.V_rest + p.R * I;
      const x = (p.tau * Math.log((vinf - p.V_reset) / (vinf - p.V_th))) / dt;
      // Spike trains are bit-equal to typed only away from ties: when T/dt lies within ~1e-3 of a
      // whole number, float32 V (spacing 4e-6 mV near 50 mV) can cross threshold one step apart
      // from float64. These currents keep clear of that, and the test checks it does.
      expect(Math.abs(x - Math.round(x))).toBeGreaterThan(1e-3);
      expect(counts[k]).toBe(Math.floor(steps / Math.ceil(x)));
    });
    expect(Array.from(got.steps)).toEqual(Array.from(ref.steps));
    expect(Array.from(got.ids)).toEqual(Array.from(ref.ids));
  });

  it('soft and hard reset, LIFRef refractory hold, V traces within 1e-4 mV of typed', async () => {
    for (const o of [{ reset: 'soft' as const }, { reset: 'hard' as const }, { reset: 'hard' as const, tau_ref: 2 }]) {
      const ir = network({
        steps: 3000,
        populations: [lif('N', { ...o, size: 3, V_reset: -70, V0: array([-65, -55, -50]) })],
        inputs: [{ id: 'I', model: 'constant', target: 'N', params: { amplitude: array([1.6, 2.2, 3.1]) } }],
        monitors: [
          { id: 'v', record: 'state', population: 'N', variables: ['V', 'I'], neurons: [0, 1, 2] },
          { id: 's', record: 'spikes', population: 'N' },
        ],
      });
      const run = await tfjsInstance(ir);
      const a = run.advance(3000);
      run.dispose();
      const b = typedInstance(ir).advance(3000);
      expect(b.spikes[0].ids.length).toBeGreaterThan(10);
      expect(Array.from(a.spikes[0].steps)).toEqual(Array.from(b.spikes[0].steps));
      expect(maxAbsDiff(a.traces[0].values, b.traces[0].values)).toBeLessThan(TOL);
      expect(maxAbsDiff(a.traces[1].values, b.traces[1].values)).toBeLessThan(TOL);
    }
  });
});

function expNet(times: number[], o: { delaySteps?: number; output?: typeof cuba; V_th?: number } = {}): NetworkIR {
  return network({
    steps: 600,
    populations: [spikeTimes('src', 1, times), lif('N', { V_th: o.V_th ?? 1e9 })],
    projections: [{ id: 'p', pre: 'src', post: 'N', conn: oneToOne, weight: scalar(0.5), delaySteps: o.delaySteps ?? 0, synapse: expon(5), output: o.output ?? cuba }],
    monitors: [{ id: 'g', record: 'state', population: 'N', variables: ['g', 'V'], neurons: [0] }],
  });
}

describe('tfjs Expon synapse', () => {
  it('follows g(t) = Σ w e^{-(t - t_k)/tau} to 1e-4 with and without a delay', async () => {
    const times = [1, 3.5, 4, 12.3, 20, 20.5, 33];
    for (const delay of [0, 7]) {
      const run = await tfjsInstance(expNet(times, { delaySteps: delay }));
      const trace = run.advance(600).traces[0];
      run.dispose();
      let peak = 0;
      for (let s = 0; s < trace.steps.length; s++) {
        let expected = 0;
        for (const t of times) {
          // A spike of step k reaches g in step k + 1 + delay (SEMANTICS.md).
          const arrive = Math.round(t / dt) + 1 + delay;
          if (arrive <= trace.steps[s]) expected += 0.5 * Math.exp(-((trace.steps[s] - arrive) * dt) / 5);
        }
        peak = Math.max(peak, expected);
        expect(Math.abs(trace.values[s] - expected)).toBeLessThan(TOL);
      }
      expect(peak).toBeGreaterThan(0.5);
    }
  });

  it('COBA drives V like the typed backend (1e-4 mV)', async () => {
    const ir = expNet([1, 2, 3, 4, 5, 30], { output: coba(0) });
    const run = await tfjsInstance(ir);
    const a = run.advance(600).traces;
    run.dispose();
    const b = typedInstance(ir).advance(600).traces;
    expect(maxAbsDiff(a[1].values, b[1].values)).toBeLessThan(TOL);
    expect(Math.max(...b[1].values) - Math.min(...b[1].values)).toBeGreaterThan(1);
  });
});
