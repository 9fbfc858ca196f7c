/**
 * AMPA (BrainPy's AMPA, Destexhe, Mainen & Sejnowski 1994): a two-state receptor whose open
 * fraction g is driven by a square transmitter pulse. g belongs to the presynaptic neuron (the
 * pulse's doing, modelspec/check.ts SynapseParts.pulse): repeated spikes saturate it, and the
 * weight multiplies it. With the pulse held over a step the equation is linear in g, so "exact"
 * is BrainPy's exponential Euler step, g_inf + (g − g_inf)·e^{−(alpha·TT + beta)·dt}.
 */
import type { SynapseSpecSource } from '../types';
import { receptorSource, RECEPTOR_EQUATIONS } from '../receptor';

export const AMPA: SynapseSpecSource = {
  name: 'AMPA', order: 40,
  title: 'AMPA receptor',
  doc: 'Fast excitatory glutamate receptor. After each presynaptic spike transmitter is present for T_dur; it opens a fraction g (0..1) of the receptors, which close again at rate beta. The weight is the conductance when all are open; use it with COBA (E = 0 mV). Its state belongs to the presynaptic neuron, so repeated spikes saturate.',
  equations: RECEPTOR_EQUATIONS,
  preset: {},
  source: receptorSource('AMPA', '0.98 /ms', '0.5', '0.5 ms'),
};
