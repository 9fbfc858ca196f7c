import { describe, expect, it } from 'vitest';
import { fieldValue } from '../../src/renderer/inspector/fieldValue';
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
  it('treats an empty optional field as "use the default" and an empty required one as an error', () => {
    expect(fieldValue('', { dim: 'time', optional: true })).toEqual({ ok: true, value: undefined });
    expect(fieldValue('', { dim: 'time' }).ok).toBe(false);
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
