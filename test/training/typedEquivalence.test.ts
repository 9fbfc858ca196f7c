/**
 * A trained network, saved into the document and run by the typed engine (the simulator's
 * reference backend), spikes in the same steps as the training forward pass. Both follow
 * SEMANTICS.md's step order; the typed engine integrates in float64 and the trainer in float32,
 * so a spike could only differ where V lands within float32 rounding of V_th; the test asks for
 * identical spikes (a shifted input step, for one, makes it fail).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { simulate } from '../../src/engine/simulate';
import { batchInputs, sampleLists, splitDataset } from '../../src/engine/training/dataset';
import { applyTraining, setupTraining } from '../../src/engine/training/setup';
import { superSpike } from '../../src/engine/training/surrogate';
import { train } from '../../src/engine/training/trainer';
import { Document } from '../../src/shared/document';
import { feedForward, startWasm } from './helpers';

beforeAll(async () => {
  await startWasm();
});

/** "step:neuron" keys of a [T][1, n] spike record. */
function keysOf(steps: Tensor[]): string[] {
  const out: string[] = [];
  steps.forEach((t, s) => t.dataSync().forEach((x, i) => x > 0 && out.push(`${s}:${i}`)));
  return out;
}

describe('trained network in the typed engine', () => {
  for (const reset of ['hard', 'soft'] as const) {
    it(`spikes like the training forward pass (${reset} reset, trained tau)`, async () => {
      const doc = feedForward({ nIn: 12, nHidden: 20, nOut: 3, reset, trainTau: true, task: { kind: 'latency', classes: 3, units: 12, samplesPerClass: 16, duration: '25 ms' }, epochs: 2, batchSize: 12 });
      const s = setupTraining(doc);
      const split = splitDataset(s.dataset, 0.2, 0.2, s.seed);
      const out = train(s.network, split, s.options);
      const saved = applyTraining(s, out.history, out.test?.accuracy ?? null);
      s.network.dispose();
      // Reload what was saved, as a user reopening the project would.
      const reopened = setupTraining(JSON.parse(JSON.stringify(saved)));
      const spike = superSpike(1);
      let compared = 0;
      for (const sample of split.test.slice(0, 4)) {
        const { times, indices } = sampleLists(sample);
        const runDoc = Document.parse({
          ...saved,
          simulation: { ...saved.simulation, duration: `${reopened.ir.duration} ms` },
          nodes: [
            ...saved.nodes.map((n) => (n.id === 'in' ? { ...n, params: { times: Array.from(times, (t) => `${t} ms`), indices: Array.from(indices) } } : n)),
            { id: 'spk-hid', kind: 'monitor', record: 'spikes' },
            { id: 'spk-out', kind: 'monitor', record: 'spikes' },
          ],
          wires: [...saved.wires, { from: 'hid', to: 'spk-hid' }, { from: 'out', to: 'spk-out' }],
        });
        const run = await simulate(runDoc, { backend: 'typed' });
        if (!run.ok) throw new Error(run.problems.map((p) => p.message).join('; '));
        const typed = (pop: string): string[] => {
          const train = run.results.spikes.find((x) => x.population === pop);
          if (!train) throw new Error(`no spikes of ${pop}`);
          return Array.from(train.steps, (st, k) => `${st}:${train.ids[k]}`).sort();
        };
        const mine = tf.tidy(() => {
          const inputs = batchInputs([sample], reopened.network.nInputs, reopened.network.steps, reopened.network.dt);
          const r = reopened.network.forward(inputs, spike, true);
          const rec = r.spikes as Map<string, Tensor[]>;
          return { hid: keysOf(rec.get('hid') as Tensor[]).sort(), out: keysOf(rec.get('out') as Tensor[]).sort() };
        });
        expect(mine.hid).toEqual(typed('hid'));
        expect(mine.out).toEqual(typed('out'));
        compared += mine.hid.length + mine.out.length;
      }
      // The comparison must have had spikes to compare.
      expect(compared).toBeGreaterThan(10);
      reopened.network.dispose();
    });
  }
});
