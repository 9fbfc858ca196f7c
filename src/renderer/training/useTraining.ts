/** The app's one training store and its React hook. */
import { useStore } from 'zustand';
import { Document } from '../../shared/document';
import { startRunEngine } from '../run/runEngine';
import { editorStore } from '../store/useEditor';
import { createTrainingStore, type TrainingStore } from './trainingStore';

export const trainingStore = createTrainingStore(startRunEngine, (d) => Document.parse(d));

// A training result belongs to the project it was trained on: opening another one forgets it.
editorStore.subscribe((s, prev) => {
  if (s.project !== prev.project) trainingStore.getState().reset();
});

export function useTraining<T>(selector: (s: TrainingStore) => T): T {
  return useStore(trainingStore, selector);
}
