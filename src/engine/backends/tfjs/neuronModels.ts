// Neuron kernels of the model library (issue 7) register themselves here on import.
import './neuronExpIF';
import './neuronALIF';
import './neuronIzhikevich';
import './neuronHH';
import { getSpecModel } from '../../../shared/modelspec/registry';
import { SPEC_ONLY_NEURONS } from '../../../shared/modelspec/neurons';
import { tfSpecKernelFactory } from '../../spec/tfjsKernel';
import { populationKernelFallbacks, populationKernels } from './kernels';

// Models defined only by their specs run on ops interpreted from the spec's syntax tree: the
// bundled ones by name, a document's custom models (registered at run time) through the fallback.
for (const { name } of SPEC_ONLY_NEURONS) {
  const model = getSpecModel(name);
  if (model) populationKernels.set(name, tfSpecKernelFactory(model));
}
populationKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model ? tfSpecKernelFactory(model) : undefined;
});
