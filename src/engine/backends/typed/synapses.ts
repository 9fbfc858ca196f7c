/**
 * Synapse dynamics and outputs. Expon: g <- g e^{-dt/tau} + x, the increment added after the
 * decay (SEMANTICS.md step 3); the neuron kernels apply the decay inside their fused loop.
 * Outputs: CUBA hands g on as a current (weights already carry the scale, nA); COBA hands g (µS)
 * and E to the neuron, which integrates I = g (E - V) exactly.
 */
import { outputKernels, synapseKernels } from './kernels';

synapseKernels.set('Expon', (model, size, ctx) => {
  const tau = model.params.tau;
  if (!(tau > 0)) throw new Error(`Expon synapse needs tau > 0 (got ${tau} ms).`);
  return { g: new Float64Array(size), decay: Math.exp(-ctx.dt / tau) };
});

outputKernels.set('CUBA', () => ({ kind: 'current' }));
outputKernels.set('COBA', (model) => {
  const E = model.params.E;
  if (typeof E !== 'number' || !Number.isFinite(E)) throw new Error('COBA output needs a reversal potential E (mV).');
  return { kind: 'conductance', E };
});
