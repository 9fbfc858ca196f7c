/** constant: I = amplitude at every step, one value per neuron when given so (an F-I sweep), on both backends. */
import { describe, it } from 'vitest';
import { inputAgreesWithClosedForm } from '../../../../../test/spec/inputSpecRun';

const array = (values: number[]) => ({ kind: 'array' as const, values: Float64Array.from(values) });

describe('constant', () => {
  it('is its amplitude at every step, per neuron', async () => {
    const amps = [0.5, 1, 2.25];
    await inputAgreesWithClosedForm({ model: 'constant', params: { amplitude: array(amps) }, size: 3, steps: 50, current: (_t, i) => amps[i] });
  }, 60_000);
});
