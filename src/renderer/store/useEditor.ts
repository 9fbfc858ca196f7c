/** The app's one editor store and its React hook. */
import { useStore } from 'zustand';
import { createEditorStore, type EditorStore } from './editorStore';
import { trackDocumentModels } from '../models/documentModels';

export const editorStore = createEditorStore();
trackDocumentModels(editorStore, (problems) => editorStore.getState().toast('error', problems.map((p) => p.message).join(' ')));

export function useEditor<T>(selector: (s: EditorStore) => T): T {
  return useStore(editorStore, selector);
}
