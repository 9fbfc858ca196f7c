/**
 * Alpha (brainpy.state Alpha): spikes arrive in h, which drives g. The two states form a linear
 * system with constant coefficients, so "exact" steps it by its propagator
 * (engine/spec/linearSystem.ts): g follows w·(t/tau)·e^{-t/tau} at every sample. BrainPy's
 * exponential Euler holds h fixed over a step, which is off by a term of order dt/tau.
 */
import type { SynapseSpecSource } from '../types';

export const Alpha: SynapseSpecSource = {
  name: 'Alpha', order: 30,
  title: 'Alpha synapse',
  doc: 'A spike of weight w gives g(t) = w·(t/tau)·e^(−t/tau): a smooth rise that peaks at t = tau with w/e, then decays. Integrated exactly (BrainPy uses exponential Euler for g, which is off by a term of order dt/tau).',
  equations: String.raw`\tau \dot h = -h,\quad \tau \dot g = -g + h,\quad h \leftarrow h + w \text{ on a spike}`,
  preset: { tau: '5 ms' },
  source: `synapse Alpha
param tau = 8 ms  # Time constant of rise and decay; g peaks tau after a spike.
dh/dt = -h / tau : 1 (exact)  # Spikes arrive here.
dg/dt = (-g + h) / tau : 1 (exact)  # One spike of weight w gives g = w (t/tau) exp(-t/tau).
on_pre h += w
output g
`,
};
