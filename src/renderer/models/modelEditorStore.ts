/**
 * The model editor's session state: the draft being edited (never part of the document until
 * Save). `original` is the custom model being edited (null for a new one); `start` is the text
 * the draft opened with, so closing can ask only when there are unsaved edits.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { bundledSpecSource, freeModelName, withModelName } from '../../shared/customModels';
import type { Document } from '../../shared/document';

export interface Draft {
  readonly original: string | null;
  readonly name: string;
  readonly source: string;
  readonly start: { readonly name: string; readonly source: string };
  /** Incremented on each open, so the dialog re-focuses and resets its view. */
  readonly session: number;
}

interface ModelEditorState {
  readonly draft: Draft | null;
  /** A new model: a copy of bundled model `from` (default LIF; Expon or Alpha for a synapse model), renamed. */
  openNew(doc: Document, from?: string): void;
  openEdit(doc: Document, name: string): void;
  /** A model from a .snnmodel file, as a new model (its name may still clash: the editor says so). */
  openImported(name: string, source: string): void;
  update(patch: Partial<Pick<Draft, 'name' | 'source'>>): void;
  close(): void;
}

const takenNames = (doc: Document): string[] => (doc.customModels ?? []).map((m) => m.name);
let sessions = 0;
const draftOf = (original: string | null, name: string, source: string): Draft => ({ original, name, source, start: { name, source }, session: ++sessions });

export const modelEditorStore = createStore<ModelEditorState>()((set, get) => ({
  draft: null,
  openNew(doc, from = 'LIF') {
    const name = freeModelName(from, takenNames(doc));
    const source = withModelName(bundledSpecSource(from) ?? '', name);
    set({ draft: draftOf(null, name, source) });
  },
  openEdit(doc, name) {
    const model = doc.customModels?.find((m) => m.name === name);
    if (model) set({ draft: draftOf(name, model.name, model.source) });
  },
  openImported(name, source) {
    set({ draft: draftOf(null, name, source) });
  },
  update(patch) {
    const d = get().draft;
    if (d) set({ draft: { ...d, ...patch } });
  },
  close() {
    set({ draft: null });
  },
}));

export const useModelEditor = <T,>(selector: (s: ModelEditorState) => T): T => useStore(modelEditorStore, selector);

/** The draft differs from what it opened with. */
export const hasUnsavedEdits = (d: Draft): boolean => d.name !== d.start.name || d.source !== d.start.source;
