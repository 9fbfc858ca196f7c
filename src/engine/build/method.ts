/**
 * A population's `method` field (shared/modelspec/method.ts) checked and carried to the IR: a
 * value outside the list, a method on a population without equations (a spike source), and a
 * Runge–Kutta or Euler step that is unstable at this dt where that shows cheaply (a state whose
 * J = ∂f/∂x reads only parameters, e.g. LIF's -1/tau) are refused, naming the node and field.
 */
import { getBundledNeuronModel, getSpecModel, internalPerCoherent } from '../../shared/modelspec/registry';
import { dependsOn } from '../../shared/modelspec/derivative';
import { dimName } from '../../shared/modelspec/dimension';
import { isMethod, METHODS, STABILITY_LIMIT, withMethod, type IntegrationMethod } from '../../shared/modelspec/method';
import type { PopulationNode } from '../../shared/document';
import { formatQuantity } from '../../shared/units';
import type { ValueIR } from '../ir';
import { evaluate } from '../spec/interpreter';
import type { NodeReporter } from './context';

/** The checked spec of a neuron model (bundled or the document's own), or undefined for sources. */
function specOf(model: string) {
  return (getSpecModel(model) ?? getBundledNeuronModel(model))?.spec;
}

/**
 * The method of `node` for its IR (undefined for "auto" or absent), after the checks above;
 * `params` are the population's parameters as built (internal units), `dt` in ms.
 */
export function buildMethod(node: PopulationNode, model: string, params: Readonly<Record<string, ValueIR>>, dt: number, report: NodeReporter): Exclude<IntegrationMethod, 'auto'> | undefined {
  const method = node.method;
  if (method === undefined) return undefined;
  if (!isMethod(method)) {
    report('bad_value', 'method', `method must be one of ${METHODS.map((m) => `"${m}"`).join(', ')} (got ${JSON.stringify(method)}).`);
    return undefined;
  }
  if (method === 'auto') return undefined;
  const spec = specOf(model);
  if (!spec) {
    report('unsupported', 'method', `${model} has no equations to integrate, so it takes no integration method; set method to "auto".`);
    return undefined;
  }
  const limit = STABILITY_LIMIT[method];
  if (limit !== undefined && dt > 0) {
    const resolve = (name: string) => spec.subexpressions.get(name)?.value;
    const varying = [...spec.states.map((s) => s.name), ...spec.inputs.map((i) => i.name), 't'];
    const scalar = new Map<string, number>();
    for (const p of spec.params) {
      const v = params[p.name];
      if (v?.kind === 'scalar') scalar.set(p.name, v.value / internalPerCoherent(dimName(p.dim) ?? 'dimensionless'));
    }
    for (const s of withMethod(spec, method).states) {
      if (varying.some((x) => dependsOn(s.jacobian, x, resolve))) continue;
      let J: number;
      try {
        J = evaluate(s.jacobian, (name) => {
          const v = scalar.get(name);
          if (v === undefined) throw new Error(name); // per neuron or unknown: not checked here
          return v;
        });
      } catch {
        continue;
      }
      if (J < 0 && dt * -J > limit) {
        report('unstable_method', 'method',
          `method "${method}" is unstable at dt = ${formatQuantity(dt, 'time')} for d${s.name}/dt of this population: its time constant is ${formatQuantity(-1 / J, 'time')} and ${method} needs dt ≤ ${formatQuantity(limit / -J, 'time')}. Use "exponential_euler" (or "auto") or a smaller dt.`);
        return undefined;
      }
    }
  }
  return method;
}
