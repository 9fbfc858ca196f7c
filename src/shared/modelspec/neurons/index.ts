/** The bundled neuron models as specs, in catalogue order. */
import { HH } from './hh';
import { AdExIF, AdExIFRef, ALIF, ExpIF, ExpIFRef, QuaIF } from './integrateFire';
import { Izhikevich, IzhikevichRef } from './izhikevich';
import { LIF, LIFRef } from './lif';
import type { NeuronSpecSource } from './types';
import { WangBuzsakiHH } from './wangBuzsaki';
import { AdQuaIF } from './adQuaIF';
import { GIF } from './gif';
import { MorrisLecar } from './morrisLecar';

export type { BrainPyFacet, NeuronSpecSource } from './types';

export const NEURON_SPECS: readonly NeuronSpecSource[] = [LIF, LIFRef, ExpIF, ExpIFRef, AdExIF, AdExIFRef, QuaIF, ALIF, Izhikevich, IzhikevichRef, HH];

/** Specs of models the catalogue does not have yet (issue 14's new models), checked against Brian2. */
export { WangBuzsakiHH, AdQuaIF, GIF, MorrisLecar };

/**
 * Models that exist only as specs: the catalogue derives their entries from these at load
 * (modelspec/specModel.ts) and the engine runs them through the spec kernel. Adding a model is
 * its spec file plus one entry here.
 */
export const SPEC_ONLY_NEURONS: readonly NeuronSpecSource[] = [AdQuaIF, GIF, MorrisLecar, WangBuzsakiHH];
