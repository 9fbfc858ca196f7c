/** Neuron models beyond LIF of the model library (issue 7): registered by catalog/index.ts. */
import type { ModelSpec } from './types';
import { AdExIF, AdExIFRef, ALIF, ExpIF, ExpIFRef, QuaIF } from './neuronIF';
import { Izhikevich, IzhikevichRef } from './neuronIzhikevich';
import { HH } from './neuronHH';

export const neuronModels: readonly ModelSpec[] = [ExpIF, ExpIFRef, AdExIF, AdExIFRef, QuaIF, ALIF, Izhikevich, IzhikevichRef, HH];
