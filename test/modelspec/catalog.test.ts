/**
 * Each bundled neuron spec against the catalogue entry it describes (src/shared/catalog): the
 * same parameters in the same order with the same dimension, default and doc, the same state
 * variables with the same dimension and initial value, the same choices. While both exist this
 * keeps them from drifting apart.
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

describe('bundled neuron specs match the catalogue', () => {
  it('covers every neuron model of the catalogue (hand-written entries and spec-only models, each once)', async () => {
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
    });
  }
});
