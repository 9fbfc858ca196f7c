/** Fields holding more than one quantity: lists, ranges and distributions, typed and shown as text. */
import { describe, expect, it } from 'vitest';
import { MAX_EDITABLE_ITEMS, parseValueText, valueText } from '../../src/renderer/inspector/valueText';

const ALL = ['list', 'linspace', 'normal', 'uniform'] as const;

describe('values typed as text', () => {
  it.each([
    ['10 ms, 15 ms, 20 ms', ['10 ms', '15 ms', '20 ms']],
    ['0 nA … 2 nA', { dist: 'linspace', from: '0 nA', to: '2 nA' }],
    ['0 nA ... 2 nA', { dist: 'linspace', from: '0 nA', to: '2 nA' }],
    ['−1 nA..1 nA', { dist: 'linspace', from: '-1 nA', to: '1 nA' }],
    ['N(-55 mV, 5 mV)', { dist: 'normal', mean: '-55 mV', std: '5 mV' }],
    ['u(0.1 nA, 0.3 nA)', { dist: 'uniform', low: '0.1 nA', high: '0.3 nA' }],
    ['2 nA', '2 nA'],
  ])('%s', (text, value) => {
    const dim = /mV/.test(text) ? 'voltage' : /ms/.test(text) ? 'time' : 'current';
    expect(parseValueText(text, { dim }, ALL)).toEqual({ ok: true, value });
  });

  it('shows what it parses back', () => {
    for (const v of [['10 ms', '15 ms'], { dist: 'linspace', from: '0 nA', to: '2 nA' }, { dist: 'normal', mean: '-55 mV', std: '5 mV' }, { dist: 'uniform', low: '1 nA', high: '2 nA' }] as const) {
      const dim = JSON.stringify(v).includes('mV') ? 'voltage' : JSON.stringify(v).includes('ms') ? 'time' : 'current';
      expect(parseValueText(valueText(v as never)!, { dim }, ALL)).toEqual({ ok: true, value: v });
    }
    expect(valueText(Array.from({ length: MAX_EDITABLE_ITEMS + 1 }, () => '1 nA'))).toBeNull();
  });

  it('refuses a bad part, naming it, and shapes the field does not take', () => {
    expect(parseValueText('10 ms, 15 mv', { dim: 'time' }, ['list'])).toMatchObject({ ok: false, code: 'unit', reason: expect.stringMatching(/^Item 2: /) });
    expect(parseValueText('N(-55 mV, -5 mV)', { dim: 'voltage' }, ALL)).toMatchObject({ ok: false, code: 'negative', reason: 'The std: Cannot be negative.' });
    expect(parseValueText('10 ms, , 20 ms', { dim: 'time' }, ['list'])).toMatchObject({ ok: false, code: 'empty', reason: expect.stringMatching(/^Item 2: A value is needed/) });
    expect(parseValueText('N(1 nA)', { dim: 'current' }, ALL)).toMatchObject({ ok: false, code: 'shape', reason: 'Write a normal distribution as "N(-55 mV, 5 mV)".' });
    expect(parseValueText('1 nA, 2 nA', { dim: 'current' }, ['normal', 'uniform'])).toMatchObject({ ok: false, code: 'shape', reason: expect.stringMatching(/takes one value or a normal distribution .* not a list/) });
    expect(parseValueText('0 nA … 2 nA', { dim: 'current' }, [])).toMatchObject({ ok: false });
    expect(parseValueText('', { dim: 'time' }, ['list'], '10 ms, 15 ms')).toMatchObject({ ok: false, code: 'empty', reason: expect.stringMatching(/Esc restores 10 ms, 15 ms\.$/) });
  });
});
