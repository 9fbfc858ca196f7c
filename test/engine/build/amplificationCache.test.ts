/**
 * The threshold check's synapse amplification (engine/spec/amplification.ts) is kept per model,
 * parameter values and dt: the app rebuilds on every edit, and an unchanged projection must not
 * drive its synapse kernel to steady state again. Counted (AmplificationCache.computed), not timed.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import { AmplificationCache, amplificationCache, synapseAmplification } from '../../../src/engine/spec/amplification';
import { getBundledSynapseModel, specModelFromSource, type SpecModel } from '../../../src/shared/modelspec/registry';
import { sourceDoc } from '../../models/synapses/helpers';

const NMDA = getBundledSynapseModel('NMDA') as SpecModel;
const params = { alpha1: 2000, beta1: 10, alpha2: 1000, beta2: 500, T: 1, T_dur: 0.5 };

describe('amplification cache', () => {
  it('computes once per (model, parameter values, dt) and returns what the kernel gives', () => {
    const calls: number[] = [];
    const cache = new AmplificationCache((m, ir, dt) => {
      calls.push(dt);
      return synapseAmplification(m, ir, dt);
    });
    const a = cache.get(NMDA, { model: 'NMDA', params }, 0.1);
    expect(a).toEqual(synapseAmplification(NMDA, { model: 'NMDA', params }, 0.1));
    expect(cache.get(NMDA, { model: 'NMDA', params: { ...params } }, 0.1)).toBe(a);
    expect(calls).toEqual([0.1]);
    cache.get(NMDA, { model: 'NMDA', params }, 0.05); // another dt
    cache.get(NMDA, { model: 'NMDA', params: { ...params, alpha1: 100 } }, 0.1); // another value
    expect(calls).toEqual([0.1, 0.05, 0.1]);
    expect(cache.computed).toBe(3);
  });

  it('a model recompiled from new text (same name) is computed again, not read from the old one', () => {
    const text = (tau: string) => `synapse Mine\nparam tau = ${tau}  # Decay.\ndg/dt = -g / tau : 1 (exact)\non_pre g += w\noutput g\n`;
    const compile = (t: string) => {
      const r = specModelFromSource(t);
      if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
      return r.model;
    };
    const cache = new AmplificationCache();
    const ir = { model: 'Mine', params: { tau: 5 } };
    cache.get(compile(text('5 ms')), ir, 0.1);
    cache.get(compile(text('5 ms')), ir, 0.1);
    expect(cache.computed).toBe(2);
  });

  it('a second build of an unchanged document runs no synapse kernel; an edited parameter runs one', () => {
    // alpha1 unique to this test, so the first build cannot find it cached by another
    const doc = (alpha1: string) => sourceDoc([1], { steps: 10, synapse: { model: 'NMDA', alpha1 }, weight: '0.5 nA' });
    const before = amplificationCache.computed;
    build(doc('0.123 /ms'));
    const first = amplificationCache.computed - before;
    expect(first, 'the first build computes the bound').toBe(1);
    build(doc('0.123 /ms'));
    expect(amplificationCache.computed - before, 'the rebuild computes nothing').toBe(1);
    build(doc('0.124 /ms'));
    expect(amplificationCache.computed - before, 'an edit computes the edited projection only').toBe(2);
  });
});
