/**
 * The Expon synapse: g <- g e^{-dt/tau} + x, the increment added after the decay (SEMANTICS.md
 * step 3); the neuron kernels apply the decay inside their fused loop. Outputs: outputs.ts.
 */
import { synapseKernels } from './kernels';

synapseKernels.set('Expon', (model, size, ctx) => {
  const tau = model.params.tau;
  if (!(tau > 0)) throw new Error(`Expon synapse needs tau > 0 (got ${tau} ms).`);
  return { g: new Float64Array(size), decay: Math.exp(-ctx.dt / tau) };
});

