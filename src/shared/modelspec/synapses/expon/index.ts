/**
 * Expon (SEMANTICS.md step 3, brainpy.state Expon): g <- g·e^{-dt/tau} + x, the increment added
 * after the decay. Known by name: its kernel is the decay factor e^{-dt/tau} that the neuron loops
 * and the generated WebAssembly fuse (backends/typed/synapses.ts), the fastest path the engine
 * has; this spec gives its catalogue entry and docs, and expon.test.ts checks the kernel the spec
 * would give against that decay and the closed form.
 */
import type { SynapseSpecSource } from '../types';

export const Expon: SynapseSpecSource = {
  name: 'Expon', order: 10, knownByName: true,
  title: 'Exponential synapse',
  doc: 'Each presynaptic spike adds its weight to g, which then decays exponentially with time constant tau.',
  equations: String.raw`\tau \frac{dg}{dt} = -g, \quad g \leftarrow g + w \text{ on a spike}`,
  preset: { tau: '5 ms' },
  source: `synapse Expon
param tau = 8 ms  # Decay time constant.
dg/dt = -g / tau : 1 (exact)  # Synaptic variable, in the weight's unit (nA under CUBA, uS under COBA).
on_pre g += w  # w: the weight arriving at this neuron in this step.
output g  # What the output model (CUBA, COBA) reads.
`,
};
