/**
 * Sinusoidal current around an offset. The spec language has no pi, so 2π is written as
 * 2 * 3.141592653589793 (Math.PI to the last digit).
 */
import type { InputSpecSource } from '../types';

export const sinusoid: InputSpecSource = {
  name: 'sinusoid', order: 40,
  title: 'Sinusoidal current',
  doc: 'An oscillating current around an offset.',
  equations: String.raw`I(t) = I_{off} + I_0 \sin(2\pi f t + \varphi)`,
  preset: { amplitude: '1 nA', frequency: '10 Hz', offset: '1.5 nA' },
  source: `current sinusoid
param amplitude = 0 nA  # Current injected into each neuron.
param frequency = 10 Hz (nonnegative)  # Oscillation frequency.
param phase = 0  # Phase in radians.
param offset = 0 nA  # Mean current.
I = offset + amplitude * sin(2 * 3.141592653589793 * frequency * t + phase) : nA
`,
};
