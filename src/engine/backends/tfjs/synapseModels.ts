/**
 * DualExpon and Alpha on tensors, from their specs (spec/synapseTfjs.ts, the same exact
 * propagators as the typed kernels). Outputs are in outputs.ts.
 */
import { getBundledSynapseModel, getSpecModel, type SpecModel } from '../../../shared/modelspec/registry';
import { BUNDLED_SYNAPSE_SPECS } from '../../../shared/modelspec/synapses';
import { tfSpecSynapseFactory } from '../../spec/synapseTfjs';
import { synapseKernelFallbacks, synapseKernels } from './kernels';

// Bundled synapse models with a spec, except those known by name (Expon): ops from their spec.
for (const src of BUNDLED_SYNAPSE_SPECS) {
  if (src.knownByName !== true) synapseKernels.set(src.name, tfSpecSynapseFactory(getBundledSynapseModel(src.name) as SpecModel));
}
// Synapse models typed in the app (registered at run time): ops interpreted from their spec.
synapseKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model?.spec.synapse ? tfSpecSynapseFactory(model) : undefined;
});
