/**
 * The plasticity construct of the spec language (`plasticity Name`): what it parses into and the
 * errors its checks give, each with the line and column of the term they refuse.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/shared/modelspec/check';
import { isTransmit } from '../../src/shared/modelspec/ast';

const RULE = `plasticity Pair
param tau = 20 ms (positive)
param A = 0.01 (nonnegative, max = 1)
param w_max : 1 (weight)
choice bound = hard | soft
dapre/dt = -apre / tau : 1 (event-driven, pre)
dapost/dt = -apost / tau : 1 (event-driven, post)
on_pre [bound=hard] w = clip(w - A * w_max * apost, 0, w_max)
on_pre apre += 1
on_post apost += 1; w = clip(w + A * w_max * apre, 0, w_max)
`;

function errors(text: string): string[] {
  const r = compileSpec(text);
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

describe('plasticity rules in the spec language', () => {
  it('reads sides, statements and where each runs', () => {
    const r = compileSpec(RULE);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const { spec } = r;
    expect(spec.states.map((s) => [s.name, s.eventDriven])).toEqual([['apre', 'pre'], ['apost', 'post']]);
    expect(spec.params.find((p) => p.name === 'A')?.max).toBe(1);
    const rule = spec.plasticity;
    expect(rule?.weightParams).toEqual(['w_max']);
    expect(rule?.changesWeight).toBe(true);
    expect(rule?.transmits).toBe(false);
    expect(rule?.onPre.map((s) => [s.scope, s.when?.option])).toEqual([['synapse', 'hard'], ['pre', undefined]]);
    expect(rule?.onPost.map((s) => s.scope)).toEqual(['post', 'synapse']);
  });

  it('reads transmit as what a presynaptic spike delivers', () => {
    const r = compileSpec('plasticity D\nparam U = 0.5\ndx/dt = (1 - x) / (100 ms) : 1 (event-driven, pre)\ninit x = 1\non_pre transmit w * x; x -= U * x\n');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.spec.plasticity?.transmits).toBe(true);
    expect(r.spec.plasticity?.onPre.map((s) => isTransmit(s.statement))).toEqual([true, false]);
  });

  it('names the line and the term of each mistake', () => {
    expect(errors(RULE.replace('(event-driven, pre)', '(event-driven)'))).toEqual(['6:29 Say whose state this is: "(event-driven, pre)" for one per presynaptic neuron, "(event-driven, post)" for one per postsynaptic neuron.']);
    expect(errors(RULE.replace('(event-driven, pre)', '(exact)'))).toEqual(['6:1 A plasticity rule\'s states change at events: write "(event-driven, pre)" or "(event-driven, post)" after the unit of apre.']);
    expect(errors(RULE.replace('-apre / tau', '-apre * apre / tau'))[0]).toMatch(/^6:12 An event-driven state is solved in closed form between events, so dapre\/dt must be linear in apre/);
    expect(errors(RULE.replace('on_pre apre += 1', 'on_pre apost += 1'))).toEqual(['9:8 on_pre runs at a presynaptic spike; "apost" is a postsynaptic state, which changes in on_post.']);
    expect(errors(RULE.replace('on_pre apre += 1', 'on_pre apre += w'))).toEqual(['9:16 "apre" is one per presynaptic neuron, so its new value may name parameters and presynaptic states, not "w" (one per synapse or per postsynaptic neuron).']);
    expect(errors(RULE.replace('on_pre apre += 1', 'on_pre apre += 1 ms'))[0]).toMatch(/^9:\d+ "apre \+= …" needs/);
    expect(errors(RULE.replace('[bound=hard]', '[bound=firm]'))).toEqual(['8:9 "firm" is not an option of bound (hard, soft).']);
    expect(errors(RULE.replace('on_post apost += 1;', 'on_post transmit w * apre;'))).toEqual(['10:9 "transmit" says what a presynaptic spike delivers; it belongs in on_pre.']);
    expect(errors(RULE.replace('param w_max : 1 (weight)', 'param w_max : nA (weight)'))[0]).toBe('4:7 "w_max" is in the unit of the weight, written as a plain number (1) like w; it cannot be current.');
    expect(errors(RULE.replace('param A = 0.01 (nonnegative, max = 1)', 'param A = 2 (max = 1)'))).toEqual(['3:7 The default of "A" is above its declared max.']);
    expect(errors(RULE.replace('param tau = 20 ms', 'param w = 20 ms'))[0]).toBe('2:7 In a plasticity rule "w" is the synapse\'s weight; choose another name.');
  });

  it('keeps clip, transmit, on_post and event-driven states to plasticity rules', () => {
    expect(errors('model M\nparam tau = 10 ms\ndV/dt = clip(-V, 0, 1) / tau : 1 (euler)\n')).toEqual(['3:9 clip(x, low, high) is available in the on_pre and on_post statements of a plasticity rule; elsewhere write min(max(x, low), high).']);
    expect(errors('synapse S\nparam tau = 5 ms\ndg/dt = -g / tau : 1 (exact)\non_pre transmit w * g\noutput g\n')).toEqual(['4:8 "transmit" belongs to a plasticity rule; a synapse model adds w to its states.']);
    expect(errors('model M\nparam tau = 10 ms\ndV/dt = -V / tau : 1 (event-driven, pre)\n')).toEqual(['3:1 An event-driven state belongs to a plasticity rule (start the text with "plasticity Name").']);
    expect(errors('model M\nparam tau = 10 ms\ndV/dt = -V / tau : 1 (euler)\non_post V += 1\n')).toEqual(['4:1 on_post belongs to a plasticity rule: start the text with "plasticity Name".']);
    expect(errors('plasticity P\ndx/dt = -x / (5 ms) : 1 (event-driven, pre)\n')).toEqual(['1:1 A plasticity rule needs an "on_pre" or "on_post" line saying what a spike does, e.g. "on_pre apre += 1".']);
  });
});
