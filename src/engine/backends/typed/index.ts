/**
 * The "typed" backend: state in typed arrays, fused per-population loops, event-driven CSR
 * propagation. The reference backend every other backend is tested against.
 */
import type { Backend, InstantiateHooks } from '../../backend';
import type { NetworkIR } from '../../ir';
import { TypedInstance } from './instance';
// Kernels register themselves in the registries on import.
import './sources';
import './inputs';
import './synapses';
import './outputs';
import './neuronModels';
import './synapseModels';

export { TypedInstance } from './instance';
export { populationKernels, inputKernels, synapseKernels, outputKernels } from './kernels';

export const typedBackend: Backend = {
  name: 'typed',
  instantiate(ir: NetworkIR, hooks?: InstantiateHooks): TypedInstance {
    return new TypedInstance(ir, hooks);
  },
};
