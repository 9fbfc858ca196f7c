/**
 * Izhikevich (2003) as the typed kernel steps it (src/engine/backends/typed/neuronIzhikevich.ts,
 * after brainpy.state izhikevich.py): V by exponential Euler (J = 0.08 V + 5 per ms) clipped at
 * the peak V_th, then u by its exact step towards b·V using the new V. u and d are plain numbers
 * in mV/ms, as in the catalogue (the paper's units); the input current enters as I/C.
 */
import type { NeuronSpecSource } from './types';

const izhikevich = `param a = 0.02 /ms  # Recovery rate of u: small a means slow recovery (long adaptation).
param b = 0.2 /ms  # Sensitivity of u to V below threshold.
param c = -65 mV  # Reset potential after a spike.
param d = 8  # Jump of u at each spike, in mV/ms (the paper's d).
param V_th = 30 mV  # Spike peak: a spike is counted and V reset to c when V reaches it.
param C = 1 nF  # Converts the input current to dV/dt (I/C in mV/ms); 1 nF makes x nA the paper's I = x.
input I : nA  # External plus synaptic current.
dV/dt = (0.04*(V/mV)**2 + 5*(V/mV) + 140 - u) * mV/ms + I/C : mV (exponential_euler, max = V_th)  # Membrane potential.
du/dt = a*(b*V*ms/mV - u) : 1 (exact)  # Recovery variable, mV/ms (b·V at rest: 0.2 × -65 = -13).
init V = -65 mV
init u = -13
threshold V >= V_th
reset V = c; u += d
order sequential
`;

export const Izhikevich: NeuronSpecSource = { name: 'Izhikevich', source: `model Izhikevich\n${izhikevich}` };
export const IzhikevichRef: NeuronSpecSource = {
  name: 'IzhikevichRef',
  source: `model IzhikevichRef\n${izhikevich}param tau_ref = 0 ms  # Refractory period.\nrefractory tau_ref\n`,
};
