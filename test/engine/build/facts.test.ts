/**
 * The derived facts the build returns beside the IR (engine/build/facts.ts): threshold and reset
 * lines (one value, per neuron, moving for ALIF), rheobase and V∞ by the closed forms computed
 * here in the test, and the constant drive of a sweep, the same as shared/analysis's sweepOf.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import { Document } from '../../../src/shared/document';
import { sweepOf } from '../../../src/shared/analysis';
import { commonLineValue, type PopulationFacts } from '../../../src/shared/derivedFacts';

function docOf(population: Record<string, unknown>, amplitude: unknown = '2 nA'): unknown {
  return {
    simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude }, position: [0, 0] },
      { id: 'noise', kind: 'input', model: 'step', params: { amplitude: '1 nA' }, position: [0, 100] },
      { id: 'P', kind: 'population', size: 5, position: [300, 0], ...population },
    ],
    wires: [{ from: 'drive', to: 'P' }],
  };
}

function factsOf(doc: unknown): PopulationFacts {
  const r = build(doc);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const f = r.facts?.find((x) => x.id === 'P');
  if (!f) throw new Error('no facts for P');
  return f;
}

const LIF = { model: 'LIF', params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-70 mV', tau: '10 ms', R: '10 MOhm' } };

describe('derived facts of the build', () => {
  it('LIF: fixed threshold and reset lines, rheobase (V_th − V_rest)/R, V∞ = V_rest + R·I', () => {
    const f = factsOf(docOf(LIF));
    expect(f.threshold).toEqual({ mV: -50 });
    expect(f.reset).toEqual({ mV: -70 });
    expect(f.rheobase?.nA).toBeCloseTo((-50 - -65) / 10, 12);
    expect(f.rheobase?.formula).toBe('V_th − V_rest');
    expect(f.constantDrive).toEqual({ nA: 2, inputs: ['drive'], others: 0 });
    expect(f.vInf).toBeCloseTo(-65 + 10 * 2, 12);
  });

  it('a linspace drive is per neuron and equals sweepOf of the document (one rule for the F-I sweep)', () => {
    const doc = docOf(LIF, { dist: 'linspace', from: '0 nA', to: '2 nA' });
    const f = factsOf(doc);
    const sweep = sweepOf(Document.parse(doc), 'P', 5);
    if (sweep.kind !== 'sweep' || typeof f.constantDrive?.nA === 'number') throw new Error('expected a per-neuron drive');
    expect(Array.from(f.constantDrive!.nA)).toEqual(Array.from(sweep.values));
    expect(Array.from(f.vInf as Float64Array)).toEqual([0, 0.5, 1, 1.5, 2].map((I) => -65 + 10 * I));
  });

  it('a threshold given per neuron gives a line per neuron; a random one gives none', () => {
    const perNeuron = factsOf(docOf({ ...LIF, params: { ...LIF.params, V_th: { dist: 'linspace', from: '-54 mV', to: '-50 mV' } } }));
    expect(Array.from(perNeuron.threshold!.mV as Float64Array)).toEqual([-54, -53, -52, -51, -50]);
    expect(commonLineValue(perNeuron.threshold, [2])).toBe(-52);
    expect(commonLineValue(perNeuron.threshold, [1, 2])).toBeUndefined();
    // The rheobase is the smallest over the range: the lowest threshold.
    expect(perNeuron.rheobase?.nA).toBeCloseTo((-54 - -65) / 10, 12);
    const random = factsOf(docOf({ ...LIF, params: { ...LIF.params, V_th: { dist: 'normal', mean: '-50 mV', std: '1 mV' } } }));
    expect(random.threshold).toBeUndefined();
    expect(random.reset).toEqual({ mV: -70 });
  });

  it('ALIF: a moving threshold, V_th + beta·a, with no fixed line for the plot', () => {
    const f = factsOf(docOf({ model: 'ALIF', params: { ...LIF.params, beta: '2 mV', tau_a: '200 ms' } }));
    expect(f.threshold).toEqual({ mV: -50, moving: { state: 'a', scale: 2 } });
    expect(commonLineValue(f.threshold, [0])).toBeUndefined();
    expect(commonLineValue(f.reset, [0, 1])).toBe(-70);
  });

  it('counts the varying inputs beside the constant ones, and has no rheobase where the model has no closed form', () => {
    const doc = docOf({ model: 'Izhikevich', params: {} }) as { wires: { from: string; to: string }[] };
    doc.wires.push({ from: 'noise', to: 'P' });
    const f = factsOf(doc);
    expect(f.rheobase).toBeUndefined();
    expect(f.vInf).toBeUndefined();
    expect(f.constantDrive?.others).toBe(1);
  });

  it('sources have no facts; a document that does not parse has none at all', () => {
    const doc = docOf(LIF) as { nodes: unknown[]; wires: unknown[] };
    doc.nodes.push({ id: 'S', kind: 'population', model: 'Poisson', size: 3, params: { rate: '10 Hz' }, position: [0, 300] });
    expect(build(doc).facts?.map((f) => f.id)).toEqual(['P']);
    expect(build({ nodes: 'nope' }).facts).toBeUndefined();
  });
});
