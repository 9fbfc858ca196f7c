/** The title bar: file name with its unsaved marker, file and edit commands, side panels, presentation mode and theme. */
import { isDirty } from '../store/editorStore';
import { editorStore, useEditor } from '../store/useEditor';
import type { FileActions } from './fileActions';
import type { ExportTargetName } from '../../shared/protocol';
import { ExportMenu } from '../export/ExportMenu';
import { useReactFlow } from '@xyflow/react';
import { measuredSizes } from '../canvas/flowModel';
import { panelShown, useWorkspace, workspaceStore } from './workspaceStore';

/** `onExport` is given where there is no native File ▸ Export menu (the browser build). */
export function TopBar({ files, onHelp, onExport }: { files: FileActions; onHelp(): void; onExport?: (target: ExportTargetName) => void }) {
  const rf = useReactFlow();
  const onTidy = (): void => void editorStore.getState().tidy(measuredSizes(rf.getNodes()));
  const fileName = useEditor((s) => s.fileName);
  const dirty = useEditor(isDirty);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const theme = useEditor((s) => s.theme);
  const view = useEditor((s) => s.view);
  const s = editorStore.getState();
  const ws = workspaceStore.getState();
  const presentation = useWorkspace((w) => w.presentation);
  const palette = useWorkspace((w) => panelShown(w, 'palette'));
  const inspector = useWorkspace((w) => panelShown(w, 'inspector'));
  return (
    <header className="topbar">
      <button type="button" className="brand" onClick={() => s.showStart()} title="Start page and examples">
        <span className="logo" aria-hidden>◉</span> SNN Studio
      </button>
      {view === 'editor' && (
        <div className="doc-name" data-testid="doc-name" title={dirty ? 'Unsaved changes' : 'Saved'}>
          {fileName}{dirty && <span className="dirty-dot" data-testid="dirty">●</span>}
        </div>
      )}
      <nav className="toolbar">
        <button type="button" onClick={() => files.newDocument()} title="New project (Ctrl+N)">New</button>
        <button type="button" onClick={() => void files.open()} title="Open a .snn file (Ctrl+O)" data-testid="open">Open…</button>
        {view === 'editor' && (
          <>
            <button type="button" onClick={() => void files.save()} title="Save (Ctrl+S)" data-testid="save">Save</button>
            {onExport && <ExportMenu onExport={onExport} />}
            <span className="sep" />
            <button type="button" onClick={() => s.undo()} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">Undo</button>
            <button type="button" onClick={() => s.redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">Redo</button>
            <span className="sep" />
            <button type="button" onClick={() => s.requestFit()} title="Fit view (F)">Fit</button>
            <button type="button" onClick={onTidy} title="Lay the network out left to right (Ctrl+Shift+L)" data-testid="tidy">Tidy</button>
            <span className="sep" />
            <button type="button" aria-pressed={palette} onClick={() => ws.togglePanel('palette')} title="Show or hide the palette ([)" data-testid="toggle-palette">Palette</button>
            <button type="button" aria-pressed={inspector} onClick={() => ws.togglePanel('inspector')} title="Show or hide the inspector (])" data-testid="toggle-inspector">Inspector</button>
          </>
        )}
        <span className="sep" />
        <button type="button" aria-pressed={presentation} onClick={() => ws.toggle('presentation')} title="Presentation mode: large type for a projector, canvas and plots side by side (Shift+P)" data-testid="toggle-presentation">
          Present
        </button>
        <button type="button" onClick={() => s.setTheme(theme === 'dark' ? 'light' : 'dark')} title="Switch theme" data-testid="theme">
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
        <button type="button" onClick={onHelp} title="Keyboard shortcuts (?)">Help</button>
      </nav>
    </header>
  );
}
