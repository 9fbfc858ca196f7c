/**
 * STP: Tsodyks–Markram short-term plasticity (facilitation and depression; brainpy_state
 * _brainpy/stp.py). Per presynaptic neuron a release fraction u (decays to 0 with tau_f) and
 * resources x (recover to 1 with tau_d), both in closed form between spikes. u starts at 0, so the
 * first spike transmits U·w as in Tsodyks & Markram (BrainPy starts u at U and scales by the
 * already-depleted x, which makes its first response differ from the paper).
 */
import type { PlasticitySpecSource } from '../types';

export const STP: PlasticitySpecSource = {
  name: 'STP', order: 10,
  title: 'Short-term plasticity (Tsodyks–Markram)',
  doc: 'Each presynaptic neuron has a release fraction u (facilitation) and available resources x (depression). A spike first raises u by U·(1 − u), then transmits w·u·x and uses up u·x of the resources; between spikes u decays to 0 with tau_f and x recovers to 1 with tau_d. This is the Tsodyks–Markram recursion, so the first spike transmits U·w (BrainPy starts u at U and scales by the already-depleted x, which makes its first response differ from the paper).',
  equations: String.raw`\dot u = -\frac{u}{\tau_f},\ \dot x = \frac{1 - x}{\tau_d};\ \text{spike: } u \mathrel{+}= U(1-u),\ \Delta g = w\,u\,x,\ x \mathrel{-}= u\,x`,
  preset: { U: 0.15, tau_f: '1500 ms', tau_d: '200 ms' },
  source: `plasticity STP
param U = 0.15 (nonnegative, max = 1)  # Increment of u per spike (release probability at rest).
param tau_f = 1500 ms (positive)  # Facilitation time constant: how long u stays raised.
param tau_d = 200 ms (positive)  # Depression time constant: how fast resources recover.
du/dt = -u / tau_f : 1 (event-driven, pre)  # Release fraction of the presynaptic neuron (starts at 0).
dx/dt = (1 - x) / tau_d : 1 (event-driven, pre)  # Available resources of the presynaptic neuron.
init x = 1
on_pre u += U * (1 - u); transmit w * u * x; x -= u * x
`,
};
