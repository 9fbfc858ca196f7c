/**
 * The tfjs backend runs spec-only models on ops interpreted from the spec's syntax tree
 * (src/engine/spec/tfjsKernel.ts): each network of networks.ts (CUBA and COBA paths) on tfjs
 * against the typed backend's spec kernel. tfjs computes in float32 and the typed kernel in
 * float64, so a threshold crossing may move by a step; the tolerances are the ones
 * test/spec/network.test.ts uses against Brian2: spike counts per population within 1, every
 * neuron's first spike within one step, and V of A[0] within 0.5 mV until its first spike
 * (measured 1e-5 to 2.3e-2 mV, Wang–Buzsáki the largest).
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/engine/build';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';
import { tfjsInstance, typedInstance } from '../tfjs/helpers';
import { documentFor, firing, NET_CASES } from './networks';

const COUNT_TOL = 1;
const FIRST_SPIKE_TOL_STEPS = 1;
/** float32 against float64 over the subthreshold approach (measured: printed by each case). */
const V_TOL_MV = 0.5;

describe('spec-only models on the tfjs backend against the typed backend', () => {
  for (const c of NET_CASES) {
    it(`${c.model}: spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step`, async () => {
      const { ir, problems } = build(withSpikeMonitors(documentFor(c)), { durationMs: c.firstSpikesWithinMs });
      if (!ir) throw new Error(problems.map((p) => p.message).join('\n'));
      const tf = await tfjsInstance(ir);
      const a = tf.advance(ir.steps);
      tf.dispose();
      const b = typedInstance(ir).advance(ir.steps);
      const ours = firing(a.spikes);
      const ref = firing(b.spikes);
      const firstA = ref.A.first[0];
      let worst = 0;
      const va = a.traces[0].values;
      const vb = b.traces[0].values;
      for (let s = 0; s < (firstA < 0 ? vb.length : firstA); s++) worst = Math.max(worst, Math.abs(va[s] - vb[s]));
      console.log(`${c.model}: tfjs ${JSON.stringify(ours)}\n  typed ${JSON.stringify(ref)}; max |ΔV| before A[0]'s first spike ${worst.toExponential(2)} mV`);
      expect(worst).toBeLessThan(V_TOL_MV);
      for (const id of ['A', 'B', 'C']) {
        expect(ref[id].count, `${id} fires`).toBeGreaterThan(0);
        expect(Math.abs(ours[id].count - ref[id].count), `${id} spike count`).toBeLessThanOrEqual(COUNT_TOL);
        ref[id].first.forEach((s, i) => {
          expect(ours[id].first[i] >= 0, `${id}[${i}] fires on tfjs`).toBe(s >= 0);
          expect(Math.abs(s - ours[id].first[i]), `${id}[${i}] first spike step`).toBeLessThanOrEqual(FIRST_SPIKE_TOL_STEPS);
        });
      }
    }, 300_000);
  }
});
