/** Pure edits of a projection's training marks (issue 18), applied through the editor's replace-node change. */
import type { ProjectionNode } from '../../shared/document';

/** The projection with its weights marked trainable or not (the key is dropped when off, as before it existed). */
export function withTrainable(node: ProjectionNode, on: boolean): ProjectionNode {
  const { trainable: _old, ...rest } = node;
  return on ? { ...rest, trainable: true } : rest;
}

/** The projection without its trained weights, so its `weight` applies again. */
export function withoutTrained(node: ProjectionNode): ProjectionNode {
  const { trained: _old, ...rest } = node;
  return rest;
}

/** One line about trained weights for the inspector, or null when there are none. */
export function trainedSummary(node: ProjectionNode): string | null {
  const t = node.trained;
  if (!t) return null;
  return `Trained weights (${t.weights.length.toLocaleString('en')} synapses, ${t.epochs} epoch${t.epochs === 1 ? '' : 's'}) replace "weight" when the network runs.`;
}
