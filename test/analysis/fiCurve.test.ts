import { describe, expect, it } from 'vitest';
import { fiCurve, perNeuronValues } from '../../src/engine/analysis';
import { trainOf } from './seeded';

describe('fiCurve', () => {
  it('pairs each neuron’s rate with its input, sorted by input', () => {
    // 1000 steps of 1 ms = 1 s: neuron 0 (2 nA) 3 spikes, neuron 1 (0.5 nA) 0, neuron 2 (1 nA) 1
    const curve = fiCurve(trainOf([[1, 2, 3], [], [9]]), [2, 0.5, 1], 1000, 1);
    expect(Array.from(curve.input)).toEqual([0.5, 1, 2]);
    expect(Array.from(curve.rateHz)).toEqual([0, 1, 3]);
  });
  it('refuses inputs that do not match the population', () => {
    expect(() => fiCurve(trainOf([[1]]), [1, 2], 10, 1)).toThrow(/one input value per neuron/);
  });
});

describe('perNeuronValues', () => {
  it('expands scalar, array and linspace (ends included), not random draws', () => {
    expect(Array.from(perNeuronValues({ kind: 'scalar', value: 2 }, 3) ?? [])).toEqual([2, 2, 2]);
    expect(Array.from(perNeuronValues({ kind: 'linspace', from: 0, to: 1 }, 5) ?? [])).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(perNeuronValues({ kind: 'array', values: Float64Array.from([4, 5]) }, 2) ?? [])).toEqual([4, 5]);
    expect(perNeuronValues({ kind: 'array', values: Float64Array.from([4, 5]) }, 3)).toBeNull();
    expect(perNeuronValues({ kind: 'normal', mean: 0, std: 1 }, 3)).toBeNull();
  });
});
