/**
 * A population's integration method (document field `method`), as Brian2's `method=` and
 * BrainPy's `method=` offer it: "auto" keeps the scheme each state of the model's spec names
 * (LIF's exact step, HH's exponential Euler, ...); any other method integrates every state of
 * the population by that one scheme. Written once here and applied to the spec (withMethod), so
 * every kernel (generated WebAssembly, JavaScript, tfjs) and every exporter reads the states'
 * schemes as usual and needs no method logic of its own.
 */
import type { NeuronSpec } from './check';

/** The methods a population may choose, "auto" (the spec's own schemes) first. */
export const METHODS = ['auto', 'euler', 'exponential_euler', 'rk2', 'rk4'] as const;
export type IntegrationMethod = (typeof METHODS)[number];

/** One line per method for the inspector's select and the manual. */
export const METHOD_DOC: Readonly<Record<IntegrationMethod, string>> = {
  auto: "the model's own schemes (LIF: exact; HH: exponential Euler)",
  euler: 'forward Euler, x += dt·f(x): cheapest, first order (Brian2 COBA.py)',
  exponential_euler: 'exponential Euler, x += dt·exprel(dt·J)·f(x): exact for linear equations',
  rk2: 'second-order Runge–Kutta (midpoint)',
  rk4: 'classic fourth-order Runge–Kutta',
};

export function isMethod(value: unknown): value is IntegrationMethod {
  return typeof value === 'string' && (METHODS as readonly string[]).includes(value);
}

/**
 * Largest dt·|λ| for which a method is stable on dx/dt = λx with λ < 0 (its stability region on
 * the negative real axis): |1 + z| ≤ 1 for Euler, |1 + z + z²/2| ≤ 1 for RK2, z ≥ -2.785 for RK4.
 * Exponential Euler is stable for every dt on such an equation.
 */
export const STABILITY_LIMIT: Readonly<Partial<Record<IntegrationMethod, number>>> = { euler: 2, rk2: 2, rk4: 2.785 };

const derived = new WeakMap<NeuronSpec, Map<IntegrationMethod, NeuronSpec>>();

/**
 * `spec` with every state integrated by `method` ("auto" or absent: the spec itself). The same
 * spec and method give the same object, so kernels cached per spec are cached per method too.
 */
export function withMethod(spec: NeuronSpec, method: IntegrationMethod | undefined): NeuronSpec {
  if (method === undefined || method === 'auto') return spec;
  let byMethod = derived.get(spec);
  if (!byMethod) derived.set(spec, (byMethod = new Map()));
  let out = byMethod.get(method);
  if (!out) byMethod.set(method, (out = { ...spec, states: spec.states.map((s) => ({ ...s, scheme: method })) }));
  return out;
}

const derivedModels = new WeakMap<object, Map<IntegrationMethod, object>>();

/** A model record (a SpecModel) whose spec is withMethod(spec, method); memoised like withMethod. */
export function modelWithMethod<M extends { readonly spec: NeuronSpec }>(model: M, method: IntegrationMethod | undefined): M {
  if (method === undefined || method === 'auto') return model;
  let byMethod = derivedModels.get(model);
  if (!byMethod) derivedModels.set(model, (byMethod = new Map()));
  let out = byMethod.get(method) as M | undefined;
  if (!out) byMethod.set(method, (out = { ...model, spec: withMethod(model.spec, method) }));
  return out;
}
