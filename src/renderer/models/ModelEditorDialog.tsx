/**
 * The model editor: a custom neuron or synapse model's name and spec text, checked as the user types
 * (debounced): every problem at its line and column (a click puts the caret there), the
 * dimensions of both sides of a mismatch and the nearest declared names of an unknown one in the
 * checker's own words. Save (Ctrl/Cmd+Enter) adds or updates the model as one undo step; Esc
 * closes, asking first when there are unsaved edits. Delete refuses while populations use it.
 */
import { useEffect, useRef, useState } from 'react';
import { COPYABLE_MODELS, COPYABLE_SYNAPSES, isSynapseSource, MODEL_NAME, modelLine, withModelName } from '../../shared/customModels';
import { MODEL_FILE_EXTENSION } from '../../shared/modelFile';
import { useModalDialog } from '../shell/useModalDialog';
import { editorStore, useEditor } from '../store/useEditor';
import { CodeArea, type CodeAreaHandle } from './CodeArea';
import { checkDraft, deleteChanges, saveChanges, type DraftCheck } from './modelEdits';
import { hasUnsavedEdits, modelEditorStore, useModelEditor } from './modelEditorStore';
import { exportModelFile } from './modelFileIO';
import './models.css';

/** Quiet time after the last keystroke before checking, ms: live, without re-checking per key. */
export const CHECK_DEBOUNCE_MS = 200;

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const ask = (q: string): boolean => window.confirm(q);

export function ModelEditorDialog() {
  const draft = useModelEditor((s) => s.draft);
  const doc = useEditor((s) => s.doc);
  const code = useRef<CodeAreaHandle>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const [check, setCheck] = useState<{ for: string; result: DraftCheck } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const open = draft !== null;
  const session = draft?.session;

  const ref = useModalDialog(open, session, (shown) => {
    setNote(null);
    if (shown) requestAnimationFrame(() => code.current?.focus());
  });

  const key = draft ? `${draft.original ?? ''}\u0000${draft.name}\u0000${draft.source}` : '';
  useEffect(() => {
    if (!draft) return;
    const t = setTimeout(() => setCheck({ for: key, result: checkDraft(editorStore.getState().doc, draft.original, draft.name, draft.source) }), CHECK_DEBOUNCE_MS);
    return () => clearTimeout(t);
    // doc.customModels: a model saved meanwhile can make the name taken
  }, [key, doc.customModels]);

  if (!draft) return <dialog ref={ref} className="dialog model-dialog" />;
  const current = check && check.for === key ? check.result : null;
  const editor = modelEditorStore.getState();

  const requestClose = (): void => {
    if (hasUnsavedEdits(draft) && !ask(`Discard the unsaved edits to ${draft.name || 'this model'}?`)) return;
    editor.close();
  };
  const goToFirstProblem = (r: DraftCheck): void => {
    const first = r.diagnostics.find((d) => d.line !== undefined);
    if (r.nameProblem) nameField.current?.focus();
    else if (first?.line !== undefined) code.current?.goTo(first.line, first.column ?? 1);
  };
  const save = (): void => {
    const r = checkDraft(editorStore.getState().doc, draft.original, draft.name, draft.source);
    setCheck({ for: key, result: r });
    if (!r.ok) {
      setNote('Fix the problems listed below before saving.');
      goToFirstProblem(r);
      return;
    }
    const s = editorStore.getState();
    s.apply(saveChanges(s.doc, draft.original, draft.name, draft.source));
    editor.close();
    s.toast('info', draft.original === null
      ? isSynapseSource(draft.source)
        ? `Synapse model ${draft.name} added: choose it as a projection's synapse model in the inspector.`
        : `Model ${draft.name} added: find it under "Your models" in the palette, or choose it as a population's model.`
      : `Model ${draft.name} saved.`);
  };
  const remove = (): void => {
    if (draft.original === null) return;
    const s = editorStore.getState();
    const r = deleteChanges(s.doc, draft.original);
    if (!r.ok) return setNote(r.message);
    if (!ask(`Delete the model ${draft.original} from this project?`)) return;
    s.apply(r.changes);
    editor.close();
  };
  const exportFile = (): void => {
    const r = checkDraft(editorStore.getState().doc, draft.original, draft.name, draft.source);
    if (!r.ok && r.diagnostics.length > 0) return setNote('Fix the problems in the text before exporting the model.');
    exportModelFile(draft.name, draft.source).then((name) => name && setNote(`Exported ${name}.`), (e: Error) => setNote(`Could not export: ${e.message}`));
  };
  const setName = (name: string): void => editor.update({ name, ...(MODEL_NAME.test(name) ? { source: withModelName(draft.source, name) } : {}) });
  const setSource = (source: string): void => {
    const line = modelLine(source);
    editor.update({ source, ...(line && line.name !== draft.name && MODEL_NAME.test(line.name) ? { name: line.name } : {}) });
  };
  const startFrom = (from: string): void => {
    if (hasUnsavedEdits(draft) && !ask('Replace the text with a copy of ' + from + '? Your edits are lost.')) return;
    editor.openNew(editorStore.getState().doc, from);
  };

  const badLines = new Set((current?.diagnostics ?? []).flatMap((d) => (d.line !== undefined ? [d.line] : [])));
  const problems = current ? (current.nameProblem ? 1 : 0) + current.diagnostics.length : 0;
  const status = !current ? 'Checking…' : problems === 0 ? `No problems. ${current.summary ?? ''}` : `${problems} ${problems === 1 ? 'problem' : 'problems'}`;

  return (
    <dialog
      ref={ref}
      className="dialog model-dialog"
      aria-label="Model editor"
      data-testid="model-editor"
      onCancel={(e) => {
        e.preventDefault();
        requestClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          save();
        }
      }}
    >
      <div className="model-head">
        <h2>{draft.original === null ? (isSynapseSource(draft.source) ? 'New synapse model' : 'New model') : `Edit model ${draft.original}`}</h2>
        <label className={`model-name${current?.nameProblem ? ' is-invalid' : ''}`}>
          <span>Name</span>
          <input ref={nameField} value={draft.name} onChange={(e) => setName(e.target.value)} data-testid="model-name" spellCheck={false} maxLength={64} />
        </label>
        {draft.original === null && (
          <label className="model-from">
            <span>Start from</span>
            <select value="" onChange={(e) => e.target.value && startFrom(e.target.value)} data-testid="model-start-from">
              <option value="">a bundled model…</option>
              <optgroup label="neurons">{COPYABLE_MODELS.map((m) => <option key={m} value={m}>{m}</option>)}</optgroup>
              <optgroup label="synapses">{COPYABLE_SYNAPSES.map((m) => <option key={m} value={m}>{m}</option>)}</optgroup>
            </select>
          </label>
        )}
      </div>
      <CodeArea ref={code} value={draft.source} onChange={setSource} badLines={badLines} label="Model equations" />
      {isSynapseSource(draft.source) ? (
        <div className="model-syntax" data-testid="model-syntax-synapse">
          <code>synapse MyExpon</code> <code>param tau = 5 ms</code> <code>dg/dt = -g / tau : 1 (exact)</code> <code>on_pre g += w</code>{' '}
          <code>output g</code> <span>states and w in the weight&apos;s unit; # starts a comment</span>
        </div>
      ) : (
      <div className="model-syntax">
        <code>param tau = 10 ms</code> <code>input I : nA</code> <code>dV/dt = (V_rest - V + R*I) / tau : mV</code> <code>init V = -65 mV</code>{' '}
        <code>threshold V &gt;= V_th</code> <code>reset V = V_reset</code> <code>refractory tau_ref</code> <span># starts a comment</span>
      </div>
      )}
      <div className={`model-status${problems > 0 ? ' has-problems' : ''}`} data-testid="model-status" role="status">{status}</div>
      <ul className="model-problems" data-testid="model-problems">
        {current?.nameProblem && (
          <li><button type="button" onClick={() => nameField.current?.focus()}><span className="model-where">name</span><span>{current.nameProblem}</span></button></li>
        )}
        {current?.diagnostics.map((d, i) => (
          <li key={i} data-line={d.line ?? ''} data-column={d.column ?? ''}>
            <button type="button" onClick={() => d.line !== undefined && code.current?.goTo(d.line, d.column ?? 1)}>
              <span className="model-where">{d.line !== undefined ? `line ${d.line}, column ${d.column ?? 1}` : 'model'}</span>
              <span>{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="button-row model-buttons">
        {draft.original !== null && <button type="button" onClick={remove} data-testid="model-delete">Delete…</button>}
        <button type="button" onClick={exportFile} data-testid="model-export" title={`Save this model as a ${MODEL_FILE_EXTENSION} file to share it`}>Export {MODEL_FILE_EXTENSION}…</button>
        {note && <span className="model-note" data-testid="model-note">{note}</span>}
        <span className="spacer" />
        <button type="button" onClick={requestClose} data-testid="model-cancel">Close</button>
        <button type="button" className="primary" onClick={save} data-testid="model-save" title={`Save the model (${MAC ? '⌘' : 'Ctrl'}+Enter)`}>
          Save <kbd>{MAC ? '⌘' : 'Ctrl'}+Enter</kbd>
        </button>
      </div>
    </dialog>
  );
}
