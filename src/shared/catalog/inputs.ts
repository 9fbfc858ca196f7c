/**
 * The current input the spec language cannot write: Ornstein–Uhlenbeck noise (it needs a noise
 * term, xi, which specs do not have). The others (constant, step, ramp, sinusoid) are specs, one
 * folder each in src/shared/modelspec/inputs, whose catalogue entries are derived from them.
 */
import type { ModelSpec } from './types';

export const ou: ModelSpec = {
  family: 'input',
  name: 'ou',
  title: 'Ornstein–Uhlenbeck noise',
  doc: 'A fluctuating current, independent for each neuron, relaxing to its mean with time constant tau; sigma is its standard deviation.',
  equations: String.raw`\tau \frac{dI}{dt} = \mu - I + \sigma \sqrt{2\tau}\,\xi(t)`,
  params: [
    { name: 'mean', dim: 'current', default: '0 nA', doc: 'Mean current.', perNeuron: true },
    { name: 'sigma', dim: 'current', default: '0 nA', doc: 'Standard deviation of the current.', perNeuron: true, nonNegative: true },
    { name: 'tau', dim: 'time', default: '10 ms', doc: 'Correlation time.', positive: true, timeConstant: true },
  ],
  preset: { mean: '1.5 nA', sigma: '0.5 nA', tau: '10 ms' },
};
