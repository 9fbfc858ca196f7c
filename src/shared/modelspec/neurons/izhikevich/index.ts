/**
 * Izhikevich (2003) after brainpy.state izhikevich.py, the one definition every backend's kernel
 * is generated or interpreted from: V by exponential Euler (J = 0.08 V + 5 per ms) clipped at
 * the peak V_th, then u by its exact step towards b·V using the new V. u and d are plain numbers
 * in mV/ms, as in the catalogue (the paper's units); the input current enters as I/C.
 */
import type { BrainPyFacet, NeuronSpecSource } from '../types';

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

const doc = 'Two variables reproduce most cortical firing patterns: a fast quadratic membrane potential V and a slow recovery variable u that pulls it down. When V reaches its peak V_th it is reset to c and u jumps by d. Four numbers choose the cell type (Izhikevich 2003): regular spiking a=0.02/ms b=0.2/ms c=-65 mV d=8, intrinsically bursting c=-55 mV d=4, chattering c=-50 mV d=2, fast spiking a=0.1/ms d=2.';
// the paper's form: the generated one carries the spec's V/mV and mV/ms that keep u a plain number
const equations = String.raw`\begin{aligned}\frac{dV}{dt} &= 0.04 V^2 + 5 V + 140 - u + I/C\\ \frac{du}{dt} &= a\,(b V - u)\end{aligned},\quad V \ge V_{th} \Rightarrow V \leftarrow c,\ u \leftarrow u + d`;
const brainpy = (name: string): BrainPyFacet => ({
  refused: `brainpy.state.${name} takes its input in mV/ms, while SNN Studio's inputs and synapses are currents entering as I/C; the export does not rescale them yet.`,
});
const preset = { a: '0.02 /ms', b: '0.2 /ms', c: '-65 mV', d: 8, V_th: '30 mV', C: '1 nF' } as const;

export const Izhikevich: NeuronSpecSource = {
  name: 'Izhikevich', order: 60, knownByName: true, title: 'Izhikevich neuron', doc, equations, preset, brainpy: brainpy('Izhikevich'),
  source: `model Izhikevich\n${izhikevich}`,
};
export const IzhikevichRef: NeuronSpecSource = {
  name: 'IzhikevichRef', order: 61, knownByName: true,
  title: 'Izhikevich with refractory period',
  doc: `${doc} After each spike V and u are held for tau_ref.`,
  equations: String.raw`${equations},\ t - t_{spike} < \tau_{ref} \Rightarrow \text{held}`,
  preset: { ...preset, tau_ref: '1 ms' },
  brainpy: brainpy('IzhikevichRef'),
  source: `model IzhikevichRef\n${izhikevich}param tau_ref = 0 ms  # Refractory period.\nrefractory tau_ref\n`,
};
