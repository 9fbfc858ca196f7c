/**
 * The palette's "Your models" section: the document's custom models (drag or click to add, ✎ to
 * edit), "New model…" and "Import model…" (.snnmodel).
 */
import type { DragEvent } from 'react';
import type { PaletteItem } from '../store/nodes';
import { editorStore, useEditor } from '../store/useEditor';
import { isSynapseSource } from '../../shared/customModels';
import { modelEditorStore } from './modelEditorStore';
import { importModelFile } from './modelFileIO';

interface Props {
  readonly onDragStart: (e: DragEvent, item: PaletteItem) => void;
  readonly onAdd: (item: PaletteItem) => void;
}

/** Import a .snnmodel file into the model editor as a new model; a bad file is refused with its reason. */
export async function importModel(): Promise<void> {
  const s = editorStore.getState();
  try {
    const r = await importModelFile();
    if (!r) return;
    if (!r.ok) return s.toast('error', `${r.fileName} could not be imported: ${r.message}`);
    modelEditorStore.getState().openImported(r.name, r.source);
  } catch (e) {
    s.toast('error', `The model file could not be read: ${(e as Error).message}`);
  }
}

export function PaletteModels({ onDragStart, onAdd }: Props) {
  const models = useEditor((s) => s.doc.customModels) ?? [];
  return (
    <section data-testid="palette-your-models">
      <h3>Your models</h3>
      {models.map((m) => {
        if (isSynapseSource(m.source)) {
          return (
            <div key={m.name} className="palette-custom">
              <button type="button" className="palette-item swatch-projection" title="Your synapse model — choose it as a projection's synapse model in the inspector"
                onClick={() => modelEditorStore.getState().openEdit(editorStore.getState().doc, m.name)} data-testid={`palette-synapse-${m.name}`}>
                <span className="swatch" />
                <span className="palette-label">{m.name}</span>
                <span className="palette-hint">synapse model</span>
              </button>
              <button type="button" className="palette-edit" title={`Edit ${m.name}`} aria-label={`Edit ${m.name}`} data-testid={`palette-edit-${m.name}`}
                onClick={() => modelEditorStore.getState().openEdit(editorStore.getState().doc, m.name)}>✎</button>
            </div>
          );
        }
        const item: PaletteItem = { kind: 'population', model: m.name };
        return (
          <div key={m.name} className="palette-custom">
            <button type="button" className="palette-item swatch-population" draggable onDragStart={(e) => onDragStart(e, item)} onClick={() => onAdd(item)}
              title="Your model — drag onto the canvas, or click to add" data-testid={`palette-population-${m.name}`}>
              <span className="swatch" />
              <span className="palette-label">{m.name}</span>
              <span className="palette-hint">custom model</span>
            </button>
            <button type="button" className="palette-edit" title={`Edit ${m.name}`} aria-label={`Edit ${m.name}`} data-testid={`palette-edit-${m.name}`}
              onClick={() => modelEditorStore.getState().openEdit(editorStore.getState().doc, m.name)}>✎</button>
          </div>
        );
      })}
      <div className="palette-model-actions">
        <button type="button" onClick={() => modelEditorStore.getState().openNew(editorStore.getState().doc)} data-testid="palette-new-model"
          title="Write a neuron model's equations (starts from a copy of LIF)">New model…</button>
        <button type="button" onClick={() => modelEditorStore.getState().openNew(editorStore.getState().doc, 'Expon')} data-testid="palette-new-synapse"
          title="Write a synapse model's equations (starts from a copy of Expon); a projection then chooses it as its synapse">New synapse model…</button>
        <button type="button" onClick={() => void importModel()} data-testid="palette-import-model" title="Import a model from a .snnmodel file">Import…</button>
      </div>
    </section>
  );
}
