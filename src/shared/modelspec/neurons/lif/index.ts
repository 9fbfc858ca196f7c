/**
 * LIF and LIFRef (SEMANTICS.md, brainpy.state lif.py): exponential Euler, exact for this linear
 * equation; reset from the stored spike (soft by V_th - V_reset, BrainPy's default, or hard);
 * LIFRef holds V while t - t_spike < tau_ref. Defaults are BrainPy's (R = 1 Ω, tau = 5 ms).
 */
import type { NeuronSpecSource } from '../types';

const lif = `param V_rest = 0 mV      # Resting potential: V relaxes towards it without input.
param V_th = 1 mV        # Threshold: the neuron spikes when V reaches it.
param V_reset = 0 mV     # Reset potential after a spike.
param tau = 5 ms         # Membrane time constant (R·C).
param R = 1 ohm (positive)  # Membrane resistance: a current I moves V_inf by R·I.
choice reset = soft | hard  # soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset.
input I : nA             # External plus synaptic current.
dV/dt = (-(V - V_rest) + R*I) / tau : mV (exact)  # Membrane potential.
init V = 0 mV
threshold V >= V_th
reset [reset=soft] V -= V_th - V_reset
reset [reset=hard] V = V_reset
`;

/**
 * BrainPy's R = 1 Ω makes R·I tiny for nA inputs (the tutorial's pitfall), so the palette preset
 * uses physically consistent values instead; build warns when input cannot reach threshold.
 */
const lifPreset = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } as const;

export const LIF: NeuronSpecSource = {
  name: 'LIF', order: 10, knownByName: true,
  title: 'Leaky integrate-and-fire',
  doc: 'The membrane potential leaks towards V_rest with time constant tau and is pushed by input current through R. When V reaches V_th the neuron spikes and V is reset (soft: lowered by V_th - V_reset; hard: set to V_reset). Integrated exactly by exponential Euler.',
  preset: { ...lifPreset, reset: 'hard' },
  source: `model LIF\n${lif}`,
};

export const LIFRef: NeuronSpecSource = {
  name: 'LIFRef', order: 11, knownByName: true,
  title: 'LIF with refractory period',
  doc: 'A LIF neuron that, after a spike, holds V at its reset value for tau_ref before it integrates again.',
  preset: { ...lifPreset, tau_ref: '2 ms', reset: 'hard' },
  source: `model LIFRef\n${lif}param tau_ref = 0 ms     # Refractory period.\nrefractory tau_ref\n`,
};
