/**
 * Synapse models of the model library (issue 7) not yet written as specs (Expon, DualExpon
 * and Alpha are: src/shared/modelspec/synapses; outputs: modelspec/outputs), following brainpy.state
 * (brainpy_state/_brainpy/exponential.py, synapse.py, synouts.py); plasticity models live in
 * plasticityModels.ts. Where the engine departs from BrainPy the doc line says so and why.
 * Kinetic receptor models (AMPA, GABAa, NMDA) keep their state per presynaptic neuron, as
 * BrainPy's AlignPreProj does, because their response saturates and cannot be summed per target.
 */
import type { ModelSpec, ParamSpec } from './types';
import { plasticityModels } from './plasticityModels';

const kinetic = (alpha: string, T: string, T_dur: string): ParamSpec[] => [
  { name: 'alpha', dim: 'rate', default: alpha, doc: 'Binding rate per mM of transmitter (e.g. "0.98 /ms").', positive: true },
  { name: 'beta', dim: 'rate', default: '0.18 /ms', doc: 'Unbinding rate: g decays with 1/beta once the transmitter is gone.', positive: true },
  { name: 'T', dim: 'dimensionless', default: T, doc: 'Transmitter concentration during a release, mM.', nonNegative: true },
  { name: 'T_dur', dim: 'time', default: T_dur, doc: 'How long the transmitter stays after a spike.', positive: true },
];

const kineticEq = String.raw`\dot g = \alpha [T] (1 - g) - \beta g,\quad [T] = T \text{ for } T_{dur} \text{ after a spike}`;

export const AMPA: ModelSpec = {
  family: 'synapse',
  name: 'AMPA',
  title: 'AMPA receptor',
  doc: 'Fast excitatory glutamate receptor. After each presynaptic spike transmitter is present for T_dur; it opens a fraction g (0..1) of the receptors, which close again at rate beta. The weight is the conductance when all are open; use it with COBA (E = 0 mV). Its state belongs to the presynaptic neuron, so repeated spikes saturate.',
  equations: kineticEq,
  params: kinetic('0.98 /ms', '0.5', '0.5 ms'),
  preset: {},
};

export const GABAa: ModelSpec = {
  family: 'synapse',
  name: 'GABAa',
  title: 'GABA_A receptor',
  doc: 'Fast inhibitory receptor with the same kinetics as AMPA but slower binding and a longer, stronger transmitter pulse. Use it with COBA and E = −80 mV.',
  equations: kineticEq,
  params: kinetic('0.53 /ms', '1', '1 ms'),
  preset: {},
};

export const NMDA: ModelSpec = {
  family: 'synapse',
  name: 'NMDA',
  title: 'NMDA receptor',
  doc: "Slow excitatory receptor (BrainPy's BioNMDA): transmitter drives an intermediate state x, which opens g; g closes slowly (1/beta1 = 100 ms). Pair it with the MgBlock output, so magnesium blocks it near rest and it passes current only when the neuron is depolarised.",
  equations: String.raw`\dot x = \alpha_2 [T] (1 - x) - \beta_2 x,\quad \dot g = \alpha_1 x (1 - g) - \beta_1 g`,
  params: [
    { name: 'alpha1', dim: 'rate', default: '2 /ms', doc: 'Opening rate of g driven by x.', positive: true },
    { name: 'beta1', dim: 'rate', default: '0.01 /ms', doc: 'Closing rate of g.', positive: true },
    { name: 'alpha2', dim: 'rate', default: '1 /ms', doc: 'Rate per mM of transmitter at which x rises.', positive: true },
    { name: 'beta2', dim: 'rate', default: '0.5 /ms', doc: 'Decay rate of x.', positive: true },
    { name: 'T', dim: 'dimensionless', default: 1, doc: 'Transmitter concentration during a release, mM.', nonNegative: true },
    { name: 'T_dur', dim: 'time', default: '0.5 ms', doc: 'How long the transmitter stays after a spike.', positive: true },
  ],
  preset: {},
};

export const Delta: ModelSpec = {
  family: 'synapse',
  name: 'Delta',
  title: 'Voltage jump (delta)',
  doc: 'No synaptic dynamics: each spike moves V of the target by the weight at once, e.g. "0.5 mV" (added after the neuron integrates, before the threshold test). Use it with the CUBA output.',
  equations: String.raw`V \leftarrow V + w \text{ on a spike}`,
  params: [],
  weight: { dim: 'voltage', doc: 'Voltage jump per spike (Delta), e.g. "0.2 mV".' },
  preset: {},
};

export const synapseModels: readonly ModelSpec[] = [AMPA, GABAa, NMDA, Delta, ...plasticityModels];

/** Synapses whose state lives on the presynaptic neuron (BrainPy AlignPreProj): never merged across projections. */
export const PRE_ALIGNED_SYNAPSES: ReadonlySet<string> = new Set(['AMPA', 'GABAa', 'NMDA']);
