/**
 * Izhikevich (2003) neurons after brainpy.state (brainpy_state/_brainpy/izhikevich.py). BrainPy
 * takes the input x in mV/ms; here inputs are currents, so I enters as I/C with a capacitance C.
 * Its default 1 nF makes x nA equal to the paper's I = x (Izhikevich's "I = 10" is 10 nA).
 * a and b are rates (BrainPy writes 0.02/ms); d and u are in mV/ms, for which the unit system has
 * no dimension, so they are plain numbers in mV/ms as in the paper.
 */
import type { ModelSpec, ParamSpec } from './types';

const params: readonly ParamSpec[] = [
  { name: 'a', dim: 'rate', default: '0.02 /ms', doc: 'Recovery rate of u: small a means slow recovery (long adaptation).', perNeuron: true },
  { name: 'b', dim: 'rate', default: '0.2 /ms', doc: 'Sensitivity of u to V below threshold.', perNeuron: true },
  { name: 'c', dim: 'voltage', default: '-65 mV', doc: 'Reset potential after a spike.', perNeuron: true },
  { name: 'd', dim: 'dimensionless', default: 8, doc: 'Jump of u at each spike, in mV/ms (the paper\'s d).', perNeuron: true },
  { name: 'V_th', dim: 'voltage', default: '30 mV', doc: 'Spike peak: a spike is counted and V reset to c when V reaches it.', perNeuron: true },
  { name: 'C', dim: 'capacitance', default: '1 nF', doc: 'Converts the input current to dV/dt (I/C in mV/ms); 1 nF makes x nA the paper\'s I = x.', perNeuron: true, positive: true },
];

const equations = String.raw`\begin{aligned}\frac{dV}{dt} &= 0.04 V^2 + 5 V + 140 - u + I/C\\ \frac{du}{dt} &= a\,(b V - u)\end{aligned},\quad V \ge V_{th} \Rightarrow V \leftarrow c,\ u \leftarrow u + d`;

const state = [
  { name: 'V', dim: 'voltage', init: '-65 mV', doc: 'Membrane potential.' },
  { name: 'u', dim: 'dimensionless', init: -13, doc: 'Recovery variable, mV/ms (b·V at rest: 0.2 × -65 = -13).' },
] as const;

export const Izhikevich: ModelSpec = {
  family: 'neuron',
  name: 'Izhikevich',
  title: 'Izhikevich neuron',
  doc: 'Two variables reproduce most cortical firing patterns: a fast quadratic membrane potential V and a slow recovery variable u that pulls it down. When V reaches its peak V_th it is reset to c and u jumps by d. Four numbers choose the cell type (Izhikevich 2003): regular spiking a=0.02/ms b=0.2/ms c=-65 mV d=8, intrinsically bursting c=-55 mV d=4, chattering c=-50 mV d=2, fast spiking a=0.1/ms d=2.',
  equations,
  params,
  state,
  preset: { a: '0.02 /ms', b: '0.2 /ms', c: '-65 mV', d: 8, V_th: '30 mV', C: '1 nF' },
};

export const IzhikevichRef: ModelSpec = {
  ...Izhikevich,
  name: 'IzhikevichRef',
  title: 'Izhikevich with refractory period',
  doc: `${Izhikevich.doc} After each spike V and u are held for tau_ref.`,
  equations: String.raw`${equations},\ t - t_{spike} < \tau_{ref} \Rightarrow \text{held}`,
  params: [...params, { name: 'tau_ref', dim: 'time', default: '0 ms', doc: 'Refractory period.', perNeuron: true, nonNegative: true }],
  preset: { a: '0.02 /ms', b: '0.2 /ms', c: '-65 mV', d: 8, V_th: '30 mV', C: '1 nF', tau_ref: '1 ms' },
};
