/**
 * Generalized integrate-and-fire (Mihalas & Niebur 2009, Neural Comput. 21:704), a model no
 * catalogue entry has yet: defaults, equations and reset after BrainPy's GifLIF (brainpy/_src/dyn/
 * neurons/lif.py; its older GIF has the same): two spike-induced currents I1, I2 decaying with
 * rates k1, k2, a leaky V driven by them, and a moving threshold V_th pulled by V - V_rest (a)
 * and back to V_th_inf (b). At a spike: I_j = R_j·I_j + A_j, V = V_reset, V_th = max(V_th_reset, V_th).
 * BrainPy's R = 20 (mV per unit current) is written 20 MΩ, so the currents are in nA. The equations
 * are linear but coupled (V reads I1, I2; V_th reads V), so all four step together by RK4, which is
 * Brian2's rk4 (checked against it in gif.test.ts, beside it).
 */
import type { NeuronSpecSource } from '../types';

export const GIF: NeuronSpecSource = {
  name: 'GIF', order: 90,
  title: 'Generalized integrate-and-fire (Mihalas–Niebur)',
  doc: 'A LIF neuron with two spike-induced currents I1 and I2 and a threshold that moves: V_th follows V - V_rest at rate a and relaxes to V_th_inf at rate b. At a spike each current keeps a fraction R_j and jumps by A_j, V is reset and the threshold is raised to at least V_th_reset. With different values the same equations fire tonically, adapt, burst, or fire only at the onset of a step (Mihalas & Niebur 2009). Defined only by its model spec.',
  source: `model GIF
param V_rest = -70 mV  # Resting potential.
param V_reset = -70 mV  # Potential V is reset to after a spike.
param V_th_inf = -50 mV  # Resting value of the threshold: V_th relaxes towards it at rate b.
param V_th_reset = -60 mV  # Lowest threshold after a spike: V_th = max(V_th_reset, V_th).
param R = 20 Mohm  # Membrane resistance: a current I pushes V by R·I.
param tau = 20 ms  # Membrane time constant.
param a = 0 /ms  # How fast the threshold follows V - V_rest (0: it does not).
param b = 0.01 /ms  # How fast the threshold relaxes back to V_th_inf.
param k1 = 0.2 /ms  # Decay rate of the spike-induced current I1.
param k2 = 0.02 /ms  # Decay rate of the spike-induced current I2.
param R1 = 0  # Fraction of I1 kept at a spike.
param R2 = 1  # Fraction of I2 kept at a spike.
param A1 = 0 nA  # Jump of I1 at a spike.
param A2 = 0 nA  # Jump of I2 at a spike.
input I : nA  # External plus synaptic current.
dI1/dt = -k1*I1 : nA (rk4)  # Spike-induced current 1 (fast).
dI2/dt = -k2*I2 : nA (rk4)  # Spike-induced current 2 (slow).
dV/dt = (-(V - V_rest) + R*(I1 + I2 + I)) / tau : mV (rk4)  # Membrane potential.
dV_th/dt = a*(V - V_rest) - b*(V_th - V_th_inf) : mV (rk4)  # Moving threshold.
init I1 = 0 nA
init I2 = 0 nA
init V = -70 mV
init V_th = -50 mV
threshold V >= V_th
reset I1 = R1*I1 + A1; I2 = R2*I2 + A2; V = V_reset; V_th = max(V_th_reset, V_th)
order simultaneous
`,
};
