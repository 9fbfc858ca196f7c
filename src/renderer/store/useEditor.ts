/** The app's one editor store and its React hook. */
import { useStore } from 'zustand';
import { createEditorStore, type EditorStore } from './editorStore';

export const editorStore = createEditorStore();

export function useEditor<T>(selector: (s: EditorStore) => T): T {
  return useStore(editorStore, selector);
}
