/** Spike sources: populations without membrane dynamics (neuron models are derived from their specs, src/shared/modelspec/neurons). */
import type { ModelSpec } from './types';

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
