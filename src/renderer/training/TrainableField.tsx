/**
 * The projection inspector's training row: a "trainable" checkbox for surrogate-gradient training
 * (snn train), and, once the project holds trained weights, a note that they replace the weight
 * field with a button to discard them — so an edited weight never silently does nothing.
 */
import type { ProjectionNode } from '../../shared/document';
import { trainedSummary, withTrainable, withoutTrained } from './trainable';

export function TrainableField({ node, onChange }: { node: ProjectionNode; onChange: (node: ProjectionNode) => void }) {
  const summary = trainedSummary(node);
  return (
    <div className="field trainable-field" data-testid="trainable-field">
      <label title="Surrogate-gradient training (snn train) may change this projection's weights">
        <input type="checkbox" checked={node.trainable === true} onChange={(e) => onChange(withTrainable(node, e.target.checked))} data-testid="trainable" />
        {' '}trainable weights
      </label>
      {summary && (
        <p className="muted" data-testid="trained-summary">
          {summary}{' '}
          <button type="button" onClick={() => onChange(withoutTrained(node))} data-testid="discard-trained">Discard trained weights</button>
        </p>
      )}
    </div>
  );
}
