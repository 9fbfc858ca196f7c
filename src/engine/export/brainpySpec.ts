/**
 * BrainPy export of populations whose model exists only as a spec: a brainpy.state class
 * generated from the spec (src/engine/spec/brainpy.ts), defined once per model at the top of the
 * script, and the population's constructor call with the network's parameters and initial values.
 */
import type { PopulationIR } from '../ir';
import type { DimensionName } from '../../shared/units';
import { getSpecModel } from '../../shared/modelspec/registry';
import { BRAINPY_SPEC_HELPERS, brainpyClass, brainpyNames } from '../spec/brainpy';
import { bpValue, type Unit } from './brainpyParts';
import { initializer } from './brainpyNeurons';

const UNIT: Readonly<Record<DimensionName, Unit>> = {
  voltage: 'mV', time: 'ms', current: 'nA', conductance: 'uS', resistance: 'Mohm', capacitance: 'nF', rate: 'Hz', dimensionless: 'one',
};

/** Python class name of a spec model's generated class. */
export const specClassName = (model: string): string => `${model.replace(/[^A-Za-z0-9_]/g, '_')}Spec`;

/** Module-level definitions for the spec models the network uses (helpers once, one class per model). */
export function specClassDefinitions(models: readonly string[]): string[] {
  const used = [...new Set(models)].filter((m) => getSpecModel(m) !== undefined);
  if (used.length === 0) return [];
  const out = [...BRAINPY_SPEC_HELPERS, ''];
  for (const name of used) {
    const m = getSpecModel(name);
    if (!m) continue;
    out.push(...brainpyClass(m.spec, { className: specClassName(name), title: m.catalog.title, source: m.source }), '', '');
  }
  return out;
}

/** `self.<attr> = <Model>Spec(...)` for a spec-model population. */
export function specCtor(pop: PopulationIR, attr: string): string[] {
  const m = getSpecModel(pop.model);
  if (!m) throw new Error(`${pop.model} is not a spec model`);
  const { catalog } = m;
  const names = brainpyNames(m.spec);
  const arg = (n: string): string => names.get(n) ?? n;
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'}, class generated from its model spec`,
    `self.${attr} = ${specClassName(pop.model)}(`,
    `    ${pop.size},`,
    ...catalog.params.map((p) => `    ${arg(p.name)}=${bpValue(pop.params[p.name], pop.size, UNIT[p.dim])},`),
    ...(catalog.state ?? []).map((s) => `    ${arg(s.name)}_initializer=${initializer(pop.init[s.name] ?? { kind: 'scalar', value: 0 }, pop.size, UNIT[s.dim])},`),
    ...(catalog.choices ?? []).map((c) => `    ${arg(c.name)}=${JSON.stringify(pop.choices[c.name] ?? c.default)},`),
    `)`,
  ];
}
