/**
 * NMDA (BrainPy's BioNMDA): the transmitter pulse drives an intermediate state x, which opens g.
 * Both belong to the presynaptic neuron (modelspec/check.ts SynapseParts.pulse). "sequential":
 * g is stepped with the x of the same step, as BrainPy's BioNMDA does; each equation is linear
 * in its own state with the other held, so "exact" is exponential Euler's step.
 */
import type { SynapseSpecSource } from '../types';

export const NMDA: SynapseSpecSource = {
  name: 'NMDA', order: 60,
  title: 'NMDA receptor',
  doc: "Slow excitatory receptor (BrainPy's BioNMDA): transmitter drives an intermediate state x, which opens g; g closes slowly (1/beta1 = 100 ms). Pair it with the MgBlock output, so magnesium blocks it near rest and it passes current only when the neuron is depolarised.",
  equations: String.raw`\dot x = \alpha_2 [T] (1 - x) - \beta_2 x,\quad \dot g = \alpha_1 x (1 - g) - \beta_1 g`,
  preset: {},
  source: `synapse NMDA
param alpha1 = 2 /ms (positive)  # Opening rate of g driven by x.
param beta1 = 0.01 /ms (positive)  # Closing rate of g.
param alpha2 = 1 /ms (positive)  # Rate per mM of transmitter at which x rises.
param beta2 = 0.5 /ms (positive)  # Decay rate of x.
param T = 1 (nonnegative)  # Transmitter concentration during a release, mM.
param T_dur = 0.5 ms (positive)  # How long the transmitter stays after a spike.
pulse TT = T for T_dur  # Transmitter: T from the step a presynaptic spike arrives, for T_dur (BrainPy's TT).
order sequential  # g is stepped with the x of the same step.
dx/dt = alpha2 * TT * (1 - x) - beta2 * x : 1 (exact)  # Bound transmitter (0..1), per presynaptic neuron.
dg/dt = alpha1 * x * (1 - g) - beta1 * g : 1 (exact)  # Open fraction of the receptors (0..1), per presynaptic neuron.
output g  # The weight times the open fraction.
`,
};
