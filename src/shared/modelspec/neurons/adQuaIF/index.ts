/**
 * Adaptive quadratic integrate-and-fire (Izhikevich 2004; Touboul 2008), a model no catalogue
 * entry has yet, after brainpy.state's AdQuaIF (brainpy/state lif.py): defaults, the equations
 * (with R·w, as its code has it) and its step — V by exponential Euler, then w by its exponential
 * Euler (exact, linear) with the new V. As in the bundled QuaIF and AdEx, V is clipped at the
 * cut-off V_th on the spike step (brainpy.state does not clip; integrateFire.ts says why we do).
 */
import type { NeuronSpecSource } from '../types';

export const AdQuaIF: NeuronSpecSource = {
  name: 'AdQuaIF', order: 80,
  title: 'Adaptive quadratic integrate-and-fire (AdQuaIF)',
  doc: 'A QuaIF neuron with an adaptation current w subtracted from its input: below the critical voltage V_c the membrane returns to rest, above it the quadratic term carries V into a spike, counted at the cut-off V_th. Every spike adds b to w, which relaxes with tau_w while a pulls it towards a·(V - V_rest), so under constant input the firing slows down (spike-frequency adaptation). Defined only by its model spec.',
  /** Physically consistent (R = 10 MΩ): rheobase without adaptation c·(V_c - V_rest)²/4/R = 0.39 nA. */
  preset: { R: '10 MOhm', tau: '10 ms', tau_w: '100 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_c: '-50 mV', c: 0.07, a: '2 nS', b: '0.05 nA', reset: 'hard' },
  source: `model AdQuaIF
param R = 1 ohm  # Membrane resistance: a current I pushes V by R·I.
param tau = 10 ms  # Membrane time constant (R·C).
param tau_w = 10 ms  # Time constant of the adaptation current w.
param V_th = -30 mV  # Numerical spike cut-off: a spike is counted and V reset when V reaches it.
param V_reset = -68 mV  # Potential V is reset to after a spike.
param V_rest = -65 mV  # Resting potential.
param V_c = -50 mV  # Critical voltage: above it V accelerates into a spike.
param c = 0.07  # Curvature of the quadratic term, per mV.
param a = 1 S  # Subthreshold adaptation: how strongly w follows V - V_rest.
param b = 0.1 mA  # Spike-triggered adaptation: w jumps by b at every spike.
choice reset = soft | hard  # soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset. V is clipped at V_th on the spike step, so both land on V_reset.
input I : nA  # External plus synaptic current.
dV/dt = (c*(V - V_rest)*(V - V_c)/mV - R*w + R*I) / tau : mV (exponential_euler, max = V_th)  # Membrane potential.
dw/dt = (a*(V - V_rest) - w) / tau_w : nA (exact)  # Adaptation current.
init V = -65 mV
init w = 0 nA
threshold V >= V_th
reset [reset=soft] V -= V_th - V_reset
reset [reset=hard] V = V_reset
reset w += b
order sequential
`,
};
