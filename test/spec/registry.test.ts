/**
 * Spec models in the catalogue (src/shared/modelspec/registry.ts): the four spec-only bundled
 * models have entries derived from their specs (parameters that parse with their own units,
 * states, equations KaTeX can typeset), a document's custom models come and go, and a custom
 * model cannot take a bundled model's name.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { getModel, modelsOf } from '../../src/shared/catalog';
import { getSpecModel, registerDocumentModels, registerSpecModel, specModelFromSource } from '../../src/shared/modelspec/registry';
import { SPEC_ONLY_NEURONS } from '../../src/shared/modelspec/neurons';
import { LIF } from '../../src/shared/modelspec/neurons/lif';
import { parseQuantity } from '../../src/shared/units';

/** Every model defined only by its spec, found from its folder (src/shared/modelspec/neurons/<model>/). */
const NEW_MODELS = SPEC_ONLY_NEURONS.map((s) => s.name);

describe('spec models in the catalogue', () => {
  it.each(NEW_MODELS)('%s is a neuron model with fields derived from its spec', (name) => {
    const entry = getModel('neuron', name);
    expect(entry, name).toBeDefined();
    expect(modelsOf('neuron').map((m) => m.name)).toContain(name);
    const spec = getSpecModel(name)?.spec;
    expect(spec).toBeDefined();
    if (!entry || !spec) return;
    expect(entry.params.map((p) => p.name)).toEqual(spec.params.map((p) => p.name));
    expect(entry.state?.map((s) => s.name)).toEqual(spec.states.map((s) => s.name));
    // Every default reads back, in the document's units, as the spec's value (rates: Hz vs per ms).
    for (const p of entry.params) {
      const q = parseQuantity(p.default ?? '', p.dim);
      expect(q.ok, `${name}.${p.name} = ${String(p.default)}`).toBe(true);
      const coherent = spec.params.find((x) => x.name === p.name)?.default as number;
      if (q.ok) expect(p.dim === 'rate' ? q.value / 1000 : q.value).toBeCloseTo(coherent, 12);
    }
    for (const s of entry.state ?? []) expect(parseQuantity(s.init, s.dim).ok, `${name}.${s.name}`).toBe(true);
    for (const [k, v] of Object.entries(entry.preset ?? {})) {
      const p = entry.params.find((x) => x.name === k);
      if (p) expect(parseQuantity(v, p.dim).ok, `${name} preset ${k}`).toBe(true);
      else expect(entry.choices?.some((c) => c.name === k && c.choices.includes(String(v))), `${name} preset ${k}`).toBe(true);
    }
    expect(() => katex.renderToString(entry.equations ?? '', { throwOnError: true, displayMode: true })).not.toThrow();
    expect(entry.title.length).toBeGreaterThan(3);
    expect(entry.doc.length).toBeGreaterThan(40);
  });

  it('derives bounds: a divisor is positive, a time divisor a time constant, the refractory period non-negative', () => {
    const r = specModelFromSource(LIF.source.replace('model LIF', 'model LIFCopy') + 'param tau_ref = 2 ms\nrefractory tau_ref\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = (n: string) => r.model.catalog.params.find((x) => x.name === n);
    expect(p('tau')).toMatchObject({ positive: true, timeConstant: true, dim: 'time', default: '5 ms' });
    expect(p('tau_ref')).toMatchObject({ nonNegative: true });
    expect(p('V_th')?.positive).toBeUndefined();
    expect(r.model.catalog.choices?.[0]).toMatchObject({ name: 'reset', choices: ['soft', 'hard'], default: 'soft' });
    expect(r.model.catalog.equations).toContain('\\frac{dV}{dt}');
  });

  it('refuses a parameter whose dimension no document field holds, at its line', () => {
    const r = specModelFromSource('model Odd\nparam k = 2 mV/ms\ninput I : nA\ndV/dt = k + I/(1 nF) : mV (euler)\ninit V = 0 mV\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ line: 2 });
  });

  it('registers a document\'s custom models, replaces them with the next document\'s, and reports bad ones by name and line', () => {
    const good = { name: 'MyLIF', source: LIF.source.replace('model LIF', '# My leaky neuron\nmodel MyLIF') };
    expect(registerDocumentModels([good])).toEqual([]);
    expect(getModel('neuron', 'MyLIF')?.title).toBe('My leaky neuron');
    expect(getSpecModel('MyLIF')).toBeDefined();
    const bad = { name: 'Broken', source: 'model Broken\nparam tau = 5 ms\ndV/dt = -V/tau + 1 nA : mV (exact)\ninit V = 0 mV\n' };
    const problems = registerDocumentModels([bad]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/Custom model "Broken", line 3/);
    expect(getModel('neuron', 'MyLIF')).toBeUndefined();
    expect(getSpecModel('MyLIF')).toBeUndefined();
    expect(getModel('neuron', 'Broken')).toBeUndefined();
  });

  it('refuses to shadow a bundled model, hand-written or spec-only', () => {
    for (const name of ['LIF', 'GIF']) {
      const r = specModelFromSource(LIF.source.replace('model LIF', `model ${name}`));
      expect(r.ok).toBe(true);
      if (r.ok) expect(() => registerSpecModel(r.model)).toThrow(/bundled model/);
      expect(registerDocumentModels([{ name, source: LIF.source.replace('model LIF', `model ${name}`) }])[0]?.message).toMatch(/bundled model/);
    }
    expect(getModel('neuron', 'LIF')?.title).not.toMatch(/model spec/);
  });
});
