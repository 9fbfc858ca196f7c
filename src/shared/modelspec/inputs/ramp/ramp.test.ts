/** ramp: `from` until start, linear to `to` at stop, `to` after, per neuron, on both backends. */
import { describe, it } from 'vitest';
import { inputAgreesWithClosedForm } from '../../../../../test/spec/inputSpecRun';

const scalar = (value: number) => ({ kind: 'scalar' as const, value });
const array = (values: number[]) => ({ kind: 'array' as const, values: Float64Array.from(values) });

describe('ramp', () => {
  it('rises linearly from `from` at start to `to` at stop and holds, per neuron', async () => {
    const from = [1, -0.5];
    const to = [3, 2];
    const [start, stop] = [10, 30];
    await inputAgreesWithClosedForm({
      model: 'ramp', params: { from: array(from), to: array(to), start: scalar(start), stop: scalar(stop) }, size: 2, steps: 400,
      // the closed form written as the old kernel computed it, so typed agrees to the bit
      current: (t, i) => from[i] + (to[i] - from[i]) * (t <= start ? 0 : t >= stop ? 1 : (t - start) / (stop - start)),
    });
  }, 60_000);

  it('jumps to `to` just after start when stop is not after start (never 0/0)', async () => {
    for (const [start, stop] of [[10, 10], [20, 5]]) {
      await inputAgreesWithClosedForm({
        model: 'ramp', params: { from: array([1]), to: array([3]), start: scalar(start), stop: scalar(stop) }, size: 1, steps: 300,
        current: (t) => (t <= start ? 1 : 3),
      });
    }
  }, 60_000);
});
