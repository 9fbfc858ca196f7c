/**
 * Plasticity models a projection can carry (its `plasticity` field): STP, STD and STDP, each
 * derived from its spec (src/shared/modelspec/plasticity/<folder>), where its equations, defaults
 * and departures from BrainPy are written.
 */
import type { ModelSpec } from './types';
import { bundledPlasticityModels, getPlasticityModel } from '../modelspec/plasticityModel';

export const plasticityModels: readonly ModelSpec[] = bundledPlasticityModels().map((m) => m.catalog);

/** Parameters of rule `model` measured in the projection's weight unit (`(weight)` in its spec, e.g. STDP's w_min, w_max). */
export function weightUnitParams(model: string): readonly string[] {
  return getPlasticityModel(model)?.rule.weightParams ?? [];
}
