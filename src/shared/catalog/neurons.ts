/**
 * Neuron and spike-source models. Defaults follow brainpy.state (chaobrain/brainpy.state,
 * brainpy_state/_brainpy/lif.py): LIF R = 1 Ω, tau = 5 ms, V_th = 1 mV, V_reset = V_rest = 0 mV,
 * soft reset. Those defaults make R·I tiny for nA inputs (the tutorial's pitfall), so palette
 * presets use physically consistent values instead and build warns when input cannot reach threshold.
 */
import type { ModelSpec, ParamSpec } from './types';

const lifParams: readonly ParamSpec[] = [
  { name: 'V_rest', dim: 'voltage', default: '0 mV', doc: 'Resting potential: V relaxes towards it without input.', perNeuron: true },
  { name: 'V_th', dim: 'voltage', default: '1 mV', doc: 'Threshold: the neuron spikes when V reaches it.', perNeuron: true },
  { name: 'V_reset', dim: 'voltage', default: '0 mV', doc: 'Reset potential after a spike.', perNeuron: true },
  { name: 'tau', dim: 'time', default: '5 ms', doc: 'Membrane time constant (R·C).', perNeuron: true, positive: true, timeConstant: true },
  { name: 'R', dim: 'resistance', default: '1 ohm', doc: 'Membrane resistance: a current I moves V_inf by R·I.', perNeuron: true, positive: true },
];

const lifPreset = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } as const;

const lifEquations = String.raw`\tau \frac{dV}{dt} = -(V - V_{rest}) + R\,I(t), \quad V \ge V_{th} \Rightarrow V \leftarrow V_{reset}`;

export const LIF: ModelSpec = {
  family: 'neuron',
  name: 'LIF',
  title: 'Leaky integrate-and-fire',
  doc: 'The membrane potential leaks towards V_rest with time constant tau and is pushed by input current through R. When V reaches V_th the neuron spikes and V is reset (soft: lowered by V_th - V_reset; hard: set to V_reset). Integrated exactly by exponential Euler.',
  equations: lifEquations,
  params: lifParams,
  choices: [{ name: 'reset', choices: ['soft', 'hard'], default: 'soft', doc: 'soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset.' }],
  state: [{ name: 'V', dim: 'voltage', init: '0 mV', doc: 'Membrane potential.' }],
  preset: { ...lifPreset, reset: 'hard' },
};

export const LIFRef: ModelSpec = {
  family: 'neuron',
  name: 'LIFRef',
  title: 'LIF with refractory period',
  doc: 'A LIF neuron that, after a spike, holds V at its reset value for tau_ref before it integrates again.',
  equations: `${lifEquations},\\ t - t_{spike} < \\tau_{ref} \\Rightarrow V \\text{ held}`,
  params: [...lifParams, { name: 'tau_ref', dim: 'time', default: '0 ms', doc: 'Refractory period.', perNeuron: true, nonNegative: true }],
  choices: LIF.choices,
  state: LIF.state,
  preset: { ...lifPreset, tau_ref: '2 ms', reset: 'hard' },
};

export const Poisson: ModelSpec = {
  family: 'source',
  name: 'Poisson',
  title: 'Poisson spike source',
  doc: 'Each neuron spikes independently in each step with probability rate·dt, like many unrelated background inputs.',
  equations: String.raw`P(\text{spike in } [t, t+dt)) = r\,dt`,
  params: [{ name: 'rate', dim: 'rate', default: '10 Hz', doc: 'Firing rate of each source.', perNeuron: true, nonNegative: true }],
  preset: { rate: '10 Hz' },
};

export const SpikeTimes: ModelSpec = {
  family: 'source',
  name: 'SpikeTimes',
  title: 'Spike times',
  doc: 'Emits spikes at the listed times (rounded to the nearest step); indices says which neuron of the group spikes each time (all neuron 0 if omitted).',
  params: [
    { name: 'times', dim: 'time', doc: 'Spike times.', list: true, nonNegative: true },
    { name: 'indices', dim: 'dimensionless', default: 0, doc: 'Neuron index of each spike time.', list: true, integer: true, nonNegative: true },
  ],
  preset: { times: '10 ms' },
};
