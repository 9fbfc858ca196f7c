/** The app's one run store and its React hook. */
import { useStore } from 'zustand';
import { createRunStore, type RunStore } from './runStore';
import { startRunEngine } from './runEngine';
import { editorStore } from '../store/useEditor';

export const runStore = createRunStore(startRunEngine);

// Earlier runs are compared only within one project: opening another one forgets them.
editorStore.subscribe((s, prev) => {
  if (s.project !== prev.project) runStore.getState().clearHistory();
});

export function useRun<T>(selector: (s: RunStore) => T): T {
  return useStore(runStore, selector);
}
