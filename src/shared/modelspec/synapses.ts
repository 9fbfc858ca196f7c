/**
 * Spec texts of bundled synapse models, for "New synapse model…" and "Copy as custom model" on a
 * projection: the starting point of a synapse model typed as text. The bundled synapses keep
 * their hand-written kernels (synapseModels.ts); these texts give the same dynamics
 * (test/spec/customSynapses.test.ts runs them against the bundled kernels).
 */

export interface SynapseSpecSource {
  readonly name: string;
  readonly source: string;
}

export const ExponSpec: SynapseSpecSource = {
  name: 'Expon',
  source: `synapse Expon
param tau = 5 ms  # Decay time constant.
dg/dt = -g / tau : 1 (exact)  # Synaptic variable, in the weight's unit (nA under CUBA, uS under COBA).
on_pre g += w  # w: the weight arriving at this neuron in this step.
output g  # What the output model (CUBA, COBA) reads.
`,
};

export const AlphaSpec: SynapseSpecSource = {
  name: 'Alpha',
  source: `synapse Alpha
param tau = 5 ms  # Time constant of rise and decay; g peaks tau after a spike.
dh/dt = -h / tau : 1 (rk4)  # Spikes arrive here.
dg/dt = (-g + h) / tau : 1 (rk4)  # One spike of weight w gives g = w (t/tau) exp(-t/tau).
on_pre h += w
output g
`,
};

/** Bundled synapse models a custom synapse model can start from. */
export const SYNAPSE_SPECS: readonly SynapseSpecSource[] = [ExponSpec, AlphaSpec];
