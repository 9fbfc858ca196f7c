/**
 * A projection's plasticity (a rule of modelspec/plasticity: STP, STD, STDP) -> PlasticityIR. A
 * rule's `(weight)` parameters (STDP's bounds) take the unit of the projection's weight (nA for
 * CUBA, µS for COBA, mV for Delta), so they are converted here rather than by their catalogue dimension.
 */
import type { ProjectionNode } from '../../shared/document';
import { getModel } from '../../shared/catalog';
import { getPlasticityModel } from '../../shared/modelspec/plasticityModel';
import { isPreAlignedSynapse } from '../../shared/modelspec/specModel';
import type { DimensionName } from '../../shared/units';
import type { PlasticityIR } from '../ir';
import type { NodeReporter } from './context';
import { quantity, scalarParam } from './values';

/** The plasticity of `node`, undefined when it has none or it is wrong (then reported). */
export function buildPlasticity(node: ProjectionNode, weightDim: DimensionName, report: NodeReporter): { ir?: PlasticityIR; ok: boolean } {
  const ref = node.plasticity;
  if (!ref) return { ok: true };
  const spec = getModel('plasticity', ref.model);
  const rule = getPlasticityModel(ref.model)?.rule;
  if (!spec || !rule) {
    report('unknown_model', 'plasticity.model', `There is no plasticity model "${ref.model}" (try STP, STD or STDP).`);
    return { ok: false };
  }
  if (rule.transmits && isPreAlignedSynapse(node.synapse.model)) {
    report('unsupported', 'plasticity.model', `${spec.name} scales the increments a spike adds to g, but the ${node.synapse.model} synapse has no increments (its transmitter pulse saturates). Use Expon, DualExpon or Alpha with ${spec.name}.`);
    return { ok: false };
  }
  if (rule.changesWeight && node.output.scale !== undefined) {
    report('unsupported', 'plasticity.model', `${spec.name} needs the weight in its own unit, so it cannot be combined with a CUBA scale; remove output.scale and give the weight as a current.`);
    return { ok: false };
  }
  let ok = true;
  const params: Record<string, number> = {};
  for (const p of spec.params) {
    const field = `plasticity.${p.name}`;
    const given = ref[p.name];
    if (typeof given === 'boolean') {
      report('bad_value', field, `${field} must be a quantity, not true/false.`);
      ok = false;
      continue;
    }
    let x: number | undefined;
    if (rule.weightParams.includes(p.name)) {
      const v = given ?? p.default;
      if (v === undefined) report('missing_param', field, `${field} is required, in the unit of the weight (e.g. "${weightDim === 'current' ? '1 nA' : weightDim === 'voltage' ? '1 mV' : '10 nS'}").`);
      else x = v === 0 || v === '0' ? 0 : quantity(v, weightDim, field, report);
    } else x = scalarParam(given, p, field, report);
    if (x === undefined) ok = false;
    else params[p.name] = x;
  }
  const choices: Record<string, string> = {};
  for (const c of spec.choices ?? []) {
    const v = ref[c.name] ?? c.default;
    if (typeof v === 'string' && c.choices.includes(v)) choices[c.name] = v;
    else {
      report('bad_value', `plasticity.${c.name}`, `plasticity.${c.name} must be one of ${c.choices.map((x) => `"${x}"`).join(', ')} (got ${JSON.stringify(v)}).`);
      ok = false;
    }
  }
  for (const key of Object.keys(ref)) {
    if (key !== 'model' && !spec.params.some((p) => p.name === key) && !(spec.choices ?? []).some((c) => c.name === key)) {
      report('unknown_param', `plasticity.${key}`, `${spec.name} has no parameter "${key}"; it is ignored.`);
    }
  }
  // bounds of the weight (STDP's): an empty interval would pin every weight
  if (ok && rule.weightParams.includes('w_min') && rule.weightParams.includes('w_max') && !(params.w_max > params.w_min)) {
    report('bad_value', 'plasticity.w_max', `plasticity.w_max must be greater than w_min (got w_min = ${params.w_min}, w_max = ${params.w_max} in the weight's unit).`);
    ok = false;
  }
  return ok ? { ir: { model: spec.name, params, choices }, ok } : { ok };
}
