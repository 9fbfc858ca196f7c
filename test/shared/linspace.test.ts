/** One linspace for the engine, the exports, the F-I analysis and the plots (src/shared/linspace.ts). */
import { describe, expect, it } from 'vitest';
import { linspace, linspaceAt } from '../../src/shared/linspace';
import { resolveValues } from '../../src/engine/values';

describe('linspace', () => {
  it('includes both ends exactly and spreads evenly', () => {
    expect(Array.from(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const v = linspace(-0.3, 2.7, 7);
    expect(v[0]).toBe(-0.3);
    expect(v[6]).toBe(2.7);
  });

  it('gives one element its start value and no elements an empty array', () => {
    expect(Array.from(linspace(3, 9, 1))).toEqual([3]);
    expect(linspace(3, 9, 0)).toHaveLength(0);
    expect(linspaceAt(3, 9, 1, 0)).toBe(3);
  });

  it('is what the engine fills a per-neuron linspace with, bit for bit', () => {
    const n = 101;
    const engine = resolveValues({ kind: 'linspace', from: 0.1, to: 2.3 }, n, null, 'amplitude');
    expect(Array.from(engine)).toEqual(Array.from(linspace(0.1, 2.3, n)));
  });
});
