/** Validate the document in the engine worker shortly after each edit, and publish the problems. */
import { useEffect } from 'react';
import type { EngineClient } from './EngineClient';
import { editorStore, useEditor } from '../store/useEditor';

/** Quiet time after the last edit before validating, ms: fast enough to feel live, slow enough not to build per keystroke. */
export const VALIDATE_DEBOUNCE_MS = 250;

export function useLiveValidation(engine: EngineClient): void {
  const doc = useEditor((s) => s.doc);
  const view = useEditor((s) => s.view);
  useEffect(() => {
    if (view !== 'editor') return;
    let cancelled = false;
    const t = setTimeout(() => {
      engine.validate(doc).then(
        (problems) => {
          if (!cancelled && editorStore.getState().doc === doc) editorStore.getState().setProblems(problems, doc);
        },
        (e: Error) => !cancelled && editorStore.getState().toast('error', `The engine could not check the network: ${e.message}`),
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [doc, view, engine]);
}
