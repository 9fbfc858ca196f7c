/** Dimensions of spec expressions reuse the project's unit conversion (units.ts) and extend it. */
import { describe, expect, it } from 'vitest';
import { formatDim, namedDim, unitWord } from '../../src/shared/modelspec/dimension';
import { DIMENSIONS, type DimensionName, parseQuantity } from '../../src/shared/units';

describe('spec unit words', () => {
  const words: [string, DimensionName][] = [
    ['mV', 'voltage'], ['V', 'voltage'], ['nA', 'current'], ['pA', 'current'], ['ms', 'time'], ['s', 'time'], ['uS', 'conductance'], ['µS', 'conductance'],
    ['nS', 'conductance'], ['Mohm', 'resistance'], ['MΩ', 'resistance'], ['MOhm', 'resistance'], ['ohm', 'resistance'], ['nF', 'capacitance'], ['pF', 'capacitance'],
  ];
  for (const [w, dim] of words) {
    it(`${w} has the dimension and internal value units.ts gives "1 ${w}"`, () => {
      const u = unitWord(w);
      const q = parseQuantity(`1 ${w}`, dim);
      expect(u).toBeDefined();
      expect(q.ok).toBe(true);
      if (!u || !q.ok) return;
      expect(u.dim).toEqual(namedDim(dim));
      expect(u.value).toBe(q.value);
    });
  }

  it('counts rates per ms (coherent), where document fields store Hz', () => {
    expect(unitWord('Hz')?.value).toBe(0.001);
    expect(unitWord('kHz')?.value).toBe(1);
    expect(parseQuantity('1 kHz', 'rate')).toEqual({ ok: true, value: 1000 });
  });

  it('leaves short names that are units in mathjs free for variables', () => {
    for (const w of ['h', 'm', 'C', 'a', 'b', 'g', 'tau', 'w', 'u']) expect(unitWord(w), w).toBeUndefined();
  });

  it('names dimensions in messages', () => {
    for (const name of Object.keys(DIMENSIONS) as DimensionName[]) expect(formatDim(namedDim(name))).toBe(name);
    const perTime = namedDim('voltage').map((x, i) => x - namedDim('time')[i]);
    expect(formatDim(perTime)).toBe('voltage per time');
  });
});
