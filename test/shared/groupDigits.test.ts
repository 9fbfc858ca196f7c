import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../src/shared/groupDigits';
import { Rng } from '../../src/engine/random';

describe('groupDigits writes whole numbers as toLocaleString("en") does, without loading ICU', () => {
  it('agrees on edge values and 2000 seeded random integers of every length', () => {
    const rng = new Rng(7, 11, 13, 17);
    const values = [0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, 2 ** 31 - 1, 100_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 2000; i++) values.push(Math.floor(rng.uniform() * 10 ** (1 + (i % 16))) * (i % 3 === 0 ? -1 : 1));
    // (-0 is written "0", a count is never negative zero; toLocaleString would write "-0")
    for (const v of values.map((x) => x || 0)) expect(groupDigits(v), String(v)).toBe(v.toLocaleString('en'));
    expect(groupDigits(-0)).toBe('0');
  });

  it('leaves fractions and huge numbers to toLocaleString', () => {
    expect(groupDigits(1234.5678)).toBe((1234.5678).toLocaleString('en'));
    expect(groupDigits(1e21)).toBe((1e21).toLocaleString('en'));
  });
});
