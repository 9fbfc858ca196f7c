/**
 * registerDocumentModels runs at the start of every build, each live validation included: the same
 * custom models (by name and source, whatever the array's identity) are compiled and registered
 * once, while any change, or a model registered some other way meanwhile, registers them again,
 * so a build never sees another document's (or an older text's) model.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/engine/build';
import { getSpecModel, registerDocumentModels, registerSpecModel, specModelFromSource } from '../../src/shared/modelspec/registry';
import { LIF } from '../../src/shared/modelspec/neurons/lif';

const source = (tau: string): string => LIF.source.replace('model LIF', 'model MemoLIF').replace(/param tau = [^#\n]*/, `param tau = ${tau} `);
const models = (tau: string) => [{ name: 'MemoLIF', source: source(tau) }];

function documentWith(tau: string) {
  return {
    simulation: { dt: '0.1 ms', duration: '10 ms', seed: 1, backend: 'typed' },
    nodes: [{ id: 'P', kind: 'population', model: 'MemoLIF', size: 2, position: [0, 0], params: {} }],
    wires: [],
    customModels: models(tau),
  };
}

/** tau of P as built (ms), from the model's default. */
function builtTau(doc: unknown): number {
  const r = build(doc);
  if (!r.ir) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const tau = r.ir.populations[0].params.tau;
  if (tau?.kind !== 'scalar') throw new Error(`tau is ${JSON.stringify(tau)}`);
  return tau.value;
}

describe('a document\'s custom models are registered when they change, not on every build', () => {
  it('equal models (a copy, as each validation message brings) keep the registered model; a changed text replaces it', () => {
    expect(source('7 ms')).toContain('param tau = 7 ms');
    expect(registerDocumentModels(models('7 ms'))).toEqual([]);
    const first = getSpecModel('MemoLIF');
    expect(first).toBeDefined();
    expect(registerDocumentModels(structuredClone(models('7 ms')))).toEqual([]);
    expect(getSpecModel('MemoLIF')).toBe(first);
    expect(registerDocumentModels(models('9 ms'))).toEqual([]);
    expect(getSpecModel('MemoLIF')).not.toBe(first);
    expect(getSpecModel('MemoLIF')?.spec.params.find((p) => p.name === 'tau')?.default).toBe(9);
  });

  it('the same problems come back for the same bad models', () => {
    const bad = [{ name: 'Broken', source: 'model Broken\nparam tau = 5 ms\ndV/dt = -V/tau + 1 nA : mV (exact)\ninit V = 0 mV\n' }];
    const first = registerDocumentModels(bad);
    expect(first.length).toBeGreaterThan(0);
    expect(registerDocumentModels(structuredClone(bad))).toEqual(first);
  });

  it('a model registered another way meanwhile makes the next call register the document\'s models again', () => {
    registerDocumentModels(models('7 ms'));
    const registered = getSpecModel('MemoLIF');
    const other = specModelFromSource(source('3 ms'));
    if (!other.ok) throw new Error('MemoLIF 3 ms');
    registerSpecModel(other.model);
    expect(getSpecModel('MemoLIF')?.spec.params.find((p) => p.name === 'tau')?.default).toBe(3);
    registerDocumentModels(models('7 ms'));
    expect(getSpecModel('MemoLIF')).not.toBe(registered);
    expect(getSpecModel('MemoLIF')?.spec.params.find((p) => p.name === 'tau')?.default).toBe(7);
  });

  it('builds alternating between two texts of a model each build with their own', () => {
    expect(builtTau(documentWith('7 ms'))).toBe(7);
    const registered = getSpecModel('MemoLIF');
    expect(builtTau(documentWith('7 ms'))).toBe(7);
    expect(getSpecModel('MemoLIF')).toBe(registered);
    expect(builtTau(documentWith('12 ms'))).toBe(12);
    expect(builtTau(documentWith('7 ms'))).toBe(7);
    // a document without the model: gone, and a population naming it is refused
    expect(build({ ...documentWith('7 ms'), customModels: [] }).ir).toBeNull();
    expect(getSpecModel('MemoLIF')).toBeUndefined();
  });
});
