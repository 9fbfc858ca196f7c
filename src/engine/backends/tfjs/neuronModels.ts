/**
 * Every neuron model runs on the tfjs backend through its spec: ops interpreted from the spec's
 * syntax tree (src/engine/spec/tfjsKernel.ts). The catalogue's models (LIF, LIFRef, ExpIF, AdEx,
 * QuaIF, ALIF, Izhikevich, HH) and the spec-only ones by name, a document's custom models
 * (registered at run time) through the fallback. No model has a hand-written tfjs update.
 */
import { getBundledNeuronModel, getSpecModel } from '../../../shared/modelspec/registry';
import { NEURON_SPECS, SPEC_ONLY_NEURONS } from '../../../shared/modelspec/neurons';
import { tfSpecKernelFactory } from '../../spec/tfjsKernel';
import { populationKernelFallbacks, populationKernels } from './kernels';

for (const { name } of NEURON_SPECS) {
  const model = getBundledNeuronModel(name);
  if (model) populationKernels.set(name, tfSpecKernelFactory(model));
}
for (const { name } of SPEC_ONLY_NEURONS) {
  const model = getSpecModel(name);
  if (model) populationKernels.set(name, tfSpecKernelFactory(model));
}
populationKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model ? tfSpecKernelFactory(model) : undefined;
});
