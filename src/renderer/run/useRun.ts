/** The app's one run store and its React hook. */
import { useStore } from 'zustand';
import { createRunStore, type RunStore } from './runStore';
import { startRunEngine } from './runEngine';

export const runStore = createRunStore(startRunEngine);

export function useRun<T>(selector: (s: RunStore) => T): T {
  return useStore(runStore, selector);
}
