/**
 * The bundled plasticity rules as specs, in catalogue order. Each rule is a folder here: its spec
 * in `<folder>/index.ts` and its test beside it. The folders are found by scripts/modelIndex.mjs,
 * which writes folders.generated.ts; no list is kept by hand. The catalogue entries are derived
 * from these specs (modelspec/plasticityModel.ts), and so are the rules both backends run
 * (backends/typed/plasticity.ts, backends/tfjs/plasticity.ts) and their Brian2 export
 * (export/brian2Plasticity.ts).
 */
import { collectSpecs } from '../neurons';
import { MODEL_FOLDERS } from './folders.generated';
import type { PlasticitySpecSource } from './types';

export type { PlasticitySpecSource } from './types';
export * from './folders.generated';

/** Every bundled plasticity rule, in catalogue order. */
export const BUNDLED_PLASTICITY_SPECS: readonly PlasticitySpecSource[] = collectSpecs(MODEL_FOLDERS, 'plasticity');
