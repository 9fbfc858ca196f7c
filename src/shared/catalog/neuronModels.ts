/** Neuron models beyond LIF of the model library (issue 7): registered by catalog/index.ts. */
import type { ModelSpec } from './types';

export const neuronModels: readonly ModelSpec[] = [];
