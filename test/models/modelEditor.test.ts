import { describe, expect, it } from 'vitest';
import { Document } from '../../src/shared/document';
import { withModelName } from '../../src/shared/customModels';
import { getPopulationModel } from '../../src/shared/catalog';
import { getSpecModel } from '../../src/shared/modelspec/registry';
import { LIF } from '../../src/shared/modelspec/neurons/lif';
import { MODEL_FILE_FORMAT, parseModelFile, serializeModelFile } from '../../src/shared/modelFile';
import { checkDraft, deleteChanges, saveChanges } from '../../src/renderer/models/modelEdits';
import { trackDocumentModels } from '../../src/renderer/models/documentModels';
import { createEditorStore } from '../../src/renderer/store/editorStore';

const myLif = withModelName(LIF.source, 'MyLIF');
const base = Document.parse({ nodes: [{ id: 'E', kind: 'population', model: 'LIF', size: 1 }], wires: [] });

describe('model editor: checking a draft', () => {
  it('a copy of LIF renamed checks clean and lists what it declares', () => {
    const r = checkDraft(base, null, 'MyLIF', myLif);
    expect(r.ok).toBe(true);
    expect(r.summary).toBe('parameters: V_rest, V_th, V_reset, tau, R · inputs: I · states: V');
  });

  it('a wrong unit is reported at its line and column with both dimensions', () => {
    const text = myLif.replace('(-(V - V_rest) + R*I)', '(-(V - V_rest) + I)');
    const r = checkDraft(base, null, 'MyLIF', text);
    expect(r.ok).toBe(false);
    const line = text.split('\n').findIndex((l) => l.startsWith('dV/dt')) + 1;
    expect(r.diagnostics[0]).toMatchObject({ line });
    expect(r.diagnostics[0].message).toMatch(/voltage.*current/);
  });

  it('an unknown name gets the nearest declared names', () => {
    const r = checkDraft(base, null, 'MyLIF', myLif.replace('/ tau :', '/ taux :'));
    expect(r.diagnostics.map((d) => d.message).join(' ')).toMatch(/taux.*tau/);
  });

  it('checks the name: bundled, taken, invalid; editing a model keeps its own name', () => {
    expect(checkDraft(base, null, 'LIF', LIF.source).nameProblem).toMatch(/bundled/);
    const withModel = { ...base, customModels: [{ name: 'MyLIF', source: myLif }] };
    expect(checkDraft(withModel, null, 'MyLIF', myLif).nameProblem).toMatch(/already/);
    expect(checkDraft(withModel, 'MyLIF', 'MyLIF', myLif).nameProblem).toBeNull();
    expect(checkDraft(base, null, 'my lif', myLif).nameProblem).toMatch(/not a valid name/);
  });

  it('a model line that disagrees with the name is pointed at', () => {
    const r = checkDraft(base, null, 'Other', myLif);
    expect(r.diagnostics[0]).toMatchObject({ line: 1 });
  });
});

describe('model editor: save and delete as undoable changes', () => {
  it('save adds the model in one undo step; renaming carries its populations along', () => {
    const store = createEditorStore({ doc: base });
    store.getState().apply(saveChanges(store.getState().doc, null, 'MyLIF', myLif));
    expect(store.getState().doc.customModels).toEqual([{ name: 'MyLIF', source: myLif }]);
    store.getState().apply([{ type: 'replace-node', node: { ...store.getState().doc.nodes[0], model: 'MyLIF' } as Document['nodes'][number] }]);
    const renamed = withModelName(myLif, 'Leaky');
    store.getState().apply(saveChanges(store.getState().doc, 'MyLIF', 'Leaky', renamed));
    expect(store.getState().doc.customModels).toEqual([{ name: 'Leaky', source: renamed }]);
    expect(store.getState().doc.nodes[0]).toMatchObject({ model: 'Leaky' });
    store.getState().undo();
    expect(store.getState().doc.customModels).toEqual([{ name: 'MyLIF', source: myLif }]);
    expect(store.getState().doc.nodes[0]).toMatchObject({ model: 'MyLIF' });
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc).toEqual(base);
    expect('customModels' in store.getState().doc).toBe(false);
  });

  it('a model in use cannot be deleted; the message names the populations', () => {
    const doc = { ...base, nodes: [{ ...base.nodes[0], model: 'MyLIF' }, { ...base.nodes[0], id: 'I', model: 'MyLIF' }], customModels: [{ name: 'MyLIF', source: myLif }] } as Document;
    const r = deleteChanges(doc, 'MyLIF');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('MyLIF cannot be deleted: populations "E", "I" use it. Give them another model first.');
    const free = deleteChanges({ ...doc, nodes: [] }, 'MyLIF');
    expect(free.ok && free.changes).toEqual([{ type: 'set-custom-models', models: [] }]);
  });
});

describe('the renderer registers the document\'s models on load, edit, undo and redo', () => {
  it('follows the document', async () => {
    const store = createEditorStore({ doc: base });
    const stop = trackDocumentModels(store);
    try {
      expect(getPopulationModel('MyLIF')).toBeUndefined();
      store.getState().apply(saveChanges(store.getState().doc, null, 'MyLIF', myLif));
      expect(getPopulationModel('MyLIF')?.name).toBe('MyLIF');
      expect(getSpecModel('MyLIF')?.source).toBe(myLif);
      store.getState().undo();
      expect(getPopulationModel('MyLIF')).toBeUndefined();
      store.getState().redo();
      expect(getPopulationModel('MyLIF')).toBeDefined();
      await store.getState().load({ ...base, customModels: [{ name: 'Other', source: withModelName(LIF.source, 'Other') }] }, 'x.snn', null);
      expect(getPopulationModel('MyLIF')).toBeUndefined();
      expect(getPopulationModel('Other')).toBeDefined();
    } finally {
      stop();
    }
  });
});

describe('.snnmodel files', () => {
  it('round-trip', () => {
    const text = serializeModelFile('MyLIF', myLif);
    expect(JSON.parse(text)).toEqual({ format: MODEL_FILE_FORMAT, version: 1, name: 'MyLIF', source: myLif });
    expect(parseModelFile(text)).toEqual({ ok: true, name: 'MyLIF', source: myLif });
  });

  it('refuses what is not a model file with a clear sentence', () => {
    const no = (text: string): string => {
      const r = parseModelFile(text);
      if (r.ok) throw new Error('accepted');
      return r.message;
    };
    expect(no('{"format": "snn-studio-model", "version": 1,')).toMatch(/^This is not a model file: line 1, column \d+/);
    expect(no('[1]')).toMatch(/should be an object/);
    expect(no('{"format": "snn-studio", "version": 1, "document": {}}')).toMatch(/This is a project \(\.snn\)/);
    expect(no('{"format": "x"}')).toMatch(/"format" is "x"/);
    expect(no(JSON.stringify({ format: MODEL_FILE_FORMAT, version: 7, name: 'A', source: '' }))).toMatch(/newer SNN Studio/);
    expect(no(JSON.stringify({ format: MODEL_FILE_FORMAT, version: 1, source: '' }))).toMatch(/"name" is missing/);
    expect(no(JSON.stringify({ format: MODEL_FILE_FORMAT, version: 1, name: 'A' }))).toMatch(/"source" is missing/);
    expect(no(JSON.stringify({ format: MODEL_FILE_FORMAT, version: 1, name: 'A', source: '', extra: 1 }))).toMatch(/"extra" is not part/);
  });
});
