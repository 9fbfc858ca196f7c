import { describe, expect, it } from 'vitest';
import { Document } from '../../src/shared/document';
import { findSweep, sweepOf } from '../../src/shared/analysis';

function docWith(amplitudes: unknown[], model = 'constant'): Document {
  return Document.parse({
    nodes: [
      ...amplitudes.map((amplitude, i) => ({ id: `in${i}`, kind: 'input', model, params: amplitude === undefined ? {} : { amplitude }, position: [0, i * 100] })),
      { id: 'P', kind: 'population', model: 'LIF', size: 5, params: {}, position: [300, 0] },
    ],
    wires: amplitudes.map((_, i) => ({ from: `in${i}`, to: 'P' })),
  });
}

describe('sweepOf (the F-I sweep of a document)', () => {
  it('spreads a linspace over the neurons, ends included, in nA', () => {
    const s = sweepOf(docWith([{ dist: 'linspace', from: '0 nA', to: '2000 pA' }]), 'P', 5);
    expect(s.kind).toBe('sweep');
    if (s.kind === 'sweep') expect(Array.from(s.values)).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it('sums every constant input wired to the population', () => {
    const s = sweepOf(docWith([{ dist: 'linspace', from: '0 nA', to: '4 nA' }, '0.5 nA', ['1 nA', '0 nA', '0 nA', '0 nA', '-1 nA']]), 'P', 5);
    if (s.kind !== 'sweep') throw new Error(s.kind);
    expect(Array.from(s.values)).toEqual([1.5, 1.5, 2.5, 3.5, 3.5]);
    expect(s.inputs).toEqual(['in0', 'in1', 'in2']);
  });

  it('takes the catalogue default (0 nA) for an amplitude not set', () => {
    const s = sweepOf(docWith([undefined, '1 nA']), 'P', 5);
    if (s.kind !== 'sweep') throw new Error(s.kind);
    expect(Array.from(s.values)).toEqual([1, 1, 1, 1, 1]);
  });

  it('names the input whose amplitude is drawn at random or cannot be read per neuron', () => {
    expect(sweepOf(docWith([{ dist: 'normal', mean: '1 nA', std: '0.1 nA' }]), 'P', 5)).toEqual({ kind: 'random', input: 'in0' });
    expect(sweepOf(docWith([['1 nA', '2 nA']]), 'P', 5)).toEqual({ kind: 'unreadable', input: 'in0' });
    expect(sweepOf(docWith(['2 nA'], 'step'), 'P', 5)).toEqual({ kind: 'no-input' });
  });
});

describe('findSweep (over the build\'s derived facts)', () => {
  it('finds the population whose drive varies over its neurons, and none for a uniform drive', () => {
    const varying = [{ id: 'P', constantDrive: { nA: Float64Array.from([0, 0.25, 0.5, 0.75, 1]), inputs: ['in0'], others: 0 } }];
    const s = findSweep(varying, new Map([['P', 5]]));
    expect(s?.population).toBe('P');
    expect(Array.from(s!.values)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(s!.inputs).toEqual(['in0']);
    expect(findSweep([{ id: 'P', constantDrive: { nA: 1, inputs: ['in0'], others: 0 } }], new Map([['P', 5]]))).toBeNull();
    expect(findSweep(varying, new Map([['Q', 5]]))).toBeNull();
    expect(findSweep(null, new Map([['P', 5]]))).toBeNull();
  });
});
