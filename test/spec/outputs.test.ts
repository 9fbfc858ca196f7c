/**
 * Output models as specs (shared/modelspec/outputs): each bundled spec compiles and has the fast
 * form its current allows; the kernels' gate equals MgBlock's closed form (BrainPy synouts.py,
 * Jahr & Stevens 1990) computed here; the catalogue entries come from the specs; an output the
 * kernels cannot take, or a unit slip in one, is refused with the output and the reason named;
 * the exporters take CUBA and COBA from the specs and refuse MgBlock naming it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { compileOutputSpec, getOutputSpec, OUTPUT_SPECS } from '../../src/shared/modelspec/outputs';
import { getModel } from '../../src/shared/catalog';
import { typedOutputKernel } from '../../src/engine/backends/typed/outputs';
import { tfOutputKernel } from '../../src/engine/backends/tfjs/outputs';
import { exportProject } from '../../src/engine/export';
import { sourceDoc } from '../models/synapses/helpers';

/** BrainPy's MgBlock: the unblocked fraction at V (mV); alpha per mV, beta and cc_Mg in mM. */
const unblocked = (V: number, p: { cc_Mg: number; beta: number; alpha: number; V_offset: number }): number =>
  1 / (1 + (p.cc_Mg / p.beta) * Math.exp(p.alpha * (p.V_offset - V)));

const mg = (): NonNullable<ReturnType<typeof getOutputSpec>> => {
  const out = getOutputSpec('MgBlock');
  if (!out) throw new Error('MgBlock is not a bundled output');
  return out;
};

describe('bundled output specs', () => {
  it('compile, each with the fast form its current has', () => {
    expect(OUTPUT_SPECS.map((s) => s.name)).toEqual(['CUBA', 'COBA', 'MgBlock']);
    expect(getOutputSpec('CUBA')?.form.kind).toBe('current');
    const coba = getOutputSpec('COBA')?.form;
    expect(coba?.kind === 'conductance' && coba.gate === undefined).toBe(true);
    const block = mg().form;
    expect(block.kind === 'conductance' && block.gate !== undefined).toBe(true);
    expect(getOutputSpec('CUBA')?.weightDim).toBe('current');
    expect(getOutputSpec('COBA')?.weightDim).toBe('conductance');
    expect(mg().weightDim).toBe('conductance');
  });

  it('give the catalogue entries: parameters, defaults, bounds and the weight dimension', () => {
    const entry = getModel('output', 'MgBlock');
    expect(entry?.params.map((p) => [p.name, p.dim, p.default])).toEqual([
      ['E', 'voltage', '0 mV'], ['cc_Mg', 'dimensionless', 1.2], ['alpha', 'dimensionless', 0.062], ['beta', 'dimensionless', 3.57], ['V_offset', 'voltage', '0 mV'],
    ]);
    expect(entry?.params.find((p) => p.name === 'beta')?.positive).toBe(true);
    expect(entry?.params.find((p) => p.name === 'cc_Mg')?.nonNegative).toBe(true);
    expect(entry?.weight?.dim).toBe('conductance');
    expect(entry?.equations).toMatch(/\\frac/);
    expect(getModel('output', 'COBA')?.params.map((p) => [p.name, p.default])).toEqual([['E', '0 mV']]);
    expect(getModel('output', 'CUBA')?.weight?.dim).toBe('current');
  });
});

describe('kernels from the output specs', () => {
  const cases = [
    { E: 0, cc_Mg: 1.2, alpha: 0.062, beta: 3.57, V_offset: 0 },
    { E: 10, cc_Mg: 2, alpha: 0.08, beta: 3, V_offset: -5 },
  ];
  const volts = Array.from({ length: 29 }, (_, k) => -100 + 5 * k);

  it('typed: COBA hands on E; MgBlock gates g by exactly the closed form (same operations in the same order)', () => {
    expect(typedOutputKernel(getOutputSpec('COBA') as never, { model: 'COBA', params: { E: -80 } })).toEqual({ kind: 'conductance', E: -80 });
    expect(typedOutputKernel(getOutputSpec('CUBA') as never, { model: 'CUBA', params: {} })).toEqual({ kind: 'current' });
    for (const p of cases) {
      const k = typedOutputKernel(mg(), { model: 'MgBlock', params: p });
      if (k.kind !== 'conductance' || !k.gate) throw new Error('MgBlock has no gate');
      expect(k.E).toBe(p.E);
      const got = k.gate(Float64Array.from(volts));
      volts.forEach((V, i) => expect(got[i]).toBe(unblocked(V, p)));
    }
  });

  it('tfjs: the gate agrees with the closed form to float32 rounding', () => {
    tf.setBackend('cpu');
    for (const p of cases) {
      const k = tfOutputKernel(mg(), { model: 'MgBlock', params: p });
      if (k.kind !== 'conductance' || !k.gate) throw new Error('MgBlock has no gate');
      const got = tf.tidy(() => (k.gate as (v: tf.Tensor) => tf.Tensor)(tf.tensor1d(volts)).dataSync());
      // float32: about 1e-7 relative per operation, a handful of operations
      volts.forEach((V, i) => expect(Math.abs(got[i] - unblocked(V, p)) / unblocked(V, p)).toBeLessThan(1e-6));
    }
  });

  it('a non-finite reversal potential is refused naming the output', () => {
    expect(() => typedOutputKernel(getOutputSpec('COBA') as never, { model: 'COBA', params: { E: Number.NaN } })).toThrow(/COBA/);
  });
});

describe('output specs that the kernels cannot take are refused with the reason', () => {
  const compile = (source: string) => compileOutputSpec({ name: 'X', title: 'X', doc: '', weightDoc: '', source });
  it('a unit slip names the term', () => {
    const r = compile('output X\ninput g : uS\ninput V : mV\nI = g * V + g : nA\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/Cannot add/);
  });
  it('a current must be I = g, and a V-dependent one g·(E − V)·f', () => {
    const scaled = compile('output X\ninput g : nA\nI = 2 * g : nA\n');
    expect(!scaled.ok && scaled.errors[0].message).toMatch(/output X: .*I = g/);
    const square = compile('output X\ninput g : uS\ninput V : mV\nI = g * V * V / mV : nA\n');
    expect(!square.ok && square.errors[0].message).toMatch(/output X: .*g \* \(E - V\) \* f/);
    const ok = compile('output X\nparam E = -70 mV\ninput g : uS\ninput V : mV\nI = 0.5 * g * (E - V) : nA\n');
    expect(ok.ok && ok.output.form.kind === 'conductance' && ok.output.form.gate !== undefined).toBe(true);
  });
  it('the header and the inputs are checked', () => {
    expect(compile('param E = 0 mV\n').ok).toBe(false);
    const extra = compile('output X\ninput g : uS\ninput u : mV\nI = g * (u - u) : nA\n');
    expect(!extra.ok && extra.errors.some((e) => /not "u"/.test(e.message))).toBe(true);
  });
});

describe('exporters read the outputs from their specs', () => {
  const doc = (output: Record<string, string>, weight: string) => {
    const d = sourceDoc([1], { steps: 100, synapse: { model: 'Expon', tau: '5 ms' }, output, weight });
    (d.nodes[1] as { params: Record<string, string> }).params.reset = 'hard'; // NEST resets hard only
    return d;
  };
  it('COBA: E from the spec in every target', () => {
    for (const target of ['brian2', 'brainpy', 'pynest'] as const) {
      const r = exportProject(doc({ model: 'COBA', E: '-75 mV' }, '2 nS'), target);
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
      expect(r.script).toMatch(/-75/);
    }
  });
  it('MgBlock: refused naming the output and its V-dependent factor', () => {
    for (const target of ['brian2', 'brainpy', 'pynest'] as const) {
      const r = exportProject(doc({ model: 'MgBlock', E: '0 mV' }, '2 nS'), target);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const p = r.problems.find((x) => x.field === 'output.model');
      expect(p?.nodeId).toBe('p');
      expect(p?.message).toMatch(/MgBlock output.*depends on V/);
    }
  });
});
