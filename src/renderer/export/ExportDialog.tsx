/**
 * File ▸ Export ▸ Brian2 / BrainPy / PyNEST: the script in a scrollable monospace preview, Copy
 * (clipboard), Save… (.py), and when the target cannot express the project, each refusing problem
 * with its node and feature (a click selects the node). Esc or Close dismisses it.
 */
import { useState } from 'react';
import type { Problem } from '../../shared/problems';
import { useModalDialog } from '../shell/useModalDialog';
import { editorStore, useEditor } from '../store/useEditor';
import { copyText, saveScript, scriptFileName } from './saveScript';
import { exportStore, TARGET_LABEL, useExport } from './exportStore';
import './export.css';

function ProblemList({ problems, testId }: { problems: readonly Problem[]; testId: string }) {
  const pick = (p: Problem): void => {
    if (!p.nodeId) return;
    editorStore.getState().focusField(p.nodeId, p.field ?? 'id');
    exportStore.getState().close();
  };
  return (
    <ul className="export-problems" data-testid={testId}>
      {problems.map((p, i) => (
        <li key={i} className={`sev-${p.severity}`} data-node={p.nodeId ?? ''} data-field={p.field ?? ''}>
          <button type="button" onClick={() => pick(p)} disabled={!p.nodeId} title={p.nodeId ? 'Select this node' : undefined}>
            <span className="export-where">{p.nodeId ?? 'project'}{p.field ? ` · ${p.field}` : ''}</span>
            <span className="export-msg">{p.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ExportDialog() {
  const view = useExport((s) => s.view);
  const fileName = useEditor((s) => s.fileName);
  const title = useEditor((s) => s.doc.meta?.title);
  const [note, setNote] = useState<string | null>(null);
  const open = view.state !== 'closed';
  const shownTarget = view.state === 'closed' ? null : view.target;
  const ref = useModalDialog(open, shownTarget, () => setNote(null));

  if (view.state === 'closed') return <dialog ref={ref} className="dialog export-dialog" />;
  const label = TARGET_LABEL[view.target];
  const close = (): void => exportStore.getState().close();
  const name = scriptFileName(title, fileName, view.target);

  const copy = (script: string): void => {
    copyText(script).then(() => setNote('Copied to the clipboard.'), (e: Error) => setNote(`Could not copy: ${e.message}.`));
  };
  const save = (script: string): void => {
    saveScript(script, name).then(
      (saved) => saved && setNote(`Saved ${saved}.`),
      (e: Error) => setNote(`Saving failed: ${e.message}`),
    );
  };

  return (
    <dialog ref={ref} className="dialog export-dialog" onClose={close} onClick={(e) => e.target === ref.current && close()} aria-label={`Export to ${label}`} data-testid="export-dialog" data-state={view.state}>
      <h2>Export to {label}</h2>
      {view.state === 'working' && <p>Writing the {label} script…</p>}
      {view.state === 'failed' && <p className="export-error" role="alert">The export failed: {view.message}</p>}
      {view.state === 'refused' && (
        <>
          <p className="export-error" role="alert">{label} cannot express {view.problems.length === 1 ? 'this part' : 'these parts'} of the project, so nothing was exported. Change or remove them, or export to another simulator:</p>
          <ProblemList problems={view.problems.filter((p) => p.severity === 'error')} testId="export-refusals" />
        </>
      )}
      {view.state === 'ready' && (
        <>
          <p>A self-contained script ({name}): it carries the seed, records spikes and prints the same summary as <code>snn run</code>.</p>
          {view.warnings.length > 0 && <ProblemList problems={view.warnings} testId="export-warnings" />}
          <pre className="export-preview" data-testid="export-preview" tabIndex={0}>{view.script}</pre>
        </>
      )}
      <div className="button-row">
        {view.state === 'ready' && (
          <>
            <button type="button" className="primary" onClick={() => copy(view.script)} data-testid="export-copy">Copy</button>
            <button type="button" onClick={() => save(view.script)} data-testid="export-save">Save…</button>
          </>
        )}
        <span className="export-note" role="status" data-testid="export-note">{note}</span>
        <button type="button" onClick={close} data-testid="export-close" autoFocus={view.state !== 'ready'}>Close</button>
      </div>
    </dialog>
  );
}
