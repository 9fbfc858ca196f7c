/**
 * The settled output of a synapse spec under a spike at every step (engine/spec/amplification.ts),
 * read off its kernel, against closed forms: Expon's geometric sum, the sum of Alpha's samples
 * n·a·e^{−n·a} (a = dt/τ), and the steady open fractions of AMPA and NMDA with the pulse held on.
 * A model whose output never settles has no bound.
 */
import { describe, expect, it } from 'vitest';
import { getBundledSynapseModel, specModelFromSource, type SpecModel } from '../../src/shared/modelspec/registry';
import { synapseAmplification } from '../../src/engine/spec/amplification';

const DT = 0.1;
const bundled = (name: string): SpecModel => {
  const m = getBundledSynapseModel(name);
  if (!m) throw new Error(`no bundled ${name}`);
  return m;
};
const rel = (got: number | undefined, want: number): number => Math.abs((got ?? NaN) - want) / want;

describe('synapse amplification from the spec', () => {
  it('Expon: 1 / (1 − e^{−dt/τ}) per spike', () => {
    const a = synapseAmplification(bundled('Expon'), { model: 'Expon', params: { tau: 5 } }, DT);
    expect(a?.perSpike).toBe(true);
    expect(rel(a?.factor, 1 / (1 - Math.exp(-DT / 5)))).toBeLessThan(1e-9);
  });

  it('Alpha: Σ n·a·e^{−n·a} = a·e^{−a} / (1 − e^{−a})² per spike (about τ/dt)', () => {
    const a = synapseAmplification(bundled('Alpha'), { model: 'Alpha', params: { tau: 5 } }, DT);
    const x = DT / 5;
    expect(a?.perSpike).toBe(true);
    expect(rel(a?.factor, (x * Math.exp(-x)) / (1 - Math.exp(-x)) ** 2)).toBeLessThan(1e-9);
  });

  it('AMPA: the steady open fraction αT / (αT + β) with the pulse on, per synapse', () => {
    const a = synapseAmplification(bundled('AMPA'), { model: 'AMPA', params: { alpha: 980, beta: 180, T: 0.5, T_dur: 0.5 } }, DT);
    expect(a?.perSpike).toBe(false);
    expect(rel(a?.factor, 0.49 / (0.49 + 0.18))).toBeLessThan(1e-9);
  });

  it('NMDA: x∞ = α₂T / (α₂T + β₂), g∞ = α₁x∞ / (α₁x∞ + β₁)', () => {
    const a = synapseAmplification(bundled('NMDA'), { model: 'NMDA', params: { alpha1: 2000, beta1: 10, alpha2: 1000, beta2: 500, T: 1, T_dur: 0.5 } }, DT);
    const x = 1 / (1 + 0.5);
    expect(a?.perSpike).toBe(false);
    expect(rel(a?.factor, (2 * x) / (2 * x + 0.01))).toBeLessThan(1e-9);
  });

  it('a synapse whose output grows without end has no bound', () => {
    const r = specModelFromSource('synapse Pile\ndg/dt = 0 / ms : 1 (exact)\non_pre g += w\noutput g\n');
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    expect(synapseAmplification(r.model, { model: 'Pile', params: {} }, DT)).toBeUndefined();
  });
});
