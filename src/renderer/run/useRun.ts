/** The app's one run store and its React hook. */
import { useStore } from 'zustand';
import { createRunStore, type RunStore } from './runStore';

export const runStore = createRunStore();

export function useRun<T>(selector: (s: RunStore) => T): T {
  return useStore(runStore, selector);
}
