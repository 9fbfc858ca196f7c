/** Validate the document in the engine worker shortly after each edit, and publish the problems and derived facts. */
import { useEffect } from 'react';
import { ENGINE_CRASHED, EngineRequestError, type EngineClient, type Validation } from './EngineClient';
import { editorStore, useEditor } from '../store/useEditor';

/** Quiet time after the last edit before validating, ms: fast enough to feel live, slow enough not to build per keystroke. */
export const VALIDATE_DEBOUNCE_MS = 250;

/**
 * Validate `doc`; if the engine died before answering, ask once more (the request waits for the
 * restarted engine). A second death is reported: a document that crashes the engine must not
 * restart it for ever.
 */
export async function validateSurvivingCrash(engine: EngineClient, doc: unknown): Promise<Validation> {
  try {
    return await engine.validate(doc);
  } catch (e) {
    if (e instanceof EngineRequestError && e.code === ENGINE_CRASHED) return engine.validate(doc);
    throw e;
  }
}

export function useLiveValidation(engine: EngineClient): void {
  const doc = useEditor((s) => s.doc);
  const view = useEditor((s) => s.view);
  useEffect(() => {
    if (view !== 'editor') return;
    let cancelled = false;
    const t = setTimeout(() => {
      validateSurvivingCrash(engine, doc).then(
        ({ problems, facts }) => {
          if (!cancelled && editorStore.getState().doc === doc) editorStore.getState().setProblems(problems, doc, facts);
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
