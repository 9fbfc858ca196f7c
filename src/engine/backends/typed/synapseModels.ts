/**
 * Synapse kernels of the bundled synapse specs (src/shared/modelspec/synapses) and of those typed
 * in the app, on typed arrays, all compiled from their spec:
 * - aligned on the post neurons (DualExpon, Alpha, ...): spec/synapseKernel.ts, g computed in the
 *   'synapses' phase (decay = 1 for the neuron loop);
 * - with a transmitter pulse (AMPA, GABAa, NMDA, ...), per presynaptic neuron (AlignPreProj):
 *   spec/pulseSynapseKernel.ts.
 * Expon is known by name: its decay is fused into the neuron loops (synapses.ts).
 */
import { getBundledSynapseModel, getSpecModel, type SpecModel } from '../../../shared/modelspec/registry';
import { BUNDLED_SYNAPSE_SPECS } from '../../../shared/modelspec/synapses';
import { specSynapseFactory } from '../../spec/synapseKernel';
import { pulseSynapseFactory } from '../../spec/pulseSynapseKernel';
import { preSynapseKernelFallbacks, preSynapseKernels, synapseKernelFallbacks, synapseKernels } from './kernels';

// Bundled synapse models with a spec, except those known by name (Expon, the decay fused into the
// neuron loops): kernels from their spec, per presynaptic neuron when the spec has a pulse.
for (const src of BUNDLED_SYNAPSE_SPECS) {
  if (src.knownByName === true) continue;
  const model = getBundledSynapseModel(src.name) as SpecModel;
  if (model.spec.synapse?.pulse) preSynapseKernels.set(src.name, pulseSynapseFactory(model));
  else synapseKernels.set(src.name, specSynapseFactory(model));
}
// Synapse models typed in the app (registered at run time): a kernel compiled from their spec.
synapseKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model?.spec.synapse && !model.spec.synapse.pulse ? specSynapseFactory(model) : undefined;
});
preSynapseKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model?.spec.synapse?.pulse ? pulseSynapseFactory(model) : undefined;
});
