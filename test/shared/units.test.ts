import { describe, expect, it } from 'vitest';
import { formatQuantity, isUnitError, parseQuantity, parseRaw, unitErrorMessage, type UnitErrorCode } from '../../src/shared/units';

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

describe('spellings a student types are accepted', () => {
  it.each([
    ['−50 mV', 'voltage', -50], // U+2212, as the app prints negative values
    ['–50 mV', 'voltage', -50], // en dash, from slides and word processors
    ['-50mV', 'voltage', -50],
    ['-50 mV', 'voltage', -50],
    ['−1e−3 V', 'voltage', -1],
    ['5\u202fms', 'time', 5], // narrow no-break space
    ['1 µS', 'conductance', 1], // micro sign U+00B5
    ['1 μS', 'conductance', 1], // Greek mu U+03BC
    ['1 uS', 'conductance', 1],
    ['10 MΩ', 'resistance', 10],
    ['10 MOhm', 'resistance', 10],
    ['10 Mohm', 'resistance', 10],
    ['10 MOhms', 'resistance', 10],
    ['1000 kΩ', 'resistance', 1],
    ['1e6 ohm', 'resistance', 1],
    ['1e6 Ohm', 'resistance', 1],
    ['1e6 Ω', 'resistance', 1],
    ['5 ms', 'time', 5],
    ['5 msec', 'time', 5],
    ['0.5 s', 'time', 500],
    ['0.5 sec', 'time', 500],
    ['2 secs', 'time', 2000],
    ['500 usec', 'time', 0.5],
    ['5 milliseconds', 'time', 5],
    ['10 Hz', 'rate', 10],
    ['10 hz', 'rate', 10],
    ['1 kHz', 'rate', 1000],
    ['1 khz', 'rate', 1000],
    ['5e6 S', 'conductance', 5e12], // a power of ten says what a prefix might not
  ] as const)('%s as %s is %d', (text, dim, value) => {
    expect(parseQuantity(text, dim)).toEqual({ ok: true, value });
  });
});

describe('refusals carry a code, data and one sentence from the table', () => {
  it.each([
    ['-50 mv', 'voltage', 'unknown_unit', '-50 mV'],
    ['−50 mv', 'voltage', 'unknown_unit', '-50 mV'],
    ['5 na', 'current', 'unknown_unit', '5 nA'],
    ['5 NA', 'current', 'unknown_unit', '5 nA'],
    ['5 pf', 'capacitance', 'unknown_unit', '5 pF'],
    ['5 KHz', 'rate', 'unknown_unit', '5 kHz'],
    ['5 MS', 'conductance', 'ambiguous_unit', '5 mS'],
    ['5 MV', 'voltage', 'ambiguous_unit', '5 mV'],
    ['5 Ms', 'time', 'ambiguous_unit', '5 ms'],
    ['10 mohm', 'resistance', 'ambiguous_unit', '10 MΩ'],
    ['5 MS', 'time', 'wrong_dimension', '5 ms'],
    ['5 mS', 'time', 'wrong_dimension', '5 ms'],
    ['6 ns', 'conductance', 'wrong_dimension', '6 nS'],
    ['0,5 nA', 'current', 'decimal_comma', '0.5 nA'],
  ] as const)('%s as %s: %s, did you mean %s?', (text, dim, code, suggestion) => {
    const r = parseQuantity(text, dim);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code, text, want: dim, suggestion });
    expect(r.reason).toBe(unitErrorMessage(r.error));
    expect(r.reason).toContain(`Did you mean "${suggestion}"`);
  });

  it.each([
    ['', 'time', 'empty'],
    ['   ', 'time', 'empty'],
    ['mV', 'voltage', 'no_number'],
    ['5', 'voltage', 'no_unit'],
    ['abc', 'voltage', 'not_a_quantity'],
    ['5 $', 'time', 'not_a_quantity'],
    ['5 furlongs', 'time', 'unknown_unit'],
    ['2 nA', 'voltage', 'wrong_dimension'],
    ['5 mV', 'dimensionless', 'wrong_dimension'],
    ['1e400 mV', 'voltage', 'out_of_range'],
  ] as const)('%j as %s: %s, no suggestion', (text, dim, code) => {
    const r = parseQuantity(text, dim);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.suggestion).toBeUndefined();
    expect(r.reason).not.toContain('Did you mean');
  });

  it('a bare number given where a unit is needed is no_unit; in a plain-number field it is fine', () => {
    expect(parseQuantity(5, 'voltage')).toMatchObject({ ok: false, error: { code: 'no_unit', want: 'voltage' } });
    expect(parseQuantity(5, 'dimensionless')).toEqual({ ok: true, value: 5 });
    expect(parseQuantity(Infinity, 'dimensionless')).toMatchObject({ ok: false, error: { code: 'out_of_range' } });
  });

  it('an ambiguous unit names both meanings and how to write the literal one', () => {
    const r = parseQuantity('5 MS', 'conductance');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/megasiemens.*"5 mS" \(millisiemens\).*"5e6 S"/);
  });

  it('parseRaw (no dimension asked for) suggests among all our units', () => {
    const r = parseRaw('5 mv');
    expect(isUnitError(r)).toBe(true);
    expect(r).toMatchObject({ code: 'unknown_unit', unit: 'mv', suggestion: '5 mV' });
    expect(isUnitError(parseRaw('5 mV'))).toBe(false);
  });

  it('every code has a sentence that starts with a capital or a quote and ends with a full stop', () => {
    const codes: UnitErrorCode[] = ['empty', 'not_a_quantity', 'no_number', 'no_unit', 'decimal_comma', 'unknown_unit', 'ambiguous_unit', 'wrong_dimension', 'out_of_range'];
    for (const code of codes) {
      const text = unitErrorMessage({ code, text: '5 x', want: 'time', unit: 'x', got: 'voltage' });
      expect(text).toMatch(/^["A-Z].*[.?]$/);
    }
  });
});
