/**
 * The catalogue of models a document can name, keyed by family and name. Build validates
 * parameters against it; the palette and inspector render from it. Every neuron model's entry is
 * derived from its spec (src/shared/modelspec/neurons), and so is every synapse model's that has
 * one (src/shared/modelspec/synapses), and every current input's but OU's (src/shared/modelspec/inputs);
 * the other families are written here.
 * Kernels register in the engine's backends under the same names.
 */
import type { Family, ModelSpec } from './types';
import { Poisson, SpikeTimes } from './sources';
import { ou } from './inputs';
import { synapseModels } from './synapseModels';
import { all_to_all, bernoulli, fixed_indegree, fixed_outdegree, fixed_prob, one_to_one } from './synapses';
import { bundledModelsInOrder, bundledSynapseModelsInOrder } from '../modelspec/specModel';
import { bundledOutputSpecs } from '../modelspec/outputs';
import { bundledInputSpecs } from '../modelspec/inputs';

export type { Family, ModelSpec, ParamSpec, ChoiceSpec, StateSpec } from './types';

const registry = new Map<Family, Map<string, ModelSpec>>();

/** Add a model to the catalogue (a later registration with the same name replaces it). */
export function registerModel(spec: ModelSpec): void {
  let family = registry.get(spec.family);
  if (!family) registry.set(spec.family, (family = new Map()));
  family.set(spec.name, spec);
}

/** Remove a model from the catalogue (a document's custom model when another document loads). */
export function unregisterModel(family: Family, name: string): void {
  registry.get(family)?.delete(name);
}

export function getModel(family: Family, name: string): ModelSpec | undefined {
  return registry.get(family)?.get(name);
}

export function modelsOf(family: Family): ModelSpec[] {
  return [...(registry.get(family)?.values() ?? [])];
}

/** A population model: a neuron or a spike source. */
export function getPopulationModel(name: string): ModelSpec | undefined {
  return getModel('neuron', name) ?? getModel('source', name);
}

/** Neurons: every entry derived from its spec (one folder per model in src/shared/modelspec/neurons), in the specs' `order`. */
for (const model of bundledModelsInOrder()) registerModel(model.catalog);

for (const spec of [Poisson, SpikeTimes]) registerModel(spec);
/** Current inputs with a spec (constant, step, ramp, sinusoid: one folder each in src/shared/modelspec/inputs), entries derived from it; then OU. */
for (const input of bundledInputSpecs()) registerModel(input.catalog);
registerModel(ou);
/** Synapse models with a spec (Expon, DualExpon, Alpha: one folder each in src/shared/modelspec/synapses), entries derived from it. */
for (const model of bundledSynapseModelsInOrder()) registerModel(model.catalog);
/** Outputs (CUBA, COBA, MgBlock): every entry derived from its spec (src/shared/modelspec/outputs). */
for (const output of bundledOutputSpecs()) registerModel(output.catalog);
for (const spec of [fixed_prob, bernoulli, fixed_indegree, fixed_outdegree, all_to_all, one_to_one, ...synapseModels]) registerModel(spec);

/**
 * What a projection's weight is: the synapse's own weight facet when it bypasses the output
 * (Delta: a voltage jump), else the output's (CUBA: a current, COBA and MgBlock: a conductance).
 * Undefined when a model is unknown: the build reports that, and no dimension is guessed.
 */
export function projectionWeight(synapseModel: string, outputModel: string): ModelSpec['weight'] {
  const synapse = getModel('synapse', synapseModel);
  if (!synapse) return undefined;
  return synapse.weight ?? getModel('output', outputModel)?.weight;
}

/** The synapse model's weight is a voltage: each spike moves V by it, no synaptic state (Delta). */
export function jumpsVoltage(synapseModel: string): boolean {
  return getModel('synapse', synapseModel)?.weight?.dim === 'voltage';
}
