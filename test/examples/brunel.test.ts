/**
 * Brunel (2000), the four regimes of his Figure 2 from the shipped files. The network has
 * 12,500 neurons and 12.5 million recurrent synapses, so each run is kept short; the start, a
 * transient from the random initial potentials, is left out of the statistics.
 */
import { describe, expect, it } from 'vitest';
import { isiCv, meanRate, synchronyFromSpikes } from '../../src/engine/analysis';
import type { RunResults, SpikeTrain } from '../../src/shared/results';
import { BRUNEL_REGIMES, NU_THR_HZ } from './definitions/networks';
import { runExample, spikesOf } from './run';


function after(t: SpikeTrain, first: number): SpikeTrain {
  const keep = Array.from(t.steps.keys()).filter((k) => t.steps[k] >= first);
  return { ...t, steps: Int32Array.from(keep, (k) => t.steps[k] - first), ids: Int32Array.from(keep, (k) => t.ids[k]) };
}

/**
 * Brian2 2.5.1 with Brunel's delta synapses, same windows (test/examples/brian2/brunel.py, seed 1):
 *   brunel.py 3 2 50 20 | 5 2 200 50 | 6 4 200 50 | 4.5 0.9 200 50
 */
const BRIAN2 = {
  sr: { rate: 313.97, cv: 0.026, chi: 0.419 },
  ai: { rate: 36.49, cv: 0.299, chi: 0.101 },
  siFast: { rate: 57.21, cv: 0.432, chi: 0.207 },
  siSlow: { rate: 7.16, cv: 0.142, chi: 0.210 },
} as const;

async function regime(file: string, durationMs: number, skipMs: number): Promise<{ rate: number; cv: number; chi: number }> {
  const { results }: { results: RunResults } = await runExample(`${file}.snn`, { durationMs });
  const skip = Math.round(skipMs / results.dt);
  const t = after(spikesOf(results, 'E spikes'), skip);
  const steps = results.steps - skip;
  return { rate: meanRate(t, steps, results.dt), cv: isiCv(t) ?? NaN, chi: synchronyFromSpikes(t, steps, results.dt, 2) ?? NaN };
}

describe('Brunel 2000', () => {
  it('ships the four regimes of Figure 2 with the parameters of the paper', () => {
    expect(NU_THR_HZ).toBe(10);
    expect(BRUNEL_REGIMES.map((r) => [r.file, r.g, r.eta])).toEqual([
      ['brunel-sr', 3, 2], ['brunel-ai', 5, 2], ['brunel-si-fast', 6, 4], ['brunel-si-slow', 4.5, 0.9],
    ]);
  });

  it('regimes differ in rate, regularity and synchrony as in the paper, and match Brian2 where the models agree', async () => {
    // SR fires at several hundred Hz: the costliest run, so the shortest (still ~10 ISIs per neuron)
    const sr = await regime('brunel-sr', 50, 20);
    const ai = await regime('brunel-ai', 200, 50);
    const fast = await regime('brunel-si-fast', 200, 50);
    const slow = await regime('brunel-si-slow', 200, 50);
    console.log(`Brunel E: SR ${JSON.stringify(sr)} AI ${JSON.stringify(ai)} SI-fast ${JSON.stringify(fast)} SI-slow ${JSON.stringify(slow)}`);
    const near = (x: number, ref: number, rel: number): boolean => Math.abs(x - ref) <= rel * ref;

    // SR: excitation dominates, neurons fire like clocks near 1/tau_ref
    expect(near(sr.rate, BRIAN2.sr.rate, 0.15)).toBe(true);
    expect(sr.cv).toBeLessThan(0.1);
    // AI: balanced rate near nu_thr (eta - 1)/(g gamma - 1) = 40 Hz, flat population rate; Brian2 agrees closely
    expect(near(ai.rate, BRIAN2.ai.rate, 0.15)).toBe(true);
    expect(Math.abs(ai.cv - BRIAN2.ai.cv)).toBeLessThan(0.05);
    expect(Math.abs(ai.chi - BRIAN2.ai.chi)).toBeLessThan(0.03);
    expect(ai.cv).toBeGreaterThan(3 * sr.cv);
    // SI fast: stronger drive and inhibition, a fast oscillating population rate: more synchrony than AI
    expect(near(fast.rate, BRIAN2.siFast.rate, 0.15)).toBe(true);
    expect(fast.chi).toBeGreaterThan(1.3 * ai.chi);
    expect(fast.cv).toBeGreaterThan(ai.cv);
    // SI slow: sub-threshold drive (eta < 1), low fluctuation-driven rate
    expect(near(slow.rate, BRIAN2.siSlow.rate, 0.3)).toBe(true);
    expect(slow.rate).toBeLessThan(ai.rate / 2);
    expect(slow.cv).toBeGreaterThan(3 * sr.cv);
    // Not checked, because this model differs from Brian2's there: SR synchrony (Brian2 chi 0.42, here
    // about 0.06) and SI-slow synchrony (0.21 vs 0.09). Candidates: the 1 ms exponential synapse
    // smooths the delta kick, and Brian2 lets inputs move v during the refractory period while
    // LIFRef (and Brunel) hold V at the reset.
  });
});
