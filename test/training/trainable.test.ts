/** The inspector's training edits are pure and keep the document loadable. */
import { describe, expect, it } from 'vitest';
import { ProjectionNode } from '../../src/shared/document';
import { trainedSummary, withTrainable, withoutTrained } from '../../src/renderer/training/trainable';

const base = ProjectionNode.parse({ id: 'p', kind: 'projection', conn: { rule: 'all_to_all' }, weight: '0.5 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } });

describe('trainable marks', () => {
  it('toggle without leaving a key behind', () => {
    const on = withTrainable(base, true);
    expect(on.trainable).toBe(true);
    expect(withTrainable(on, false)).toEqual(base);
    expect(ProjectionNode.safeParse(on).success).toBe(true);
  });

  it('say when trained weights replace the weight, and discarding them brings the weight back', () => {
    expect(trainedSummary(base)).toBeNull();
    const trained = { ...base, trained: { unit: 'nA', weights: [1, 2, 3], epochs: 1 } };
    expect(trainedSummary(trained)).toBe('Trained weights (3 synapses, 1 epoch) replace "weight" when the network runs.');
    expect(withoutTrained(trained)).toEqual(base);
  });
});
