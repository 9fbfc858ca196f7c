/**
 * step: amplitude for start <= t < stop, else 0 (both ends exactly at a step's time, and between
 * steps), on both backends; it is piecewise constant, so the fused typed driver is told where it
 * switches (nextChange) and runs between those steps without summing the inputs again.
 */
import { describe, expect, it } from 'vitest';
import { inputAgreesWithClosedForm } from '../../../../../test/spec/inputSpecRun';
import { getInputSpec } from '..';
import { InputCurrent } from '../../../../engine/spec/inputCurrent';

const scalar = (value: number) => ({ kind: 'scalar' as const, value });

describe('step', () => {
  for (const [start, stop] of [[10, 20], [10.05, 19.95], [0, 1e9]]) {
    it(`is the amplitude for ${start} <= t < ${stop} ms and 0 elsewhere`, async () => {
      await inputAgreesWithClosedForm({
        model: 'step', params: { amplitude: scalar(-1.5), start: scalar(start), stop: scalar(stop) }, steps: 300,
        current: (t) => (t >= start && t < stop ? -1.5 : 0),
      });
    }, 60_000);
  }

  it('switches at the first step at or after start and at or after stop', () => {
    const spec = getInputSpec('step');
    if (!spec) throw new Error('no step spec');
    const cur = new InputCurrent(spec, { id: 'in', model: 'step', target: 0, params: { amplitude: scalar(1), start: scalar(10.05), stop: scalar(20) } });
    expect(cur.piecewiseConstant).toBe(true);
    // 10.05 ms is between steps 100 and 101 (dt 0.1 ms); 20 ms is step 200 (200·0.1 = 20 in float64)
    expect(cur.nextChange(0, 0.1)).toBe(101);
    expect(cur.nextChange(101, 0.1)).toBe(200);
    expect(cur.nextChange(200, 0.1)).toBe(Infinity);
  });
});
