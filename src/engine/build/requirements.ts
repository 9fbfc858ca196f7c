/**
 * A model's `require` lines (modelspec/check.ts SpecRequirement) against a node's values: each
 * condition evaluated on the parameters in the spec's coherent units, and a failing one reported
 * as bad_value at the parameter it names first, with the spec's own sentence. The build thus
 * checks relations between parameters (DualExpon's tau_rise ≠ tau_decay) without naming a model.
 */
import { getBundledNeuronModel, getBundledSynapseModel, getSpecModel, type SpecModel } from '../../shared/modelspec/registry';
import type { ModelIR } from '../ir';
import { coherentParams, constantOf } from '../spec/pulse';
import type { NodeReporter } from './context';

/** The spec of a model by name: a custom or bundled spec model (Expon too, known by name elsewhere). */
function specOf(name: string): SpecModel | undefined {
  return getSpecModel(name) ?? getBundledSynapseModel(name) ?? getBundledNeuronModel(name);
}

/**
 * Report each `require` of `model`'s spec that its parameters break, at `${prefix}.${param}`.
 * Returns false when one is broken. Models without a spec, or without `require` lines, pass.
 */
export function checkRequirements(model: ModelIR, prefix: string, report: NodeReporter): boolean {
  const spec = specOf(model.model);
  if (!spec || spec.spec.requires.length === 0) return true;
  const params = coherentParams(spec, model);
  let ok = true;
  for (const r of spec.spec.requires) {
    if (constantOf(r.condition, params) !== 0) continue;
    report('bad_value', `${prefix}.${r.param}`, r.message);
    ok = false;
  }
  return ok;
}
