/** The app shell: start page or editor (palette | canvas over the run dock | inspector, see shell/Workspace). */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { Platform, Recovery } from './platform/Platform';
import type { EngineClient } from './engine/EngineClient';
import { editorStore, useEditor } from './store/useEditor';
import { isDirty } from './store/editorStore';
import { createFileActions, type FileActions } from './shell/fileActions';
import { actionFor, type ShortcutAction } from './shell/shortcuts';
import { TopBar } from './shell/TopBar';
import { HelpDialog } from './shell/HelpDialog';
import { Toasts } from './shell/Toasts';
import { Workspace } from './shell/Workspace';
import { useWorkspace, workspaceStore } from './shell/workspaceStore';
import './styles/presentation.css';
import { measuredSizes } from './canvas/flowModel';
import { StartPage } from './start/StartPage';
import { useLiveValidation } from './engine/useLiveValidation';
import { useMenuCommands } from './shell/useMenuCommands';
import { shareDesktopEngine } from './run/runEngine';
import { ExportDialog } from './export/ExportDialog';
import { ModelEditorDialog } from './models/ModelEditorDialog';
import { exportStore } from './export/exportStore';
import type { ExportTargetName } from '../shared/protocol';

export function App({ platform, engine }: { platform: Platform; engine: EngineClient }) {
  const files = useMemo(() => createFileActions(editorStore, platform), [platform]);
  const view = useEditor((s) => s.view);
  const theme = useEditor((s) => s.theme);
  const fileName = useEditor((s) => s.fileName);
  const dirty = useEditor(isDirty);
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  const openExport = useCallback((target: ExportTargetName) => exportStore.getState().open(engine, editorStore.getState().doc, target), [engine]);
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  useLiveValidation(engine);
  // In Electron the engine is one utilityProcess behind one port: runs use the same connection.
  useEffect(() => {
    if (platform.kind !== 'electron') return;
    shareDesktopEngine(engine);
    return () => shareDesktopEngine(null);
  }, [platform, engine]);

  useEffect(() => {
    void platform.loadAutosave().then(setRecovery).catch(() => setRecovery(null));
    const stopAutosave = files.startAutosave();
    const offOpen = platform.onOpenFile((f) => files.openText(f));
    return () => {
      stopAutosave();
      offOpen();
    };
  }, [platform, files]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  // Presentation mode scales the type of the whole page (styles/presentation.css), plots included.
  const presentation = useWorkspace((s) => s.presentation);
  useEffect(() => {
    if (presentation) document.documentElement.dataset.presentation = 'yes';
    else delete document.documentElement.dataset.presentation;
  }, [presentation]);

  useEffect(() => {
    // the browser's own "leave site?" prompt (Electron asks in main instead: there it would block the close silently)
    if (!(dirty && view === 'editor') || platform.kind !== 'browser') return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty, view, platform]);

  useEffect(() => {
    // On the start page the editor's key handler is not mounted; New and Open still need their keys.
    if (view !== 'start') return;
    const onKey = (e: KeyboardEvent): void => {
      const action = actionFor(e, false);
      if (action !== 'new' && action !== 'open') return;
      e.preventDefault();
      if (action === 'new') files.newDocument();
      else void files.open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, files]);

  useEffect(() => platform.setDocumentState(view === 'editor' ? fileName : 'Start', dirty && view === 'editor'), [platform, fileName, dirty, view]);

  return (
    <ReactFlowProvider>
      <div className="app">
        <MenuCommands platform={platform} files={files} onHelp={openHelp} onExport={openExport} />
        <TopBar files={files} onHelp={openHelp} {...(platform.kind === 'browser' ? { onExport: openExport } : {})} />
        {view === 'start' ? (
          <StartPage files={files} recovery={recovery} onRecoveryHandled={() => setRecovery(null)} />
        ) : (
          <Editor files={files} onHelp={openHelp} />
        )}
        {help && <HelpDialog onClose={() => setHelp(false)} />}
        <ExportDialog />
        <ModelEditorDialog />
        <Toasts />
      </div>
    </ReactFlowProvider>
  );
}

/** Lives inside the React Flow provider so menu zoom commands reach the canvas. */
function MenuCommands({ platform, files, onHelp, onExport }: { platform: Platform; files: FileActions; onHelp(): void; onExport(target: ExportTargetName): void }) {
  useMenuCommands(platform, files, onHelp, onExport);
  return null;
}

function Editor({ files, onHelp }: { files: FileActions; onHelp(): void }) {
  const rf = useReactFlow();
  useEffect(() => {
    const run = (action: ShortcutAction): void => {
      const s = editorStore.getState();
      const ws = workspaceStore.getState();
      const table: Record<ShortcutAction, () => void> = {
        undo: s.undo, redo: s.redo, copy: s.copy, paste: s.paste, duplicate: s.duplicate, 'select-all': s.selectAll,
        cut: () => { s.copy(); s.deleteSelection(); },
        delete: s.deleteSelection,
        save: () => void files.save(), 'save-as': () => void files.save(true), open: () => void files.open(), new: files.newDocument,
        fit: s.requestFit, tidy: () => void s.tidy(measuredSizes(rf.getNodes())), help: onHelp,
        escape: () => s.select({ nodes: [], wires: [] }),
        'plots-max': () => ws.toggle('plotsMax'), presentation: () => ws.toggle('presentation'),
        'toggle-palette': () => ws.togglePanel('palette'), 'toggle-inspector': () => ws.togglePanel('inspector'), 'toggle-live': () => ws.toggle('live'),
      };
      table[action]();
    };
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (t?.closest('dialog')) return;
      const action = actionFor(e, typing);
      if (!action) return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [files, onHelp, rf]);

  return <Workspace />;
}
