/**
 * Step current: amplitude while start <= t < stop (t = s·dt at step s, BrainPy's environ t at the
 * start of the step), zero otherwise. The stop default is far beyond any run (1e9 ms, 11.6 days).
 */
import type { InputSpecSource } from '../types';

export const step: InputSpecSource = {
  name: 'step', order: 20,
  title: 'Step current',
  doc: 'Zero before start, amplitude from start until stop, zero after.',
  equations: String.raw`I(t) = I_0\ \text{for}\ t_{start} \le t < t_{stop}`,
  preset: { amplitude: '2 nA', start: '50 ms', stop: '150 ms' },
  source: `current step
param amplitude = 0 nA  # Current injected into each neuron.
param start = 0 ms (nonnegative)  # When the step begins.
param stop = 1e9 ms (nonnegative)  # When the step ends.
I = amplitude * (t >= start and t < stop) : nA
`,
};
