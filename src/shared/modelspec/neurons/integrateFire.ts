/**
 * ExpIF, AdExIF, QuaIF (and refractory variants) and ALIF as the typed kernels step them
 * (src/engine/backends/typed/neuronExpIF.ts, neuronALIF.ts), after brainpy.state lif.py:
 * V by one exponential-Euler step with J = df/dV, clipped at V_th (the kernels' documented
 * choice: the upswing overshoots by volts within one step); then w (AdEx) or a (ALIF) by its
 * exact step using the new V ("order sequential"). Defaults are BrainPy's.
 */
import type { NeuronSpecSource } from './types';

const R = 'param R = 1 ohm  # Membrane resistance: a current I pushes V by R·I.';
const tau = (d: string): string => `param tau = ${d}  # Membrane time constant (R·C).`;
const V_rest = (d: string): string => `param V_rest = ${d}  # Resting potential: V relaxes towards it without input.`;
const V_reset = (d: string): string => `param V_reset = ${d}  # Potential V is reset to after a spike.`;
const V_T = 'param V_T = -59.9 mV  # Soft threshold: where the exponential upswing takes over from the leak.';
const delta_T = 'param delta_T = 3.48 mV  # Slope factor: how sharp the spike onset is (0 would be a hard threshold).';
const cutoff = (d: string): string => `param V_th = ${d}  # Numerical spike cut-off: once the upswing reaches it a spike is counted and V is reset.`;
const tauRef = 'param tau_ref = 1.7 ms  # Refractory period: V (and w) are held after a spike.\nrefractory tau_ref';
const clippedReset = `choice reset = soft | hard  # soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset. V is clipped at V_th on the spike step, so both land on V_reset.
threshold V >= V_th
reset [reset=soft] V -= V_th - V_reset
reset [reset=hard] V = V_reset`;

const expIF = `${R}
${tau('10 ms')}
${cutoff('-30 mV')}
${V_reset('-68 mV')}
${V_rest('-65 mV')}
${V_T}
${delta_T}
input I : nA  # External plus synaptic current.
dV/dt = (-(V - V_rest) + delta_T*exp((V - V_T)/delta_T) + R*I) / tau : mV (exponential_euler, max = V_th)  # Membrane potential.
init V = -65 mV
${clippedReset}
`;

const adex = `${R}
${tau('10 ms')}
param tau_w = 30 ms  # Time constant of the adaptation current w.
${cutoff('-55 mV')}
${V_reset('-68 mV')}
${V_rest('-65 mV')}
${V_T}
${delta_T}
param a = 1 S  # Subthreshold adaptation: how strongly w follows V - V_rest (negative values make the neuron accelerate).
param b = 1 mA  # Spike-triggered adaptation: w jumps by b at every spike.
input I : nA  # External plus synaptic current.
dV/dt = (-(V - V_rest) + delta_T*exp((V - V_T)/delta_T) - R*w + R*I) / tau : mV (exponential_euler, max = V_th)  # Membrane potential.
dw/dt = (a*(V - V_rest) - w) / tau_w : nA (exact)  # Adaptation current (subtracted from the input).
init V = -65 mV
init w = 0 nA
${clippedReset}
reset w += b
order sequential
`;

export const ExpIF: NeuronSpecSource = { name: 'ExpIF', source: `model ExpIF\n${expIF}` };
export const ExpIFRef: NeuronSpecSource = { name: 'ExpIFRef', source: `model ExpIFRef\n${expIF}${tauRef}\n` };
export const AdExIF: NeuronSpecSource = { name: 'AdExIF', source: `model AdExIF\n${adex}` };
export const AdExIFRef: NeuronSpecSource = { name: 'AdExIFRef', source: `model AdExIFRef\n${adex}${tauRef}\n` };

export const QuaIF: NeuronSpecSource = {
  name: 'QuaIF',
  source: `model QuaIF
${R}
${tau('10 ms')}
param V_th = -30 mV  # Numerical spike cut-off: a spike is counted and V reset when V reaches it.
${V_reset('-68 mV')}
${V_rest('-65 mV')}
param V_c = -50 mV  # Critical voltage: above it V accelerates into a spike. Must be above V_rest.
param c = 0.07  # Curvature of the quadratic term, per mV (BrainPy: 0.07 /mV).
input I : nA  # External plus synaptic current.
dV/dt = (c*(V - V_rest)*(V - V_c)/mV + R*I) / tau : mV (exponential_euler, max = V_th)  # Membrane potential.
init V = -65 mV
${clippedReset}
`,
};

export const ALIF: NeuronSpecSource = {
  name: 'ALIF',
  source: `model ALIF
${R}
${tau('5 ms')}
param tau_a = 100 ms  # Time constant of the adaptation variable a.
param V_th = 1 mV  # Threshold without adaptation.
${V_reset('0 mV')}
${V_rest('0 mV')}
param beta = 0.1 mV  # How far each unit of a raises the threshold.
choice reset = soft | hard  # soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset.
input I : nA  # External plus synaptic current.
dV/dt = (-(V - V_rest) + R*I) / tau : mV (exact)  # Membrane potential.
da/dt = -a / tau_a : 1 (exact)  # Adaptation variable: +1 per spike, decays with tau_a.
init V = 0 mV
init a = 0
threshold V >= V_th + beta*a
reset [reset=soft] V -= V_th - V_reset
reset [reset=hard] V = V_reset
reset a += 1
order sequential
`,
};
