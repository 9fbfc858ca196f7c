/**
 * Morris–Lecar (Morris & Lecar 1981, Biophys. J. 35:193; the I_Ca + I_K model with instantaneous
 * calcium activation), a model no catalogue entry has yet: defaults and equations after BrainPy's
 * MorrisLecar (brainpy/_src/dyn/neurons/hh.py), Rinzel & Ermentrout's class-II parameter set. BrainPy's
 * mS/cm², µF/cm² and µA/cm² are written µS, nF and nA (a 0.001 cm² patch), as the HH spec does;
 * a spike is an upward crossing of V_th, with no reset. M_inf(V) makes dV/dt nonlinear in V, so V
 * and W step together by RK4, which is Brian2's rk4 (morrisLecar.test.ts, beside it). The initial
 * state is ours (rest of the leak, W = 0); BrainPy draws its initial V at random.
 */
import type { NeuronSpecSource } from '../types';

export const MorrisLecar: NeuronSpecSource = {
  name: 'MorrisLecar', order: 100,
  title: 'Morris–Lecar',
  doc: 'A two-variable conductance model of a barnacle muscle fibre: a fast calcium current that opens instantly with V and a slower potassium gate W. It fires at a well-defined minimum rate once the input passes threshold (class II excitability); a spike is counted when V crosses V_th upwards and nothing is reset. Inputs are of the order of 100 nA for this 0.001 cm² patch. Defined only by its model spec.',
  source: `model MorrisLecar
param V_Ca = 130 mV  # Calcium reversal potential.
param g_Ca = 4.4 uS  # Maximal calcium conductance.
param V_K = -84 mV  # Potassium reversal potential.
param g_K = 8 uS  # Maximal potassium conductance.
param V_leak = -60 mV  # Leak reversal potential.
param g_leak = 2 uS  # Leak conductance.
param C = 20 nF  # Membrane capacitance.
param V1 = -1.2 mV  # Half-activation voltage of the calcium channel.
param V2 = 18 mV  # Slope of the calcium activation.
param V3 = 2 mV  # Half-activation voltage of the potassium channel.
param V4 = 30 mV  # Slope of the potassium activation.
param phi = 0.04 /ms  # Rate scale of the potassium gate W.
param V_th = 10 mV  # A spike is counted when V crosses this upwards.
input I : nA  # External plus synaptic current.
M_inf = 0.5*(1 + tanh((V - V1)/V2)) : 1
W_inf = 0.5*(1 + tanh((V - V3)/V4)) : 1
tau_W = 2/(phi*(exp((V - V3)/(2*V4)) + exp(-(V - V3)/(2*V4)))) : ms  # 1/(phi·cosh((V - V3)/(2·V4))), cosh written out
dV/dt = (-g_Ca*M_inf*(V - V_Ca) - g_K*W*(V - V_K) - g_leak*(V - V_leak) + I) / C : mV (rk4)  # Membrane potential.
dW/dt = (W_inf - W) / tau_W : 1 (rk4)  # Potassium activation (0–1).
init V = -60 mV
init W = 0
threshold V >= V_th (rising)
order simultaneous
`,
};
