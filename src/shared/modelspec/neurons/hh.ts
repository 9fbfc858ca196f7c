/**
 * Hodgkin–Huxley as the typed backend steps it (the kernel generated from this spec, or the
 * hand-written src/engine/backends/typed/neuronHH.ts where that one cannot run; after
 * brainpy.state hh.py): every state by exponential Euler with the others frozen at their values
 * before the step ("order simultaneous"), which is Brian2's exponential_euler; a spike is an
 * upward crossing of V_th; no reset. Conductances in µS, C in nF: a 0.001 cm² patch.
 */
import type { NeuronSpecSource } from './types';

export const HH: NeuronSpecSource = {
  name: 'HH',
  source: `model HH
param ENa = 50 mV  # Sodium reversal potential.
param gNa = 120 uS  # Maximal sodium conductance.
param EK = -77 mV  # Potassium reversal potential.
param gK = 36 uS  # Maximal potassium conductance.
param EL = -54.387 mV  # Leak reversal potential.
param gL = 0.03 uS  # Leak conductance.
param V_th = 20 mV  # A spike is counted when V crosses this upwards.
param C = 1 nF  # Membrane capacitance.
input I : nA  # External plus synaptic current.
am = 1/ms / exprel(-(V + 40 mV)/(10 mV)) : Hz
bm = 4/ms * exp(-(V + 65 mV)/(18 mV)) : Hz
ah = 0.07/ms * exp(-(V + 65 mV)/(20 mV)) : Hz
bh = 1/ms / (1 + exp(-(V + 35 mV)/(10 mV))) : Hz
an = 0.1/ms / exprel(-(V + 55 mV)/(10 mV)) : Hz
bn = 0.125/ms * exp(-(V + 65 mV)/(80 mV)) : Hz
dV/dt = (gNa*m**3*h*(ENa - V) + gK*n**4*(EK - V) + gL*(EL - V) + I) / C : mV (exponential_euler)  # Membrane potential.
dm/dt = am*(1 - m) - bm*m : 1 (exponential_euler)  # Sodium activation (0–1).
dh/dt = ah*(1 - h) - bh*h : 1 (exponential_euler)  # Sodium inactivation (0–1).
dn/dt = an*(1 - n) - bn*n : 1 (exponential_euler)  # Potassium activation (0–1).
init V = -65 mV
init m = 0.052932
init h = 0.596121
init n = 0.317677
threshold V >= V_th (rising)
order simultaneous
`,
};
