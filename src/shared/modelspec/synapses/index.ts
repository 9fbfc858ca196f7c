/**
 * The bundled synapse models as specs, in catalogue order. Each model is a folder here: its spec
 * in `<folder>/index.ts` and its test beside it. The folders are found by scripts/modelIndex.mjs,
 * which writes folders.generated.ts; no list is kept by hand. The catalogue entries (parameters,
 * units, defaults, docs) are derived from these specs (modelspec/specModel.ts), and so are the
 * kernels of the models not known by name (engine/spec/synapseKernel.ts, synapseTfjs.ts) and
 * their Brian2 export. The texts are also where "New synapse model…" and "Copy as custom model"
 * on a projection start.
 */
import { collectSpecs } from '../neurons';
import { MODEL_FOLDERS } from './folders.generated';
import type { SynapseSpecSource } from './types';

export type { SynapseSpecSource } from './types';
export * from './folders.generated';

/** Every bundled synapse model, in catalogue order. */
export const BUNDLED_SYNAPSE_SPECS: readonly SynapseSpecSource[] = collectSpecs(MODEL_FOLDERS, 'synapses');

/** Bundled synapse models a custom synapse model can start from (all of them). */
export const SYNAPSE_SPECS: readonly SynapseSpecSource[] = BUNDLED_SYNAPSE_SPECS;
