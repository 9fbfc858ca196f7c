/**
 * Keeps the renderer's catalogue in step with the open document's custom models: whenever the
 * document's `customModels` change (open, new, an edit, undo, redo) they are registered
 * (src/shared/modelspec/registry.ts), so the palette, the inspector and the derived values see
 * them. Subscribed before any view, so a view never renders a document whose models are missing.
 * The engine registers them again where its build starts (its own module instance; the registry
 * compiles them only when their names or sources changed).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Document } from '../../shared/document';
import { registerDocumentModels } from '../../shared/modelspec/registry';
import type { Problem } from '../../shared/problems';

export function trackDocumentModels(store: StoreApi<{ readonly doc: Document }>, onProblems: (problems: Problem[]) => void = () => undefined): () => void {
  let registered: Document['customModels'] | null = null;
  const sync = (doc: Document): void => {
    if (doc.customModels === registered) return;
    registered = doc.customModels;
    // a file's models were checked when it loaded and the editor saves only models that compile:
    // a problem here is a bug, reported but never fatal (the build reports it on the network too)
    const problems = registerDocumentModels(doc.customModels ?? []);
    if (problems.length > 0) onProblems(problems);
  };
  sync(store.getState().doc);
  return store.subscribe((s) => sync(s.doc));
}
