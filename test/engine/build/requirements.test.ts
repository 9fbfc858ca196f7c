/**
 * A spec's `require` lines (modelspec/check.ts SpecRequirement, build/requirements.ts): the build
 * checks relations between a model's parameters from the model's own text, reported at the node
 * and parameter with the spec's sentence, so no build code names a model.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../../src/engine/build';
import { compileSpec } from '../../../src/shared/modelspec/check';
import { sourceDoc } from '../../models/synapses/helpers';

const MY_DUAL = `synapse MyDual
param tau_a = 1 ms  # Fast.
param tau_b = 10 ms  # Slow.
require tau_a < tau_b  # tau_a must be shorter than tau_b.
require tau_b != 3 * tau_a  # tau_b cannot be three times tau_a.
dg/dt = -g / tau_a : 1 (exact)
on_pre g += w
output g
`;

const withSynapse = (synapse: Record<string, string>, customModels: { name: string; source: string }[] = []) =>
  build({ ...sourceDoc([1], { steps: 10, synapse }), customModels });

describe('require lines', () => {
  it('are parsed and checked: a comparison of parameters, with its message and the parameter it names first', () => {
    const r = compileSpec(MY_DUAL);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.requires.map((q) => [q.param, q.message])).toEqual([['tau_a', 'tau_a must be shorter than tau_b.'], ['tau_b', 'tau_b cannot be three times tau_a.']]);
  });

  it.each([
    ['require tau_a < tau_b', /comment/],
    ['require g > 0  # g positive', /parameters and constants, not "g"/],
    ['require t > tau_a  # t', /parameters and constants, not "t"/],
    ['require tau_a + tau_b  # sum', /comparison/],
    ['require 1 ms < 2 ms  # constants', /at least one parameter/],
    ['require tau_a < 1  # dimension', /Cannot compare time .* and dimensionless/],
  ])('refuses "%s" with a message at its line', (line, message) => {
    const r = compileSpec(MY_DUAL.replace('require tau_a < tau_b  # tau_a must be shorter than tau_b.', line));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].line).toBe(4);
    expect(r.errors[0].message).toMatch(message);
  });

  it('DualExpon: equal rise and decay reported at synapse.tau_rise with the node id and the spec\'s sentence; unequal ones build', () => {
    const bad = withSynapse({ model: 'DualExpon', tau_rise: '5 ms', tau_decay: '5 ms' });
    expect(bad.ir).toBeNull();
    const p = bad.problems.find((q) => q.path === 'nodes[2].synapse.tau_rise');
    expect(p).toMatchObject({ code: 'bad_value', nodeId: 'p', field: 'synapse.tau_rise' });
    expect(p?.message).toMatch(/DualExpon needs tau_rise different from tau_decay.*Alpha/);
    expect(withSynapse({ model: 'DualExpon', tau_rise: '2 ms', tau_decay: '5 ms' }).ir).not.toBeNull();
  });

  it('a custom synapse\'s require lines are checked the same way (document values in their units)', () => {
    const models = [{ name: 'MyDual', source: MY_DUAL }];
    expect(withSynapse({ model: 'MyDual' }, models).ir).not.toBeNull();
    const late = withSynapse({ model: 'MyDual', tau_a: '0.02 s', tau_b: '10 ms' }, models);
    expect(late.ir).toBeNull();
    expect(late.problems.find((q) => q.path === 'nodes[2].synapse.tau_a')?.message).toBe('tau_a must be shorter than tau_b.');
    const triple = withSynapse({ model: 'MyDual', tau_a: '2 ms', tau_b: '6 ms' }, models);
    expect(triple.problems.find((q) => q.path === 'nodes[2].synapse.tau_b')?.message).toBe('tau_b cannot be three times tau_a.');
  });

  it('no build code compares a model name with a synapse model', () => {
    const dir = join(__dirname, '../../../src/engine/build');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/[!=]== '(DualExpon|Alpha|AMPA|GABAa|NMDA|Expon|Delta)'/);
    }
  });
});
