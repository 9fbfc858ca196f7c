/** simulate(): from a document (built by src/engine/build) to results. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate';

/** A hard-reset LIF driven by a constant current, with a spike monitor (parameters as a student types them). */
function doc(amplitude: string, extra: Record<string, unknown> = {}) {
  return {
    simulation: { dt: '0.1 ms', duration: '200 ms', seed: 5, backend: 'typed' },
    nodes: [
      { id: 'N', kind: 'population', model: 'LIF', size: 1, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' }, init: { V: '-65 mV' } },
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude } },
      { id: 'spikes', kind: 'monitor', record: 'spikes' },
    ],
    wires: [{ from: 'drive', to: 'N' }, { from: 'N', to: 'spikes' }],
    ...extra,
  };
}

describe('simulate', () => {
  it('runs a document and matches the ISI closed form', async () => {
    const out = await simulate(doc('2 nA'), { durationMs: 1000 });
    if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
    // V_inf = -45 mV: T = 10 ln(20/5) ms = 13.86 ms -> 139 steps per spike.
    const period = Math.ceil((10 * Math.log(20 / 5)) / 0.1);
    expect(out.results.steps).toBe(10000);
    expect(out.results.spikes[0].ids.length).toBe(Math.floor(10000 / period));
    expect(out.results.backend).toBe('typed');
    expect(out.buildSeconds).toBeGreaterThanOrEqual(0);
    expect(out.runSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reports progress and honours the seed override', async () => {
    const steps: number[] = [];
    const out = await simulate(doc('2 nA'), { seed: 99, chunkMs: 50, onProgress: (p) => steps.push(p.step) });
    expect(out.ok && out.results.seed).toBe(99);
    expect(steps).toEqual([500, 1000, 1500, 2000]);
  });

  it('refuses a bad document with problems and no results', async () => {
    const out = await simulate(doc('2 kg'));
    expect(out.ok).toBe(false);
    expect(out.problems.some((p) => p.severity === 'error' && p.path.includes('amplitude'))).toBe(true);
  });

  it('merges two projections with the same synapse and output onto one population (AlignPostProj)', async () => {
    const proj = (id: string, w: string) => ({ id, kind: 'projection', conn: { rule: 'all_to_all' }, weight: w, synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } });
    const d = {
      simulation: { dt: '0.1 ms', duration: '20 ms', seed: 1 },
      nodes: [
        { id: 'A', kind: 'population', model: 'SpikeTimes', size: 1, params: { times: ['1 ms'] } },
        { id: 'B', kind: 'population', model: 'SpikeTimes', size: 1, params: { times: ['2 ms'] } },
        { id: 'N', kind: 'population', model: 'LIF', size: 2, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } },
        proj('A->N', '0.1 nA'),
        proj('B->N', '0.2 nA'),
      ],
      wires: [{ from: 'A', to: 'A->N' }, { from: 'A->N', to: 'N' }, { from: 'B', to: 'B->N' }, { from: 'B->N', to: 'N' }],
    };
    const out = await simulate(d);
    if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
    expect(out.ir.synapseGroups.length).toBe(1);
    expect(out.ir.synapseGroups[0].projections).toEqual([0, 1]);
  });
});
