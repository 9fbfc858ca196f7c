import { describe, expect, it } from 'vitest';
import { checkIndices, checkNames, fieldValue } from '../../src/renderer/inspector/fieldValue';
import { actionFor, type KeyPress } from '../../src/renderer/shell/shortcuts';

describe('unit-aware field values', () => {
  it('accepts a quantity in any prefix of the right dimension and keeps the text typed', () => {
    expect(fieldValue('200 pA', { dim: 'current' })).toEqual({ ok: true, value: '200 pA' });
    expect(fieldValue(' -65   mV ', { dim: 'voltage' })).toEqual({ ok: true, value: '-65 mV' });
    expect(fieldValue('0.25', { dim: 'dimensionless', max: 1 })).toEqual({ ok: true, value: 0.25 });
  });
  it('refuses a wrong dimension, a typo, a bare number for a quantity and out-of-range values', () => {
    expect(fieldValue('5 kg', { dim: 'voltage' })).toMatchObject({ ok: false, reason: expect.stringMatching(/voltage/) });
    expect(fieldValue('-65 mVV', { dim: 'voltage' }).ok).toBe(false);
    expect(fieldValue('-65', { dim: 'voltage' })).toMatchObject({ ok: false, reason: expect.stringMatching(/no unit/) });
    expect(fieldValue('-5 ms', { dim: 'time', positive: true }).ok).toBe(false);
    expect(fieldValue('1.5', { dim: 'dimensionless', max: 1 }).ok).toBe(false);
    expect(fieldValue('2.5', { dim: 'dimensionless', integer: true }).ok).toBe(false);
  });
  it('refuses an empty field, naming the default and the value the document keeps', () => {
    // Clearing tau used to drop it from the document, so the run silently took the catalogue default.
    expect(fieldValue('', { dim: 'time', fallback: '5 ms' }, '10 ms')).toEqual({
      ok: false, code: 'empty', reason: 'A value is needed here (default: 5 ms); Esc restores 10 ms.',
    });
    expect(fieldValue('   ', { dim: 'dimensionless', integer: true, positive: true }, '400')).toMatchObject({ ok: false, code: 'empty' });
    expect(fieldValue('', { dim: 'time' })).toMatchObject({ ok: false, code: 'empty', reason: expect.stringMatching(/Esc leaves it unset/) });
  });
  it('refuses with a code per rule; unit refusals keep the unit error with its suggestion', () => {
    expect(fieldValue('0 ms', { dim: 'time', positive: true })).toMatchObject({ ok: false, code: 'not_positive' });
    expect(fieldValue('-1 ms', { dim: 'time', nonNegative: true })).toMatchObject({ ok: false, code: 'negative' });
    expect(fieldValue('2.5', { dim: 'dimensionless', integer: true })).toMatchObject({ ok: false, code: 'not_integer' });
    expect(fieldValue('1.5', { dim: 'dimensionless', max: 1 })).toMatchObject({ ok: false, code: 'above_max', reason: 'Must be at most 1.' });
    expect(fieldValue('-50 mv', { dim: 'voltage' })).toMatchObject({
      ok: false, code: 'unit', unit: { code: 'unknown_unit', suggestion: '-50 mV' }, reason: expect.stringMatching(/Did you mean "-50 mV"/),
    });
    expect(fieldValue('−50 mV', { dim: 'voltage' })).toEqual({ ok: true, value: '-50 mV' }); // stored with an ASCII minus
  });
  it('checks list fields: names and whole-number indices', () => {
    expect(checkNames('V, g_e')).toBeNull();
    expect(checkNames('V, 1x')).toMatch(/names separated by commas/);
    expect(checkIndices('0, 1, 5')).toBeNull();
    expect(checkIndices('0, -1')).toMatch(/whole numbers/);
    expect(checkIndices('0,,1')).toMatch(/whole numbers/);
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
  it('maps Ctrl and Cmd combinations, and leaves typing alone except for file commands', () => {
    expect(actionFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(actionFor(key('Z', { metaKey: true, shiftKey: true }), false)).toBe('redo');
    expect(actionFor(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(actionFor(key('f'), false)).toBe('fit');
    expect(actionFor(key('f'), true)).toBeNull();
    expect(actionFor(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(actionFor(key('s', { ctrlKey: true }), true)).toBe('save');
    expect(actionFor(key('Delete'), false)).toBe('delete');
  });
});
