/** Current inputs: injected into the neurons of the populations they are wired to. */
import type { ModelSpec } from './types';

const amplitude = { name: 'amplitude', dim: 'current', doc: 'Current injected into each neuron.', perNeuron: true } as const;

export const constant: ModelSpec = {
  family: 'input',
  name: 'constant',
  title: 'Constant current',
  doc: 'The same current at every step. Give one value per neuron (or a linspace) to sweep an F-I curve in one population.',
  equations: String.raw`I(t) = I_0`,
  params: [{ ...amplitude, default: '0 nA' }],
  preset: { amplitude: '2 nA' },
};

export const step: ModelSpec = {
  family: 'input',
  name: 'step',
  title: 'Step current',
  doc: 'Zero before start, amplitude from start until stop, zero after.',
  equations: String.raw`I(t) = I_0\ \text{for}\ t_{start} \le t < t_{stop}`,
  params: [
    { ...amplitude, default: '0 nA' },
    { name: 'start', dim: 'time', default: '0 ms', doc: 'When the step begins.', nonNegative: true },
    { name: 'stop', dim: 'time', default: '1e9 ms', doc: 'When the step ends.', nonNegative: true },
  ],
  preset: { amplitude: '2 nA', start: '50 ms', stop: '150 ms' },
};

export const ramp: ModelSpec = {
  family: 'input',
  name: 'ramp',
  title: 'Ramp current',
  doc: 'Rises linearly from `from` at start to `to` at stop, then stays at `to`.',
  equations: String.raw`I(t) = I_{from} + (I_{to} - I_{from}) \frac{t - t_{start}}{t_{stop} - t_{start}}`,
  params: [
    { name: 'from', dim: 'current', default: '0 nA', doc: 'Current at start.', perNeuron: true },
    { name: 'to', dim: 'current', default: '0 nA', doc: 'Current at stop.', perNeuron: true },
    { name: 'start', dim: 'time', default: '0 ms', doc: 'Start of the ramp.', nonNegative: true },
    { name: 'stop', dim: 'time', default: '100 ms', doc: 'End of the ramp.', positive: true },
  ],
  preset: { from: '0 nA', to: '3 nA', start: '0 ms', stop: '200 ms' },
};

export const sinusoid: ModelSpec = {
  family: 'input',
  name: 'sinusoid',
  title: 'Sinusoidal current',
  doc: 'An oscillating current around an offset.',
  equations: String.raw`I(t) = I_{off} + I_0 \sin(2\pi f t + \varphi)`,
  params: [
    { ...amplitude, default: '0 nA' },
    { name: 'frequency', dim: 'rate', default: '10 Hz', doc: 'Oscillation frequency.', nonNegative: true },
    { name: 'phase', dim: 'dimensionless', default: 0, doc: 'Phase in radians.' },
    { name: 'offset', dim: 'current', default: '0 nA', doc: 'Mean current.', perNeuron: true },
  ],
  preset: { amplitude: '1 nA', frequency: '10 Hz', offset: '1.5 nA' },
};

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
