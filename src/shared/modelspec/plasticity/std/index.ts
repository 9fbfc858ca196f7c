/**
 * STD: short-term depression (Tsodyks–Markram with a fixed release fraction). The resources x of
 * each presynaptic neuron recover to 1 between spikes (in closed form, so the recursion is exact);
 * a spike transmits w·x and then uses up the fraction U of x. BrainPy transmits the already
 * depleted x, i.e. (1 − U) times this; we follow Tsodyks & Markram, whose first spike transmits w.
 */
import type { PlasticitySpecSource } from '../types';

export const STD: PlasticitySpecSource = {
  name: 'STD', order: 20,
  title: 'Short-term depression',
  doc: 'Each presynaptic neuron has resources x that a spike transmits (w·x) and then depletes by the fraction U; x recovers to 1 with time constant tau. Fast trains therefore transmit less and less. (BrainPy transmits the already-depleted x, i.e. (1 − U) times this.)',
  equations: String.raw`\dot x = \frac{1 - x}{\tau};\ \text{spike: } \Delta g = w\,x,\ x \mathrel{-}= U x`,
  preset: { U: 0.2, tau: '200 ms' },
  source: `plasticity STD
param U = 0.07 (nonnegative, max = 1)  # Fraction of resources used per spike.
param tau = 200 ms (positive)  # Recovery time constant of the resources.
dx/dt = (1 - x) / tau : 1 (event-driven, pre)  # Available resources of the presynaptic neuron.
init x = 1
on_pre transmit w * x; x -= U * x
`,
};
