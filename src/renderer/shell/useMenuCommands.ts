/** Desktop menu commands (Electron's native menu) run the same actions as the toolbar and shortcuts. */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { MenuCommand, Platform } from '../platform/Platform';
import { EXPORT_TARGET_NAMES, type ExportTargetName } from '../../shared/protocol';
import { editorStore } from '../store/useEditor';
import { runStore } from '../run/useRun';
import { runWithPanel } from '../run/runWithPanel';
import { EXAMPLES } from '../project/examples';
import type { FileActions } from './fileActions';
import { focusInTextField } from './focus';

/** Commands that edit the document; in a text field the menu already did the field's own edit. */
const EDIT_COMMANDS: ReadonlySet<MenuCommand> = new Set<MenuCommand>(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'select-all']);


const isExportTarget = (t: string): t is ExportTargetName => (EXPORT_TARGET_NAMES as readonly string[]).includes(t);

export function useMenuCommands(platform: Platform, files: FileActions, onHelp: () => void, onExport: (target: ExportTargetName) => void): void {
  const rf = useReactFlow();
  useEffect(() => {
    const handle = (command: MenuCommand): void => {
      const s = editorStore.getState();
      if (typeof command === 'object') {
        if (command.type === 'open-example') {
          const ex = EXAMPLES.find((e) => e.name === command.name);
          if (ex) files.openText({ name: ex.name, handle: null, text: ex.text });
          else s.toast('error', `There is no example called ${command.name}.`);
        } else if (command.type === 'open-recent') {
          platform.openHandle(command.handle).then((f) => files.openText(f), (e: Error) => s.toast('error', e.message));
        } else if (command.type === 'export') {
          if (s.view !== 'editor') s.toast('info', 'Open a project first, then export it.');
          else if (isExportTarget(command.target)) onExport(command.target);
        }
        return;
      }
      if (EDIT_COMMANDS.has(command) && focusInTextField()) return;
      const run = runStore.getState();
      const table: Partial<Record<typeof command, () => void>> = {
        new: files.newDocument, open: () => void files.open(), save: () => void files.save(), 'save-as': () => void files.save(true),
        close: s.showStart, undo: s.undo, redo: s.redo, copy: s.copy, paste: s.paste, delete: s.deleteSelection,
        cut: () => { s.copy(); s.deleteSelection(); },
        'select-all': s.selectAll, 'zoom-in': () => void rf.zoomIn(), 'zoom-out': () => void rf.zoomOut(), 'fit-view': s.requestFit,
        'toggle-theme': () => s.setTheme(s.theme === 'dark' ? 'light' : 'dark'), shortcuts: onHelp,
        run: () => s.view === 'editor' && runWithPanel(),
        stop: run.stop,
      };
      table[command]?.();
    };
    return platform.onCommand(handle);
  }, [platform, files, onHelp, onExport, rf]);
}
