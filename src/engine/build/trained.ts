/**
 * Trained weights of a projection (document `trained`, issue 18) as the IR's per-synapse weight.
 * Their number is only checked when the network is connected (the rule decides the synapse count);
 * here the unit must be the internal unit of the weight's dimension (the schema already refuses
 * values that are not finite numbers).
 */
import type { ProjectionNode } from '../../shared/document';
import { DIMENSIONS, type DimensionName } from '../../shared/units';
import type { ValueIR } from '../ir';
import type { NodeReporter } from './context';

export function trainedWeight(node: ProjectionNode, dim: DimensionName, report: NodeReporter): ValueIR | undefined {
  const t = node.trained;
  if (!t) return undefined;
  const unit = DIMENSIONS[dim].internal;
  if (t.unit !== unit) return void report('wrong_dimension', 'trained.unit', `trained.unit is "${t.unit}", but this projection's weight is a ${dim} stored in ${unit}; train the network again.`);
  if (t.weights.length === 0) return void report('bad_value', 'trained.weights', 'trained.weights is empty; remove "trained" or train again.');
  return { kind: 'array', values: Float64Array.from(t.weights) };
}
