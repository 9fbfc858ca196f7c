/** The bundled neuron models as specs, in catalogue order. */
import { HH } from './hh';
import { AdExIF, AdExIFRef, ALIF, ExpIF, ExpIFRef, QuaIF } from './integrateFire';
import { Izhikevich, IzhikevichRef } from './izhikevich';
import { LIF, LIFRef } from './lif';
import type { NeuronSpecSource } from './types';

export type { NeuronSpecSource } from './types';

export const NEURON_SPECS: readonly NeuronSpecSource[] = [LIF, LIFRef, ExpIF, ExpIFRef, AdExIF, AdExIFRef, QuaIF, ALIF, Izhikevich, IzhikevichRef, HH];

/** Specs of models the catalogue does not have yet (issue 14's new models), checked against Brian2. */
export { WangBuzsakiHH } from './wangBuzsaki';
export { AdQuaIF } from './adQuaIF';
export { GIF } from './gif';
export { MorrisLecar } from './morrisLecar';
