/** Constant current: the same current at every step (an F-I sweep when it differs per neuron). */
import type { InputSpecSource } from '../types';

export const constant: InputSpecSource = {
  name: 'constant', order: 10,
  title: 'Constant current',
  doc: 'The same current at every step. Give one value per neuron (or a linspace) to sweep an F-I curve in one population.',
  equations: String.raw`I(t) = I_0`,
  preset: { amplitude: '2 nA' },
  source: `current constant
param amplitude = 0 nA  # Current injected into each neuron.
I = amplitude : nA
`,
};
