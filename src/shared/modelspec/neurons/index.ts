/**
 * The bundled neuron models as specs, in catalogue order. Each model is a folder here: its spec in
 * `<folder>/index.ts` (a folder may hold a model and its variants, e.g. LIF and LIFRef) and its
 * test beside it. The folders are found by scripts/modelIndex.mjs, which writes
 * folders.generated.ts; no list is kept by hand.
 */
import { MODEL_FOLDERS } from './folders.generated';
import type { NeuronSpecSource } from './types';

export type { BrainPyFacet, NeuronSpecSource } from './types';
export * from './folders.generated';

/** What every bundled spec source has (neuron or synapse): a name, an order and the spec text. */
interface OrderedSpec {
  readonly name: string;
  readonly order: number;
  readonly source: string;
}

/** A spec exported by a model folder: a name, an order and the spec text. */
function isSpecSource(value: unknown): value is OrderedSpec {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof OrderedSpec, unknown>>;
  return typeof v.name === 'string' && typeof v.source === 'string' && typeof v.order === 'number';
}

/**
 * Every spec the folders of `kind` (neurons, synapses) export, by `order` then name; a folder
 * without one, or a name given twice, is a programming error.
 */
export function collectSpecs<T extends OrderedSpec = NeuronSpecSource>(folders: Readonly<Record<string, Readonly<Record<string, unknown>>>>, kind = 'neurons'): readonly T[] {
  const specs: T[] = [];
  const where = new Map<string, string>();
  for (const [folder, exports] of Object.entries(folders)) {
    const found = Object.values(exports).filter(isSpecSource) as T[];
    if (found.length === 0) throw new Error(`Model folder ${kind}/${folder}: its index.ts exports no model spec (an object with name, order and source).`);
    for (const spec of found) {
      const other = where.get(spec.name);
      if (other !== undefined) throw new Error(`Model "${spec.name}" is defined twice, in ${kind}/${other} and ${kind}/${folder}; give one another name.`);
      where.set(spec.name, folder);
      specs.push(spec);
    }
  }
  return specs.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every bundled neuron model, in catalogue (palette) order. */
export const BUNDLED_NEURON_SPECS: readonly NeuronSpecSource[] = collectSpecs(MODEL_FOLDERS);

/** The bundled models the catalogue and the exporters also know by name (`knownByName`: LIF ... HH). */
export const NEURON_SPECS: readonly NeuronSpecSource[] = BUNDLED_NEURON_SPECS.filter((s) => s.knownByName === true);

/**
 * Models that exist only as specs: the catalogue derives their entries from these at load
 * (modelspec/specModel.ts) and the engine runs them through the spec kernel. A new model's folder
 * lands here by itself.
 */
export const SPEC_ONLY_NEURONS: readonly NeuronSpecSource[] = BUNDLED_NEURON_SPECS.filter((s) => s.knownByName !== true);
