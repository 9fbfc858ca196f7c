/**
 * BrainPy export of populations whose model exists only as a spec: a brainpy.state class
 * generated from the spec (src/engine/spec/brainpy.ts), defined once per model at the top of the
 * script, and the population's constructor call with the network's parameters and initial values.
 */
import type { PopulationIR } from '../ir';
import type { DimensionName } from '../../shared/units';
import { getBundledNeuronModel, getSpecModel, type SpecModel } from '../../shared/modelspec/registry';
import { modelWithMethod } from '../../shared/modelspec/method';
import { BRAINPY_SPEC_HELPERS, brainpyClass, brainpyNames } from '../spec/brainpy';
import { bpValue, type Unit } from './brainpyParts';
import { initializer } from './brainpyNeurons';

const UNIT: Readonly<Record<DimensionName, Unit>> = {
  voltage: 'mV', time: 'ms', current: 'nA', conductance: 'uS', resistance: 'Mohm', capacitance: 'nF', rate: 'Hz', dimensionless: 'one',
};

/**
 * The spec a population's BrainPy class is generated from: a spec-only model's, or, for a bundled
 * model exported as a native brainpy.state class, its spec when the population chose its own
 * integration method (document field `method`; brainpy.state's classes step by exponential Euler
 * and take no method), with the states set to that method. Undefined: the native class.
 */
export function exportedSpec(pop: Pick<PopulationIR, 'model' | 'method'>): SpecModel | undefined {
  const model = getSpecModel(pop.model) ?? (pop.method === undefined ? undefined : getBundledNeuronModel(pop.model));
  return model && modelWithMethod(model, pop.method);
}

/** Python class name of a population's generated class (one per model and method). */
export const specClassName = (pop: Pick<PopulationIR, 'model' | 'method'>): string =>
  `${pop.model.replace(/[^A-Za-z0-9_]/g, '_')}Spec${pop.method ? `_${pop.method}` : ''}`;

/** Module-level definitions for the generated classes the network uses (helpers once, one class per model and method). */
export function specClassDefinitions(pops: readonly Pick<PopulationIR, 'model' | 'method'>[]): string[] {
  const used = new Map<string, Pick<PopulationIR, 'model' | 'method'>>();
  for (const p of pops) if (exportedSpec(p)) used.set(specClassName(p), p);
  if (used.size === 0) return [];
  const out = [...BRAINPY_SPEC_HELPERS, ''];
  for (const [className, p] of used) {
    const m = exportedSpec(p);
    if (!m) continue;
    const title = p.method ? `${m.catalog.title}, every state by ${p.method} (the population's method)` : m.catalog.title;
    out.push(...brainpyClass(m.spec, { className, title, source: m.source }), '', '');
  }
  return out;
}

/** `self.<attr> = <Model>Spec(...)` for a population with a generated class. */
export function specCtor(pop: PopulationIR, attr: string): string[] {
  const m = exportedSpec(pop);
  if (!m) throw new Error(`${pop.model} is not a spec model`);
  const { catalog } = m;
  const names = brainpyNames(m.spec);
  const arg = (n: string): string => names.get(n) ?? n;
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'}, class generated from its model spec`,
    `self.${attr} = ${specClassName(pop)}(`,
    `    ${pop.size},`,
    ...catalog.params.map((p) => `    ${arg(p.name)}=${bpValue(pop.params[p.name], pop.size, UNIT[p.dim])},`),
    ...(catalog.state ?? []).map((s) => `    ${arg(s.name)}_initializer=${initializer(pop.init[s.name] ?? { kind: 'scalar', value: 0 }, pop.size, UNIT[s.dim])},`),
    ...(catalog.choices ?? []).map((c) => `    ${arg(c.name)}=${JSON.stringify(pop.choices[c.name] ?? c.default)},`),
    `)`,
  ];
}
