/**
 * The document's training additions: trainable marks, trained weights and the training section
 * load, save and reach the build; bad trained weights are refused naming the node and field.
 * They are optional additions, so every file written before them loads unchanged (no new version).
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/engine/build';
import { simulate } from '../../src/engine/simulate';
import { Document } from '../../src/shared/document';
import { parseProjectFile, serializeProject } from '../../src/shared/projectFile';
import { feedForward } from './helpers';

const doc = () => Document.parse(feedForward({ nIn: 2, nHidden: 3, nOut: 2, task: { kind: 'xor', unitsPerGroup: 1 } }));

describe('training fields in the document', () => {
  it('round-trip through a project file', () => {
    const d = doc();
    const text = serializeProject(d);
    const back = parseProjectFile(text);
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('; '));
    expect(back.document.training).toEqual(d.training);
    expect(back.document.nodes.find((n) => n.id === 'in->hid')).toMatchObject({ trainable: true });
    expect(back.document.nodes.find((n) => n.id === 'hid')).not.toHaveProperty('trainable');
  });

  it('a file without them (written before training existed) loads as it was', () => {
    const { training: _t, ...rest } = feedForward({ nIn: 2, nHidden: 3, nOut: 2, task: { kind: 'xor' } });
    const plain = { ...rest, nodes: rest.nodes.map(({ trainable: _x, ...n }: Record<string, unknown>) => n) };
    const back = parseProjectFile(JSON.stringify({ format: 'snn-studio', version: 1, document: plain }));
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('; '));
    expect(back.document.training).toBeUndefined();
    expect(back.warnings).toEqual([]);
  });

  it('refuses a bad training section with its JSON path', () => {
    const d = doc();
    const bad = parseProjectFile(JSON.stringify({ format: 'snn-studio', version: 1, document: { ...d, training: { ...d.training, readout: { population: 'out', kind: 'mean' } } } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(JSON.stringify(bad.problems)).toMatch(/training\.readout\.kind/);
  });

  it('trained weights replace the weight in the build, one per synapse in the rule\'s order', async () => {
    const d = doc();
    const weights = [0.5, -1, 2, 3, 0, 1];
    const withTrained = { ...d, nodes: d.nodes.map((n) => (n.id === 'in->hid' ? { ...n, trained: { unit: 'nA', weights, epochs: 1 } } : n)) };
    const { ir } = build(withTrained);
    expect(ir?.projections[0].weight).toEqual({ kind: 'array', values: Float64Array.from(weights) });
    // A count that does not match the connectivity is refused when the network is set up.
    const wrong = { ...d, nodes: d.nodes.map((n) => (n.id === 'in->hid' ? { ...n, trained: { unit: 'nA', weights: [1, 2], epochs: 1 } } : n)) };
    const run = await simulate(wrong, { backend: 'typed' });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.problems.map((p) => p.message).join('\n')).toMatch(/in->hid\.weight has 2 values but 6 are needed/);
  });

  it('refuses trained weights in the wrong unit or not finite, naming node and field', () => {
    const d = doc();
    const problemsOf = (trained: unknown) => build({ ...d, nodes: d.nodes.map((n) => (n.id === 'in->hid' ? { ...n, trained } : n)) }).problems;
    expect(problemsOf({ unit: 'uS', weights: [1], epochs: 1 })).toContainEqual(expect.objectContaining({ nodeId: 'in->hid', field: 'trained.unit' }));
    // NaN never passes the schema; the problem carries its JSON path.
    expect(problemsOf({ unit: 'nA', weights: [1, Number.NaN], epochs: 1 }).map((p) => p.message).join(' ')).toMatch(/nodes\[3\]\.trained\.weights\[1\]: .*NaN/);
  });
});

describe('trained weights in the BrainPy export', () => {
  const trained = (rule: Record<string, unknown>) => {
    const d = doc();
    return { ...d, nodes: d.nodes.map((n) => (n.id === 'in->hid' ? { ...n, conn: rule, trained: { unit: 'nA', weights: [0.125, -1.5, 2, 3, 0, 1], epochs: 1 } } : n)) };
  };

  it('writes them, in the all_to_all order the script rebuilds', async () => {
    const { exportProject } = await import('../../src/engine/export');
    const r = exportProject(trained({ rule: 'all_to_all' }), 'brainpy');
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    // CUBA weights travel as uS with CUBA's 1 mV scale (brainpyParts), so nA values keep their numbers.
    expect(r.script).toContain('i, j = all_to_all(2, 3)');
    expect(r.script).toContain('csr(i, j, 2, 3, np.array([0.125, -1.5, 2.0, 3.0, 0.0, 1.0]) * u.uS)');
  });

  it('refuses them on a random rule, whose draw the script does not reproduce', async () => {
    const { exportProject } = await import('../../src/engine/export');
    const r = exportProject(trained({ rule: 'fixed_prob', p: 1 }), 'brainpy');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual(expect.objectContaining({ nodeId: 'in->hid', field: 'trained' }));
  });

  it('Brian2 and PyNEST refuse them, naming the projection, instead of writing one weight for all synapses', async () => {
    const { exportProject } = await import('../../src/engine/export');
    for (const target of ['brian2', 'pynest'] as const) {
      const r = exportProject(trained({ rule: 'all_to_all' }), target);
      expect(r.ok, target).toBe(false);
      if (!r.ok) expect(r.problems).toContainEqual(expect.objectContaining({ nodeId: 'in->hid', field: 'trained', severity: 'error' }));
    }
    // Without trained weights the same project exports.
    expect(exportProject(doc(), 'brian2').ok).toBe(true);
  });
});
