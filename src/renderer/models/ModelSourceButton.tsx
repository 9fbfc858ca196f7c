/** Under a population's model (or a projection's synapse model) in the inspector: "Copy as custom model…" for a bundled model with a spec text, "Edit model…" for a custom one. */
import { bundledSpecSource } from '../../shared/customModels';
import { editorStore, useEditor } from '../store/useEditor';
import { modelEditorStore } from './modelEditorStore';

export function ModelSourceButton({ model }: { model: string }) {
  const custom = useEditor((s) => s.doc.customModels?.some((m) => m.name === model) ?? false);
  if (!custom && bundledSpecSource(model) === undefined) return null;
  const editor = modelEditorStore.getState();
  const doc = (): ReturnType<typeof editorStore.getState>['doc'] => editorStore.getState().doc;
  return (
    <div className="model-source-row">
      {custom ? (
        <button type="button" className="link-button" onClick={() => editor.openEdit(doc(), model)} data-testid="inspector-edit-model">Edit model {model}…</button>
      ) : (
        <button type="button" className="link-button" onClick={() => editor.openNew(doc(), model)} data-testid="inspector-copy-model"
          title={`Open ${model}'s equations in the model editor as a new model of your own`}>Copy as custom model…</button>
      )}
    </div>
  );
}
