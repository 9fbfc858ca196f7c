/**
 * Synapse models of the model library (issue 7) not yet written as specs: Delta (Expon, DualExpon,
 * Alpha, AMPA, GABAa and NMDA are: src/shared/modelspec/synapses; outputs: modelspec/outputs);
 * plasticity models live in plasticityModels.ts.
 */
import type { ModelSpec } from './types';
import { plasticityModels } from './plasticityModels';

export const Delta: ModelSpec = {
  family: 'synapse',
  name: 'Delta',
  title: 'Voltage jump (delta)',
  doc: 'No synaptic dynamics: each spike moves V of the target by the weight at once, e.g. "0.5 mV" (added after the neuron integrates, before the threshold test). Use it with the CUBA output.',
  equations: String.raw`V \leftarrow V + w \text{ on a spike}`,
  params: [],
  weight: { dim: 'voltage', doc: 'Voltage jump per spike (Delta), e.g. "0.2 mV".' },
  preset: {},
};

export const synapseModels: readonly ModelSpec[] = [Delta, ...plasticityModels];

