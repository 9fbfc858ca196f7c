/**
 * File commands (new, open, save, autosave, restore) over the Platform and the editor store.
 * Plain functions so the toolbar, the shortcuts and the desktop menu all call the same code.
 *
 * What the user is told: a file of an older format is converted when opened, with one notice
 * that saving writes the new format. Results stored in a file are written back on save while
 * the network is still the one they came from (positions and labels may change); once the
 * network changed they no longer match and are left out, with a notice. The recovery copy is
 * dropped when the user discards changes (New, Open); Restore keeps it until the restored work
 * is autosaved again or saved, so a crash right after Restore loses nothing.
 */
import type { OpenedFile, Platform } from '../platform/Platform';
import type { EditorStore } from '../store/editorStore';
import { EMPTY_DOCUMENT, isDirty } from '../store/editorStore';
import type { StoreApi } from 'zustand/vanilla';
import { parseProjectFile, serializeProject } from '../project/projectIO';
import { formatVersionFor } from '../../shared/projectFile';
import { documentFingerprint } from '../../shared/resultsCodec';
import type { RunResults } from '../../shared/results';
import { projectStem } from '../project/fileStem';

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

/** The page's yes/no question (window.confirm; Node tests stub the global). */
const ask = (question: string): boolean => (globalThis as unknown as { confirm(q: string): boolean }).confirm(question);

export function createFileActions(store: StoreApi<EditorStore>, platform: Platform): FileActions {
  const s = () => store.getState();
  /** 'discard': the user agreed to drop unsaved changes; 'clean': there were none; null: they said no. */
  const confirmDiscard = (): 'clean' | 'discard' | null => {
    if (!isDirty(s())) return 'clean';
    return ask('Discard the unsaved changes in this project?') ? 'discard' : null;
  };
  /** Changes were thrown away on purpose: their recovery copy must not be offered at the next start. */
  const discarded = (answer: 'clean' | 'discard'): void => {
    if (answer !== 'discard') return;
    lastAutosaved = null;
    void platform.clearAutosave().catch(() => undefined);
  };
  /** Results read from the open file, and the network they belong to. */
  let stored: { fingerprint: string; results: RunResults } | null = null;

  function openText(file: OpenedFile, dirty = false): boolean {
    const parsed = parseProjectFile(file.text);
    if (!parsed.ok) {
      s().toast('error', `${file.name} could not be opened: ${parsed.problems.slice(0, 3).map((p) => p.message).join(' ')}`);
      return false;
    }
    s().load(parsed.document, file.name, file.handle, { dirty });
    stored = parsed.results ? { fingerprint: documentFingerprint(parsed.document), results: parsed.results } : null;
    // a custom model whose text reads differently now is loaded from its text; the user is told
    for (const w of parsed.warnings) if (w.code === 'custom_model_changed') s().toast('info', w.message);
    const writes = formatVersionFor(parsed.document);
    if (parsed.migratedFrom !== undefined) {
      s().toast('info', `${file.name} was written in an older file format (version ${parsed.migratedFrom}) and was converted on opening. Saving will write format version ${writes}, which older SNN Studio releases cannot open; use Save As to keep the old file.`);
    }
    return true;
  }

  let lastAutosaved: unknown = null;
  return {
    newDocument() {
      const answer = confirmDiscard();
      if (!answer) return;
      s().load(EMPTY_DOCUMENT, 'untitled.snn', null);
      stored = null;
      discarded(answer);
    },
    async open() {
      const answer = confirmDiscard();
      if (!answer) return;
      try {
        const file = await platform.openFile();
        if (file && openText(file)) discarded(answer);
      } catch (e) {
        s().toast('error', `The file could not be opened: ${(e as Error).message}`);
      }
    },
    openText: (file) => {
      const answer = confirmDiscard();
      if (!answer || !openText(file)) return false;
      discarded(answer);
      return true;
    },
    async save(saveAs = false) {
      const { doc, fileName, handle } = s();
      try {
        // Stored results stay in the file while they still describe this network.
        const keep = stored && stored.fingerprint === documentFingerprint(doc) ? stored.results : undefined;
        if (stored && !keep) {
          s().toast('info', `The run results stored in ${fileName} were left out: the network changed since they were computed. Run again to see results.`);
          stored = null;
        }
        // a file not yet saved by the user (new, an example, a download) is offered under the project's title
        const suggested = handle ? fileName : `${projectStem(doc.meta?.title, fileName)}.snn`;
        const r = await platform.saveFile(serializeProject(doc, keep), handle, suggested, saveAs);
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
    // The recovery copy stays until the restored (dirty) document is autosaved over it or saved.
    restore: (text, name, handle) => openText({ text, name, handle }, true),
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
