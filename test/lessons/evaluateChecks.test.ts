import { describe, expect, it } from 'vitest';
import { Document } from '../../src/shared/document';
import { evaluateChecks, type LessonCheck } from '../../src/shared/lessons';
import { parseQuantity } from '../../src/shared/units';

const doc = Document.parse({
  nodes: [
    { id: 'E', kind: 'population', model: 'LIF', size: 1, params: {}, position: [0, 0] },
    { id: 'I', kind: 'population', model: 'LIF', size: 1, params: {}, position: [300, 0] },
    { id: 'I->E', kind: 'projection', synapse: { model: 'GABAa', beta: '90 Hz' }, output: { model: 'COBA', E: '-80 mV' }, conn: { rule: 'all_to_all' }, weight: '1 nS', position: [150, 100] },
  ],
  wires: [{ from: 'I', to: 'I->E' }, { from: 'I->E', to: 'E' }],
});

/** An "equals" bound as the lesson parser makes it: the typed text and its internal value. */
function bound(text: string): { text: string; value: number } {
  const q = parseQuantity(text, 'rate');
  if (!q.ok) throw new Error(q.reason);
  return { text, value: q.value };
}
const betaCheck = (text: string): LessonCheck => ({
  kind: 'param', node: 'I->E', field: 'synapse.beta', range: { dim: 'rate', min: bound(text), max: bound(text) }, line: 7,
});

describe('evaluateChecks: a field check reads back in the lesson’s unit', () => {
  it('shows 90 Hz typed by the student as 0.09 /ms when the lesson expects 0.09 /ms, and passes', () => {
    const [v] = evaluateChecks([betaCheck('0.09 /ms')], doc, null);
    expect(v).toEqual({ pass: true, text: 'synapse.beta of "I->E" is 0.09 /ms (expected 0.09 /ms).', line: 7 });
  });

  it('fails a value outside the range, in the lesson’s unit', () => {
    const [v] = evaluateChecks([betaCheck('0.18 /ms')], doc, null);
    expect(v.pass).toBe(false);
    expect(v.text).toBe('synapse.beta of "I->E" is 0.09 /ms; expected 0.18 /ms.');
  });
});
