/** Run the open document with the run panel's fields, or refuse naming the fields at fault (Run button, F5, Ctrl+Enter, the menu). */
import { editorStore } from '../store/useEditor';
import { runStore } from './useRun';
import { runFromPanel } from './runSettings';

export function runWithPanel(): boolean {
  const doc = editorStore.getState().doc;
  return runFromPanel(doc, (settings) => runStore.getState().run(doc, settings));
}
