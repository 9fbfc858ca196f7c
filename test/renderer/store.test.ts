import { describe, expect, it } from 'vitest';
import { createEditorStore, EMPTY_DOCUMENT, isDirty } from '../../src/renderer/store/editorStore';
import { applyChanges } from '../../src/renderer/store/changes';
import { checkWire } from '../../src/renderer/store/wiring';
import { needsLayout } from '../../src/renderer/store/layout';
import type { Document } from '../../src/shared/document';

const net: Document = {
  simulation: EMPTY_DOCUMENT.simulation,
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
    { id: 'E', kind: 'population', model: 'LIF', size: 10, params: {} },
    { id: 'I', kind: 'population', model: 'LIF', size: 10, params: {} },
    { id: 'E->I', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.1 }, weight: '1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    { id: 'spikes', kind: 'monitor', record: 'spikes' },
  ],
  wires: [{ from: 'drive', to: 'E' }, { from: 'E', to: 'E->I' }, { from: 'E->I', to: 'I' }, { from: 'E', to: 'spikes' }],
};

async function loaded() {
  const store = createEditorStore();
  await store.getState().load(net, 'net.snn', null);
  return store;
}

describe('document changes', () => {
  it('removing a population removes its wires, and the inverse restores both in place', () => {
    const r = applyChanges(net, [{ type: 'remove-nodes', ids: ['E'] }]);
    expect(r.doc.nodes.map((n) => n.id)).toEqual(['drive', 'I', 'E->I', 'spikes']);
    expect(r.doc.wires).toEqual([{ from: 'E->I', to: 'I' }]);
    expect(applyChanges(r.doc, r.inverse).doc).toEqual(net);
  });
  it('renaming a node renames its wire ends and refuses a taken id', () => {
    const r = applyChanges(net, [{ type: 'rename-node', from: 'E', to: 'Exc' }]);
    expect(r.doc.wires.filter((w) => w.from === 'Exc' || w.to === 'Exc')).toHaveLength(3);
    expect(applyChanges(net, [{ type: 'rename-node', from: 'E', to: 'I' }]).doc).toBe(net);
  });
});

describe('editor store', () => {
  it('lays out a document without positions when it is opened, as part of opening (clean, nothing to undo)', async () => {
    expect(needsLayout(net)).toBe(true);
    const store = await loaded();
    const { doc } = store.getState();
    expect(doc.nodes.every((n) => n.position)).toBe(true);
    const x = (id: string): number => doc.nodes.find((n) => n.id === id)!.position![0];
    expect(x('drive')).toBeLessThan(x('E'));
    expect(x('E')).toBeLessThan(x('spikes'));
    expect(isDirty(store.getState())).toBe(false);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('tidies a messy network as one undo step', async () => {
    const store = await loaded();
    const s = store.getState;
    const tidy = s().doc;
    s().apply([{ type: 'move-nodes', positions: Object.fromEntries(net.nodes.map((n) => [n.id, [0, 0]])) }]);
    const messy = s().doc;
    const fits = s().fitRequest;
    await s().tidy();
    expect(s().doc.nodes.map((n) => n.position)).toEqual(tidy.nodes.map((n) => n.position));
    expect(s().history.past).toHaveLength(2);
    expect(s().fitRequest).toBe(fits + 1);
    s().undo();
    expect(s().doc).toEqual(messy);
  });

  it('undoes and redoes every change, and selection is not part of history', async () => {
    const store = await loaded();
    const s = store.getState;
    const start = s().doc;
    s().addNode({ kind: 'population', model: 'LIF' }, [10, 20]);
    expect(s().doc.nodes).toHaveLength(6);
    s().select({ nodes: ['E'], wires: [] });
    s().deleteSelection();
    expect(s().doc.nodes.some((n) => n.id === 'E')).toBe(false);
    expect(s().doc.wires).toEqual([{ from: 'E->I', to: 'I' }]);
    s().undo();
    expect(s().doc.nodes).toHaveLength(6);
    expect(s().doc.wires).toEqual(start.wires);
    s().undo();
    expect(s().doc).toEqual(start);
    expect(isDirty(s())).toBe(false);
    s().redo();
    s().redo();
    expect(s().doc.nodes.some((n) => n.id === 'E')).toBe(false);
    s().redo(); // nothing left to redo
    expect(s().doc.nodes).toHaveLength(5);
  });

  it('merges a drag (one group) into one undo step', async () => {
    const store = await loaded();
    const s = store.getState;
    const before = s().doc.nodes.find((n) => n.id === 'E')!.position;
    for (let x = 0; x < 5; x++) s().apply([{ type: 'move-nodes', positions: { E: [x, x] } }], 'drag-1');
    expect(s().history.past).toHaveLength(1);
    s().undo();
    expect(s().doc.nodes.find((n) => n.id === 'E')!.position).toEqual(before);
  });

  it('creates palette nodes with the model preset and fresh ids', async () => {
    const store = await loaded();
    const a = store.getState().addNode({ kind: 'population', model: 'LIF' }, [0, 0]);
    const b = store.getState().addNode({ kind: 'population', model: 'LIF' }, [0, 0]);
    expect(a.id).not.toBe(b.id);
    expect(a.kind === 'population' && a.params.V_th).toBe('-50 mV');
  });

  it('copies, pastes and duplicates with new ids and the wires among the copies', async () => {
    const store = await loaded();
    const s = store.getState;
    s().select({ nodes: ['E', 'E->I', 'I'], wires: [] });
    s().copy();
    s().paste();
    const ids = s().doc.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(s().doc.nodes).toHaveLength(8);
    const copies = s().selection.nodes;
    expect(copies).toHaveLength(3);
    expect(s().doc.wires.filter((w) => copies.includes(w.from) && copies.includes(w.to))).toHaveLength(2);
    s().duplicate();
    expect(s().doc.nodes).toHaveLength(11);
    s().undo();
    s().undo();
    expect(s().doc.nodes).toHaveLength(5);
  });

  it('refuses impossible wires with a hint and accepts the typed ones', async () => {
    expect(checkWire(net, 'E', 'I')).toMatchObject({ ok: false, hint: expect.stringContaining('Projection') });
    expect(checkWire(net, 'spikes', 'E').ok).toBe(false);
    expect(checkWire(net, 'drive', 'E->I').ok).toBe(false);
    expect(checkWire(net, 'I', 'spikes').ok).toBe(true);
    expect(checkWire(net, 'I', 'E->I')).toMatchObject({ ok: false, hint: expect.stringContaining('already has a source') });
    const store = await loaded();
    expect(store.getState().connect('E', 'I').ok).toBe(false);
    expect(store.getState().doc.wires).toHaveLength(4);
    expect(store.getState().connect('I', 'spikes').ok).toBe(true);
    expect(store.getState().doc.wires).toHaveLength(5);
  });
});
