/**
 * Wang–Buzsáki (1996) interneuron, a model no catalogue entry has yet: defaults, rate functions
 * and initial values after BrainPy's WangBuzsakiHH (brainpy/_src/dyn/neurons/hh.py): sodium
 * activation at its steady state m_inf(V), h and n with the temperature factor phi = 5, a spike at
 * each upward crossing of V_th. BrainPy's mS/cm², µF/cm² and µA/cm² are written as µS, nF and nA
 * (a 0.001 cm² patch), as the HH spec does. m_inf makes dV/dt nonlinear in V, so the three states
 * step together by RK4 (BrainPy's default exp_auto is not available for a nonlinear V in Brian2).
 */
import type { NeuronSpecSource } from '../types';

export const WangBuzsakiHH: NeuronSpecSource = {
  name: 'WangBuzsakiHH', order: 110,
  title: 'Wang–Buzsáki interneuron (HH-type)',
  doc: 'A Hodgkin–Huxley-type model of a fast-spiking hippocampal interneuron: sodium activation at its steady state, fast inactivation h and potassium activation n sped up by phi. It fires at high rates with brief spikes, which is why networks of these cells make gamma rhythms (Wang & Buzsáki 1996). A spike is counted when V crosses V_th upwards. Defined only by its model spec.',
  source: `model WangBuzsakiHH
param ENa = 55 mV  # Sodium reversal potential.
param gNa = 35 uS  # Maximal sodium conductance.
param EK = -90 mV  # Potassium reversal potential.
param gK = 9 uS  # Maximal potassium conductance.
param EL = -65 mV  # Leak reversal potential.
param gL = 0.1 uS  # Leak conductance (C/gL = 10 ms).
param V_th = 20 mV  # A spike is counted when V crosses this upwards.
param phi = 5  # Temperature factor of the h and n kinetics.
param C = 1 nF  # Membrane capacitance.
input I : nA  # External plus synaptic current.
am = -0.1/mV * (V + 35 mV) / (exp(-0.1/mV * (V + 35 mV)) - 1) / ms : Hz
bm = 4/ms * exp(-(V + 60 mV)/(18 mV)) : Hz
m_inf = am / (am + bm) : 1
ah = 0.07/ms * exp(-(V + 58 mV)/(20 mV)) : Hz
bh = 1/ms / (exp(-0.1/mV * (V + 28 mV)) + 1) : Hz
an = -0.01/mV * (V + 34 mV) / (exp(-0.1/mV * (V + 34 mV)) - 1) / ms : Hz
bn = 0.125/ms * exp(-(V + 44 mV)/(80 mV)) : Hz
dV/dt = (-gNa*m_inf**3*h*(V - ENa) - gK*n**4*(V - EK) - gL*(V - EL) + I) / C : mV (rk4)  # Membrane potential.
dh/dt = phi*(ah*(1 - h) - bh*h) : 1 (rk4)  # Sodium inactivation (0–1).
dn/dt = phi*(an*(1 - n) - bn*n) : 1 (rk4)  # Potassium activation (0–1).
init V = -65 mV
init h = 0.6
init n = 0.32
threshold V >= V_th (rising)
order simultaneous
`,
};
