/**
 * The projection inspector's training row: a "trainable" checkbox for surrogate-gradient training
 * (snn train), and, once the project holds trained weights, a note that they replace the weight
 * field with a button to discard them — so an edited weight never silently does nothing.
 */
import { useId } from 'react';
import type { ProjectionNode } from '../../shared/document';
import { trainedSummary, withTrainable, withoutTrained } from './trainable';

/** The field grid sizes inputs to the column; a checkbox keeps its own size. */
const CHECKBOX_STYLE = { width: 'auto', minHeight: 0, margin: 0, verticalAlign: 'middle' } as const;

export function TrainableField({ node, onChange }: { node: ProjectionNode; onChange: (node: ProjectionNode) => void }) {
  const id = useId();
  const summary = trainedSummary(node);
  return (
    <>
      <div className="field" data-testid="trainable-field">
        <label htmlFor={id} title="Surrogate-gradient training (the Training tab under the canvas, or snn train) may change this projection's weights">trainable</label>
        <span>
          <input id={id} type="checkbox" style={CHECKBOX_STYLE} checked={node.trainable === true} onChange={(e) => onChange(withTrainable(node, e.target.checked))} data-testid="trainable" />
          <span className="muted"> weights learned in Training</span>
        </span>
      </div>
      {summary && (
        <p className="derived-note" data-testid="trained-summary">
          {summary}{' '}
          <button type="button" onClick={() => onChange(withoutTrained(node))} data-testid="discard-trained">Discard trained weights</button>
        </p>
      )}
    </>
  );
}
