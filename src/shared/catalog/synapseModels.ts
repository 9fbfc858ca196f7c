/** Synapse, output and plasticity models beyond Expon/CUBA/COBA (issue 7): registered by catalog/index.ts. */
import type { ModelSpec } from './types';

export const synapseModels: readonly ModelSpec[] = [];
