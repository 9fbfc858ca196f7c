/**
 * Voltage-jump (Delta) projections: each spike moves V by the weight after integration and
 * before the threshold test (SEMANTICS.md). Checked on the LIF kernel through a document, and on
 * small local kernels (with and without delta support) for threshold crossings and refusal.
 */
import { describe, expect, it } from 'vitest';
import { typedBackend } from '../../../src/engine/backends/typed';

import { type Drive, type PopulationKernel, populationKernels } from '../../../src/engine/backends/typed/kernels';
import { build } from '../../../src/engine/build';
import type { PopulationIR } from '../../../src/engine/ir';
import { network, scalar, spikeTimes } from '../../engine/fixtures';
import { buildOk, recording, sourceDoc, typed } from './helpers';

const dt = 0.1;
const tau = 10;
const rest = -65;
const th = -50;

/** CUBA LIF per SEMANTICS.md (hard reset, exact integration) that adds drive.delta after integrating. */
function shim(acceptsDelta: boolean) {
  return (pop: PopulationIR): PopulationKernel => {
    const V = new Float64Array(pop.size).fill(rest);
    const decay = Math.exp(-dt / tau);
    return {
      acceptsDelta,
      initialSpikes: () => 0,
      variable: (name) => (name === 'V' ? V : undefined),
      setParam: () => {
        throw new Error('no live parameters in the shim');
      },
      update(_step: number, drive: Drive, spikes: Int32Array): number {
        let c = 0;
        for (let i = 0; i < V.length; i++) {
          let v = V[i] >= th ? rest : V[i];
          v = rest + (v - rest) * decay;
          if (drive.delta) v += drive.delta[i];
          V[i] = v;
          if (v >= th) spikes[c++] = i;
        }
        return c;
      },
    };
  };
}
populationKernels.set('DeltaShim', shim(true));
populationKernels.set('NoDeltaShim', shim(false));

const cell = (id: string, model: string): PopulationIR => ({ id, index: -1, model, family: 'neuron', size: 1, params: {}, choices: {}, lists: {}, init: {} });
const oneToOne = { rule: 'one_to_one', allowSelf: true };

describe('Delta (voltage-jump) projections (typed)', () => {
  it('each spike adds w to V in its arrival step, after the leak; jumps of a step add up', async () => {
    const times = [1, 1, 5, 5.3]; // two spikes of two sources at 1 ms -> 2w in one step
    const ir = network({
      steps: 200,
      populations: [spikeTimes('src', 2, times, [0, 1, 0, 1]), cell('N', 'DeltaShim')],
      projections: [{ id: 'p', pre: 'src', post: 'N', conn: { rule: 'all_to_all', allowSelf: true }, weight: scalar(2), synapse: { model: 'Delta', params: {} } }],
      monitors: [{ id: 'V', record: 'state', population: 'N', variables: ['V'], neurons: [0] }],
    });
    const V = (typed(ir)).advance(200).traces[0].values;
    let v = rest;
    const decay = Math.exp(-dt / tau);
    for (let m = 0; m < 200; m++) {
      v = rest + (v - rest) * decay;
      for (const t of times) if (Math.round(t / dt) + 1 === m) v += 2;
      expect(V[m]).toBeCloseTo(v, 5);
    }
    expect(V[Math.round(1 / dt) + 1] - rest).toBeCloseTo(4, 4);
  });

  it('LIF: V = V_rest + (V − V_rest) e^{−dt/tau} + Σ w over the arrivals of the step (document, 1e-4 mV)', async () => {
    const times = [1, 4, 4.3, 9];
    const doc = sourceDoc(times, { steps: 150, synapse: { model: 'Delta' }, weight: '1.5 mV', conn: { rule: 'all_to_all' } });
    const V = typed(recording(buildOk(doc), 'N', ['V'])).advance(150).traces[0].values;
    let v = rest;
    for (let m = 0; m < 150; m++) {
      v = rest + (v - rest) * Math.exp(-dt / tau);
      for (const t of times) if (Math.round(t / dt) + 1 === m) v += 1.5;
      expect(Math.abs(V[m] - v)).toBeLessThan(1e-4);
    }
  });

  it('a jump across threshold makes the neuron spike in the arrival step; delays shift it by whole steps', async () => {
    for (const delaySteps of [0, 7]) {
      const ir = network({
        steps: 100,
        populations: [spikeTimes('src', 1, [2]), cell('N', 'DeltaShim')],
        projections: [{ id: 'p', pre: 'src', post: 'N', conn: oneToOne, weight: scalar(20), delaySteps, synapse: { model: 'Delta', params: {} } }],
        monitors: [{ id: 's', record: 'spikes', population: 'N' }],
      });
      const spikes = (typed(ir)).advance(100).spikes[0];
      expect(Array.from(spikes.steps)).toEqual([Math.round(2 / dt) + 1 + delaySteps]);
    }
  });

  it('a neuron kernel that cannot add voltage jumps refuses the projection, naming the population', async () => {
    const ir = network({
      steps: 10,
      populations: [spikeTimes('src', 1, [2]), cell('N', 'NoDeltaShim')],
      projections: [{ id: 'p', pre: 'src', post: 'N', conn: oneToOne, weight: scalar(1), synapse: { model: 'Delta', params: {} } }],
    });
    expect(() => typedBackend.instantiate(ir)).toThrow(/Population "N" cannot take voltage jumps \(Delta synapse\)/);
  });

  it('build takes the weight of a Delta projection as a voltage and wants the CUBA output', () => {
    const ok = build(sourceDoc([1], { steps: 10, synapse: { model: 'Delta' }, weight: '0.5 mV' }));
    expect(ok.ir?.projections[0].weight).toEqual({ kind: 'scalar', value: 0.5 });
    const wrongUnit = build(sourceDoc([1], { steps: 10, synapse: { model: 'Delta' }, weight: '0.5 nA' }));
    expect(wrongUnit.problems.some((p) => p.code === 'wrong_dimension' && p.path === 'nodes[2].weight')).toBe(true);
    const coba = build(sourceDoc([1], { steps: 10, synapse: { model: 'Delta' }, output: { model: 'COBA' }, weight: '0.5 mV' }));
    expect(coba.problems.find((p) => p.path === 'nodes[2].output.model')?.message).toMatch(/use the CUBA output/);
  });
});
