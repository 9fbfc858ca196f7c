/** The app's one run store and its React hook. */
import { useStore } from 'zustand';
import { createRunStore, type RunStore } from './runStore';
import { startRunEngine } from './runEngine';
import { editorStore } from '../store/useEditor';

export const runStore = createRunStore(startRunEngine);

const whenIdle = (cb: () => void): void => {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => unknown }).requestIdleCallback;
  if (idle) idle(cb, { timeout: 2000 });
  else setTimeout(cb, 200);
};

// Earlier runs are compared only within one project: opening another one forgets them. The
// engine warms up on the opened project's document while the user reads it (its first Run then
// finds the document's kernels generated).
editorStore.subscribe((s, prev) => {
  if (s.project === prev.project) return;
  runStore.getState().clearHistory();
  whenIdle(() => runStore.getState().prepareDocument(editorStore.getState().doc));
});

export function useRun<T>(selector: (s: RunStore) => T): T {
  return useStore(runStore, selector);
}
