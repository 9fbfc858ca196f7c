/**
 * Every neuron entry of the catalogue is derived from its spec (modelspec/specModel.ts): the
 * spec's parameters in the same order with their dimension, default (in document units: rates in
 * Hz) and doc, its state variables with their initial values, its choices; and the bounds the
 * build enforces, which the hand-written entries had before the derivation replaced them.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../src/shared/catalog';
import { compileSpec, constantValue, type NeuronSpec } from '../../src/shared/modelspec/check';
import { dimEqual, formatDim, namedDim } from '../../src/shared/modelspec/dimension';
import { NEURON_SPECS, SPEC_ONLY_NEURONS } from '../../src/shared/modelspec/neurons';
import { parseQuantity } from '../../src/shared/units';

/** Coherent internal value (rates per ms) -> the document's internal unit (rates in Hz). */
const MS_PER_S = 1000;

function compiled(source: string): NeuronSpec {
  const r = compileSpec(source);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.spec;
}

describe('the catalogue\'s neuron entries are derived from the bundled specs', () => {
  it('covers every neuron model of the catalogue (bundled and spec-only models, each once)', async () => {
    const { modelsOf } = await import('../../src/shared/catalog');
    const all = [...NEURON_SPECS, ...SPEC_ONLY_NEURONS].map((s) => s.name);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(modelsOf('neuron').map((m) => m.name).sort());
  });

  for (const { name, source } of NEURON_SPECS) {
    it(name, () => {
      const spec = compiled(source);
      const model = getModel('neuron', name);
      expect(model, `catalogue has ${name}`).toBeDefined();
      if (!model) return;
      expect(spec.name).toBe(name);
      expect(spec.params.map((p) => p.name)).toEqual(model.params.map((p) => p.name));
      for (const [k, cat] of model.params.entries()) {
        const p = spec.params[k];
        expect(dimEqual(p.dim, namedDim(cat.dim)), `${name}.${p.name}: spec ${formatDim(p.dim)}, catalogue ${cat.dim}`).toBe(true);
        expect(p.doc, `${name}.${p.name} doc`).toBe(cat.doc);
        const q = parseQuantity(cat.default ?? '', cat.dim);
        expect(q.ok, `${name}.${p.name} catalogue default parses`).toBe(true);
        const internal = (p.default ?? NaN) * (cat.dim === 'rate' ? MS_PER_S : 1);
        if (q.ok) expect(internal, `${name}.${p.name} default`).toBeCloseTo(q.value, 12);
      }
      expect(spec.states.map((s) => s.name)).toEqual((model.state ?? []).map((s) => s.name));
      for (const [k, cat] of (model.state ?? []).entries()) {
        const s = spec.states[k];
        expect(dimEqual(s.dim, namedDim(cat.dim)), `${name}.${s.name} dimension`).toBe(true);
        expect(s.doc, `${name}.${s.name} doc`).toBe(cat.doc);
        const q = parseQuantity(cat.init, cat.dim);
        if (!q.ok) throw new Error(q.reason);
        expect(constantValue(s.init).value, `${name}.${s.name} init`).toBeCloseTo(q.value, 12);
      }
      expect(spec.choices.map((c) => ({ name: c.name, choices: c.options, default: c.options[0], doc: c.doc }))).toEqual(
        (model.choices ?? []).map((c) => ({ name: c.name, choices: [...c.choices], default: c.default, doc: c.doc })),
      );
      const bounds = BOUNDS[name];
      const having = (flag: 'positive' | 'nonNegative' | 'timeConstant'): string[] => model.params.filter((p) => p[flag]).map((p) => p.name).sort();
      expect({ positive: having('positive'), nonNegative: having('nonNegative'), timeConstant: having('timeConstant') }, `${name} bounds`).toEqual({
        positive: [...bounds.positive].sort(), nonNegative: [...bounds.nonNegative].sort(), timeConstant: [...bounds.timeConstant].sort(),
      });
      expect(model.params.every((p) => p.perNeuron), `${name}: every parameter may differ between neurons`).toBe(true);
      expect(model.preset, `${name} has a palette preset`).toBeDefined();
      expect(model.title).not.toMatch(/model spec/);
    });
  }

  it('keeps a default in the unit the spec wrote it in, and a bound the spec declares', () => {
    const izh = getModel('neuron', 'Izhikevich');
    expect(izh?.params.find((p) => p.name === 'a')?.default).toBe('0.02 /ms');
    expect(getModel('neuron', 'LIF')?.params.find((p) => p.name === 'R')?.default).toBe('1 ohm');
    const r = compileSpec('model X\nparam g = -1 nS (nonnegative)\ninput I : nA\ndV/dt = (g*(0 mV - V) + I) / (1 nF) : mV (exact)\ninit V = 0 mV\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/"g" must not be negative/) });
  });
});

/**
 * The bounds build enforces on each bundled model's parameters, as its hand-written catalogue
 * entry had them: a divisor is positive (and a time constant dt must resolve), a refractory
 * period non-negative, and the rest declared in the spec ((positive), (nonnegative)).
 */
const BOUNDS: Readonly<Record<string, { positive: readonly string[]; nonNegative: readonly string[]; timeConstant: readonly string[] }>> = {
  LIF: { positive: ['tau', 'R'], nonNegative: [], timeConstant: ['tau'] },
  LIFRef: { positive: ['tau', 'R'], nonNegative: ['tau_ref'], timeConstant: ['tau'] },
  ExpIF: { positive: ['R', 'tau', 'delta_T'], nonNegative: [], timeConstant: ['tau'] },
  ExpIFRef: { positive: ['R', 'tau', 'delta_T'], nonNegative: ['tau_ref'], timeConstant: ['tau'] },
  AdExIF: { positive: ['R', 'tau', 'tau_w', 'delta_T'], nonNegative: [], timeConstant: ['tau', 'tau_w'] },
  AdExIFRef: { positive: ['R', 'tau', 'tau_w', 'delta_T'], nonNegative: ['tau_ref'], timeConstant: ['tau', 'tau_w'] },
  QuaIF: { positive: ['R', 'tau', 'c'], nonNegative: [], timeConstant: ['tau'] },
  ALIF: { positive: ['R', 'tau', 'tau_a'], nonNegative: [], timeConstant: ['tau', 'tau_a'] },
  Izhikevich: { positive: ['C'], nonNegative: [], timeConstant: [] },
  IzhikevichRef: { positive: ['C'], nonNegative: ['tau_ref'], timeConstant: [] },
  HH: { positive: ['C'], nonNegative: ['gNa', 'gK', 'gL'], timeConstant: [] },
};
