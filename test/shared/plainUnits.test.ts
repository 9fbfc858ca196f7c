import { describe, expect, it } from 'vitest';
import { mathUnit } from '../../src/shared/mathUnit';
import { parseQuantity, plainQuantity, toInternal, type DimensionName } from '../../src/shared/units';
import { normalise } from '../../src/shared/unitSpelling';
import { Rng } from '../../src/engine/random';

/**
 * The plain spellings ("-65 mV") that units.ts converts without mathjs must mean exactly what
 * mathjs makes of them: same unit, same prefix, same value in the internal unit, bit for bit.
 */
const UNITS: ReadonlyArray<readonly [string, DimensionName]> = [
  ['s', 'time'], ['V', 'voltage'], ['A', 'current'], ['S', 'conductance'], ['ohm', 'resistance'], ['F', 'capacitance'], ['Hz', 'rate'],
];
const PREFIXES = ['G', 'M', 'k', '', 'm', 'u', 'n', 'p', 'f'];
const DIMS: readonly DimensionName[] = ['time', 'voltage', 'current', 'conductance', 'resistance', 'capacitance', 'rate', 'dimensionless'];

function numbers(): string[] {
  const rng = new Rng(20261206, 15, 12, 2026);
  const out = ['0', '-0', '1', '-65', '0.1', '.5', '1.', '2.5e-3', '1E3', '+7', '123456789.123', '1e300', '-1e-300', '0.3'];
  for (let i = 0; i < 60; i++) {
    const mantissa = (rng.uniform() * 2 - 1) * 1000;
    out.push(String(Number(mantissa.toPrecision(1 + (i % 9)))));
    out.push(`${(rng.uniform() * 10).toFixed(3)}e${Math.floor(rng.uniform() * 40) - 20}`);
  }
  return out;
}

describe('plain quantities are converted without mathjs, exactly as mathjs converts them', () => {
  it.each(UNITS)('every prefix of %s means to mathjs what the table says', (unit) => {
    for (const prefix of PREFIXES) {
      const u = mathUnit(`1 ${prefix}${unit}`);
      expect(u.units).toHaveLength(1);
      expect(u.units[0].unit.name).toBe(unit);
      expect((u.units[0].prefix as unknown as { name: string }).name).toBe(prefix);
    }
  });

  it.each(UNITS)('values in %s agree with mathjs bit for bit, and other dimensions are left to it', (unit, dim) => {
    let plain = 0;
    for (const prefix of PREFIXES) {
      for (const n of numbers()) {
        for (const spaced of [' ', '']) {
          const text = `${n}${spaced}${prefix}${unit}`;
          for (const want of DIMS) {
            const fast = plainQuantity(normalise(text), want);
            if (fast === undefined) continue;
            plain++;
            expect(want).toBe(dim);
            const slow = toInternal(mathUnit(`${n} ${prefix}${unit}`), dim);
            expect(Object.is(fast, slow), `${text}: ${fast} vs mathjs ${slow}`).toBe(true);
          }
        }
      }
    }
    // At least four prefixes of each unit are within the plausible range (a billion-fold away is
    // not); the two numbers near the ends of the double range are left to mathjs.
    expect(plain).toBeGreaterThanOrEqual(4 * (numbers().length - 2) * 2);
  });

  it('spellings beyond one prefix and one unit, and implausible ones, still go through mathjs', () => {
    for (const text of ['5 mV/ms', '1 GHz', '5 MS', '3 mohm', '1 min', '2 kg', '10 Mohm*2']) {
      expect(plainQuantity(normalise(text), 'rate') ?? plainQuantity(normalise(text), 'conductance') ?? plainQuantity(normalise(text), 'resistance') ?? plainQuantity(normalise(text), 'time')).toBeUndefined();
    }
    expect(parseQuantity('5 MS', 'conductance')).toMatchObject({ ok: false, error: { code: 'ambiguous_unit' } });
    expect(parseQuantity('1 GHz', 'rate')).toEqual({ ok: true, value: 1e9 });
    expect(parseQuantity('10 MΩ', 'resistance')).toEqual({ ok: true, value: 10 });
    expect(plainQuantity('1e300 Gohm', 'resistance')).toBeUndefined();
    expect(parseQuantity('1e300 Gohm', 'resistance')).toMatchObject({ ok: false, error: { code: 'out_of_range' } });
  });
});
