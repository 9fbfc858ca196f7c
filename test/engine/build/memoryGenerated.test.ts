/**
 * The memory estimate of a population on the generated kernel (build/memory.ts, asking the typed
 * backend's rule in generatedRule.ts): one f64 slot array per synapse group it receives, kinetic
 * receptors and MgBlock included, and no more than the module's two slots however many groups
 * there are (more are summed into those two per step, wasmgen/specKernel.ts).
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import { memoryParts } from '../../../src/engine/build/memory';
import { GENERATED_SLOTS, runsGenerated } from '../../../src/engine/backends/typed/generatedRule';

const F64 = 8;

const SYNAPSES: readonly [Record<string, string>, Record<string, string>][] = [
  [{ model: 'AMPA' }, { model: 'COBA', E: '0 mV' }],
  [{ model: 'NMDA' }, { model: 'MgBlock', E: '0 mV' }],
  [{ model: 'Expon', tau: '5 ms' }, { model: 'CUBA' }],
  [{ model: 'Alpha', tau: '3 ms' }, { model: 'CUBA' }],
  [{ model: 'GABAa' }, { model: 'COBA', E: '-80 mV' }],
];

/** X (LIF, 100 neurons) receiving the first `k` groups of SYNAPSES from S; X's bytes per neuron and whether it runs generated. */
function xBytesPerNeuron(k: number): { perNeuron: number; generated: boolean } {
  const lif = { R: '10 MOhm', V_reset: '-65 mV', V_rest: '-65 mV', V_th: '-50 mV', tau: '20 ms' };
  const projections = SYNAPSES.slice(0, k).map(([synapse, output], j) => ({ id: `p${j}`, kind: 'projection', position: [0, 0], conn: { rule: 'fixed_prob', p: 0.1 }, weight: output.model === 'CUBA' ? '0.1 nA' : '1 nS', synapse, output }));
  const doc = {
    meta: { title: 'groups' },
    simulation: { dt: '0.1 ms', duration: '10 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'S', kind: 'population', model: 'LIF', size: 50, position: [0, 0], params: lif },
      { id: 'X', kind: 'population', model: 'LIF', size: 100, position: [0, 0], params: lif },
      ...projections,
    ],
    wires: projections.flatMap((p) => [{ from: 'S', to: p.id }, { from: p.id, to: 'X' }]),
  };
  const { ir, problems } = build(doc as never);
  if (!ir) throw new Error(JSON.stringify(problems));
  expect(ir.synapseGroups.filter((g) => g.post === 1)).toHaveLength(k);
  const part = memoryParts(ir.populations, ir.inputs, ir.projections, ir.synapseGroups, ir.monitors, ir.dt, ir.steps).find((p) => p.id === 'X');
  return { perNeuron: (part?.bytes ?? 0) / 100, generated: runsGenerated('LIF', 1, ir.synapseGroups) };
}

describe('memory estimate of a population on the generated kernel', () => {
  it('counts one slot array per synapse group up to the two slots, then no more', () => {
    const rows = [0, 1, 2, 3, 4, 5].map(xBytesPerNeuron);
    expect(rows.every((r) => r.generated)).toBe(true);
    const base = rows[0].perNeuron;
    expect(rows.map((r) => r.perNeuron - base)).toEqual([0, 1, 2, 3, 4, 5].map((k) => F64 * Math.min(k, GENERATED_SLOTS)));
  });
});
