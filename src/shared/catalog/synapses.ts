/** Connectivity rules (synapse dynamics and outputs are specs: modelspec/synapses, modelspec/outputs). */
import type { ModelSpec } from './types';

const p = { name: 'p', dim: 'dimensionless', doc: 'Connection probability.', nonNegative: true, max: 1 } as const;
const k = { name: 'k', dim: 'dimensionless', doc: 'Number of connections per neuron.', integer: true, nonNegative: true } as const;

export const fixed_prob: ModelSpec = {
  family: 'conn',
  name: 'fixed_prob',
  title: 'Fixed probability (BrainPy)',
  doc: "BrainPy's EventFixedProb: each presynaptic neuron gets floor(n_post · p) targets drawn uniformly with replacement.",
  params: [{ ...p, default: 0.1 }],
};
export const bernoulli: ModelSpec = {
  family: 'conn',
  name: 'bernoulli',
  title: 'Bernoulli (Brian2 / NEST)',
  doc: 'Each pair of neurons is connected independently with probability p.',
  params: [{ ...p, default: 0.1 }],
};
export const fixed_indegree: ModelSpec = {
  family: 'conn',
  name: 'fixed_indegree',
  title: 'Fixed in-degree',
  doc: 'Each postsynaptic neuron receives exactly k connections from randomly chosen presynaptic neurons.',
  params: [{ ...k, default: 10 }],
};
export const fixed_outdegree: ModelSpec = {
  family: 'conn',
  name: 'fixed_outdegree',
  title: 'Fixed out-degree',
  doc: 'Each presynaptic neuron makes exactly k connections to randomly chosen postsynaptic neurons.',
  params: [{ ...k, default: 10 }],
};
export const all_to_all: ModelSpec = {
  family: 'conn',
  name: 'all_to_all',
  title: 'All to all',
  doc: 'Every presynaptic neuron connects to every postsynaptic neuron.',
  params: [],
};
export const one_to_one: ModelSpec = {
  family: 'conn',
  name: 'one_to_one',
  title: 'One to one',
  doc: 'Neuron i connects to neuron i; both populations must have the same size.',
  params: [],
};
