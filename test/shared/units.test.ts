import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity } from '../../src/shared/units';

describe('parseQuantity converts to the internal unit system', () => {
  it.each([
    ['-65 mV', 'voltage', -65],
    ['0.2 nA', 'current', 0.2],
    ['200 pA', 'current', 0.2],
    ['10 MOhm', 'resistance', 10],
    ['10 MΩ', 'resistance', 10],
    ['6 nS', 'conductance', 0.006],
    ['1 µS', 'conductance', 1],
    ['1 uF', 'capacitance', 1000],
    ['1 s', 'time', 1000],
    ['1e-3 V', 'voltage', 1],
    ['1 kHz', 'rate', 1000],
    ['0.1', 'dimensionless', 0.1],
  ] as const)('%s as %s is %d', (text, dim, value) => {
    expect(parseQuantity(text, dim)).toEqual({ ok: true, value });
  });

  it.each([
    ['5 kg', 'voltage', /another dimension.*voltage is needed/],
    ['2 nA', 'voltage', /is a current, but a voltage is needed/],
    ['5', 'voltage', /has no unit/],
    ['', 'time', /empty/],
    ['abc', 'voltage', /not a number with a unit/],
    ['5 mV', 'dimensionless', /plain number|dimensionless/],
    ['1e400 mV', 'voltage', /out of range/],
  ] as const)('refuses %s as %s', (text, dim, reason) => {
    const r = parseQuantity(text, dim);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('formats internal values with a readable prefix', () => {
    expect(formatQuantity(0.002, 'current')).toBe('2 pA');
    expect(formatQuantity(-65, 'voltage')).toBe('-65 mV');
    expect(formatQuantity(10, 'resistance')).toBe('10 MΩ');
    expect(formatQuantity(2e-6, 'voltage')).toBe('2 nV');
  });
});
