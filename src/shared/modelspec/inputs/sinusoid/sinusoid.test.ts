/** sinusoid: offset + amplitude·sin(2π f t + phase), f in Hz and t in ms, on both backends. */
import { describe, it } from 'vitest';
import { inputAgreesWithClosedForm } from '../../../../../test/spec/inputSpecRun';

const scalar = (value: number) => ({ kind: 'scalar' as const, value });

describe('sinusoid', () => {
  it('is offset + amplitude sin(2π f t + phase)', async () => {
    await inputAgreesWithClosedForm({
      model: 'sinusoid', params: { amplitude: scalar(2), offset: scalar(1), frequency: scalar(10), phase: scalar(0.3) }, steps: 1000,
      current: (t) => 1 + 2 * Math.sin(2 * Math.PI * 10 * t / 1000 + 0.3),
      // f is 0.01 /ms in the spec: 2π·(f/1000)·t rounds differently from 2π·f·t/1000, a few ulp of the phase
      typedTolerance: 1e-13,
    });
  }, 60_000);
});
