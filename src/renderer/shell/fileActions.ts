/**
 * File commands (new, open, save, autosave, restore) over the Platform and the editor store.
 * Plain functions so the toolbar, the shortcuts and the desktop menu all call the same code.
 */
import type { OpenedFile, Platform } from '../platform/Platform';
import type { EditorStore } from '../store/editorStore';
import { EMPTY_DOCUMENT, isDirty } from '../store/editorStore';
import type { StoreApi } from 'zustand/vanilla';
import { parseProjectFile, serializeProject } from '../project/projectIO';

/** Autosave period while there are unsaved changes, ms ("every few seconds"). */
export const AUTOSAVE_MS = 3000;

export interface FileActions {
  newDocument(): void;
  open(): Promise<void>;
  openText(file: OpenedFile): boolean;
  save(saveAs?: boolean): Promise<void>;
  restore(text: string, name: string, handle: string | null): boolean;
  discardRecovery(): Promise<void>;
  /** Start autosaving; returns a stop function. */
  startAutosave(): () => void;
}

export function createFileActions(store: StoreApi<EditorStore>, platform: Platform): FileActions {
  const s = () => store.getState();
  const confirmDiscard = (): boolean => !isDirty(s()) || window.confirm('Discard the unsaved changes in this project?');

  function openText(file: OpenedFile, dirty = false): boolean {
    const parsed = parseProjectFile(file.text);
    if (!parsed.ok) {
      s().toast('error', `${file.name} could not be opened: ${parsed.problems.slice(0, 3).map((p) => p.message).join(' ')}`);
      return false;
    }
    s().load(parsed.document, file.name, file.handle, { dirty });
    return true;
  }

  let lastAutosaved: unknown = null;
  return {
    newDocument() {
      if (!confirmDiscard()) return;
      s().load(EMPTY_DOCUMENT, 'untitled.snn', null);
    },
    async open() {
      if (!confirmDiscard()) return;
      try {
        const file = await platform.openFile();
        if (file) openText(file);
      } catch (e) {
        s().toast('error', `The file could not be opened: ${(e as Error).message}`);
      }
    },
    openText: (file) => (confirmDiscard() ? openText(file) : false),
    async save(saveAs = false) {
      const { doc, fileName, handle } = s();
      try {
        const r = await platform.saveFile(serializeProject(doc), handle, fileName, saveAs);
        if (!r) return;
        // the document may have changed while the dialog was open; mark saved only what was written
        if (s().doc === doc) s().markSaved(r.name, r.handle);
        await platform.clearAutosave();
        lastAutosaved = null;
        s().toast('info', `Saved ${r.name}`);
      } catch (e) {
        s().toast('error', `Saving failed: ${(e as Error).message}`);
      }
    },
    restore(text, name, handle) {
      const ok = openText({ text, name, handle }, true);
      if (ok) void platform.clearAutosave();
      return ok;
    },
    discardRecovery: () => platform.clearAutosave(),
    startAutosave() {
      const timer = setInterval(() => {
        const st = s();
        if (st.view !== 'editor' || !isDirty(st) || st.doc === lastAutosaved) return;
        lastAutosaved = st.doc;
        let text: string;
        try {
          text = serializeProject(st.doc);
        } catch {
          return; // a document that would not load back is not worth recovering; the next edit retries
        }
        void platform.autosave({ name: st.fileName, handle: st.handle, text, savedAt: Date.now() })
          .catch((e: Error) => s().toast('error', `Autosave failed: ${e.message}`));
      }, AUTOSAVE_MS);
      return () => clearInterval(timer);
    },
  };
}
