/**
 * brainpy.state constructors for the bundled neurons whose spec names a native class (the spec's
 * `brainpy` facet, src/shared/modelspec/neurons): the equations are BrainPy's own (SNN Studio
 * follows them), so the spec's parameters and states map one to one, each in the brainunit unit
 * of its dimension. Where SNN Studio computes differently the facet's caveat travels with the
 * script; a facet may refuse the model instead (Izhikevich: brainpy.state takes its input in
 * mV/ms, SNN Studio's inputs are currents entering as I/C).
 */
import type { PopulationIR, ValueIR } from '../ir';
import { getBundledNeuronModel } from '../../shared/modelspec/registry';
import { NEURON_SPECS, type BrainPyFacet } from '../../shared/modelspec/neurons';
import type { DimensionName } from '../../shared/units';
import { dimName } from '../../shared/modelspec/dimension';
import { num, valueExpr } from './python';
import { type Unit, U } from './brainpyUnits';

type Spec = { readonly params: Readonly<Record<string, Unit>>; readonly state: Readonly<Record<string, Unit>>; readonly reset: boolean };

/** The brainunit unit of each dimension, in SNN Studio's coherent units. */
const UNIT_OF: Readonly<Record<DimensionName, Unit>> = {
  voltage: 'mV', time: 'ms', current: 'nA', conductance: 'uS', resistance: 'Mohm', capacitance: 'nF', rate: 'Hz', dimensionless: 'one',
};

const FACETS: ReadonlyMap<string, BrainPyFacet> = new Map(NEURON_SPECS.flatMap((s) => (s.brainpy ? [[s.name, s.brainpy] as const] : [])));

/** Parameters and states of a model with a native class, under the spec's names with their units. */
function nativeSpec(model: string, facet: { readonly class: string; readonly units?: Readonly<Record<string, Unit>> }): Spec {
  const m = getBundledNeuronModel(model);
  if (!m) throw new Error(`${model} has a BrainPy facet but no bundled spec`);
  const unit = (name: string, d: Parameters<typeof dimName>[0]): Unit => {
    const n = dimName(d);
    if (n === undefined) throw new Error(`${model}.${name} has no document dimension`);
    return facet.units?.[name] ?? UNIT_OF[n];
  };
  return {
    params: Object.fromEntries(m.spec.params.map((p) => [p.name, unit(p.name, p.dim)])),
    state: Object.fromEntries(m.spec.states.map((s) => [s.name, unit(s.name, s.dim)])),
    reset: m.spec.choices.some((c) => c.name === 'reset'),
  };
}

/** Bundled models written as their brainpy.state class, by catalogue name. */
export const BRAINPY_NEURONS: Readonly<Record<string, Spec>> = Object.fromEntries(
  [...FACETS].flatMap(([model, f]) => ('class' in f ? [[model, nativeSpec(model, f)]] : [])),
);

/** Why the BrainPy export refuses a bundled model (its facet says so), or undefined. */
export function brainpyRefusal(model: string): string | undefined {
  const f = FACETS.get(model);
  return f && 'refused' in f ? f.refused : undefined;
}

function quantity(v: ValueIR, n: number, unit: Unit): string {
  if (v.kind === 'normal') return `braintools.init.Normal(${num(v.mean)} * ${U[unit]}, ${num(v.std)} * ${U[unit]})`;
  if (v.kind === 'uniform') return `braintools.init.Uniform(${num(v.low)} * ${U[unit]}, ${num(v.high)} * ${U[unit]})`;
  const x = valueExpr(v, n, '            ');
  return unit === 'one' ? x : `${x} * ${U[unit]}`;
}

/** A braintools initializer of a state (Constant, or Normal / Uniform for a distribution). */
export function initializer(v: ValueIR, n: number, unit: Unit): string {
  return v.kind === 'normal' || v.kind === 'uniform' ? quantity(v, n, unit) : `braintools.init.Constant(${quantity(v, n, unit)})`;
}

/** `self.<attr> = brainpy.state.<Model>(...)` for a model-library population. */
export function neuronCtor(pop: PopulationIR, attr: string): string[] {
  const spec = BRAINPY_NEURONS[pop.model];
  const facet = FACETS.get(pop.model);
  const cls = facet && 'class' in facet ? facet.class : pop.model;
  const reset = spec.reset ? [`    spk_reset=${JSON.stringify(pop.choices.reset ?? 'soft')},`] : [];
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'}`,
    `self.${attr} = brainpy.state.${cls}(`,
    `    ${pop.size},`,
    ...Object.entries(spec.params).map(([p, unit]) => `    ${p}=${quantity(pop.params[p], pop.size, unit)},`),
    ...Object.entries(spec.state).map(([x, unit]) => `    ${x}_initializer=${initializer(pop.init[x] ?? { kind: 'scalar', value: 0 }, pop.size, unit)},`),
    ...reset,
    `)`,
  ];
}

/** Where brainpy.state computes differently from SNN Studio for this model (a warning, not a refusal). */
export function brainpyCaveat(model: string): string | undefined {
  const f = FACETS.get(model);
  return f && 'class' in f ? f.caveat : undefined;
}
