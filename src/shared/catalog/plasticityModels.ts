/**
 * Plasticity models a projection can carry (its `plasticity` field): Tsodyks–Markram short-term
 * plasticity (STP, STD; brainpy_state/_brainpy/stp.py) and pair-based STDP with traces.
 * Departures from BrainPy, each for a stated reason, are in the doc lines.
 */
import type { ModelSpec } from './types';

export const STP: ModelSpec = {
  family: 'plasticity',
  name: 'STP',
  title: 'Short-term plasticity (Tsodyks–Markram)',
  doc: 'Each presynaptic neuron has a release fraction u (facilitation) and available resources x (depression). A spike first raises u by U·(1 − u), then transmits w·u·x and uses up u·x of the resources; between spikes u decays to 0 with tau_f and x recovers to 1 with tau_d. This is the Tsodyks–Markram recursion, so the first spike transmits U·w (BrainPy starts u at U and scales by the already-depleted x, which makes its first response differ from the paper).',
  equations: String.raw`\dot u = -\frac{u}{\tau_f},\ \dot x = \frac{1 - x}{\tau_d};\ \text{spike: } u \mathrel{+}= U(1-u),\ \Delta g = w\,u\,x,\ x \mathrel{-}= u\,x`,
  params: [
    { name: 'U', dim: 'dimensionless', default: 0.15, doc: 'Increment of u per spike (release probability at rest).', nonNegative: true, max: 1 },
    { name: 'tau_f', dim: 'time', default: '1500 ms', doc: 'Facilitation time constant: how long u stays raised.', positive: true },
    { name: 'tau_d', dim: 'time', default: '200 ms', doc: 'Depression time constant: how fast resources recover.', positive: true },
  ],
  preset: { U: 0.15, tau_f: '1500 ms', tau_d: '200 ms' },
};

export const STD: ModelSpec = {
  family: 'plasticity',
  name: 'STD',
  title: 'Short-term depression',
  doc: 'Each presynaptic neuron has resources x that a spike transmits (w·x) and then depletes by the fraction U; x recovers to 1 with time constant tau. Fast trains therefore transmit less and less. (BrainPy transmits the already-depleted x, i.e. (1 − U) times this.)',
  equations: String.raw`\dot x = \frac{1 - x}{\tau};\ \text{spike: } \Delta g = w\,x,\ x \mathrel{-}= U x`,
  params: [
    { name: 'U', dim: 'dimensionless', default: 0.07, doc: 'Fraction of resources used per spike.', nonNegative: true, max: 1 },
    { name: 'tau', dim: 'time', default: '200 ms', doc: 'Recovery time constant of the resources.', positive: true },
  ],
  preset: { U: 0.2, tau: '200 ms' },
};

export const STDP: ModelSpec = {
  family: 'plasticity',
  name: 'STDP',
  title: 'Spike-timing-dependent plasticity',
  doc: 'Pair-based STDP with traces: a presynaptic spike followed after Δt by a postsynaptic one strengthens the synapse by A_plus·w_max·e^(−Δt/tau_plus); the reverse order weakens it by A_minus·w_max·e^(−Δt/tau_minus). Hard bounds clip w to [w_min, w_max]; soft bounds scale each change by the room left, (w_max − w)/w_max or (w − w_min)/w_max. Time constants are BrainPy\'s STDP_Song2000 defaults; A_plus and A_minus are fractions of w_max (Song, Miller & Abbott 2000) so they need no unit.',
  equations: String.raw`\Delta w = \begin{cases} A_+ w_{max} e^{-\Delta t/\tau_+} & \Delta t > 0 \\ -A_- w_{max} e^{\Delta t/\tau_-} & \Delta t < 0 \end{cases},\quad \Delta t = t_{post} - t_{pre}`,
  params: [
    { name: 'tau_plus', dim: 'time', default: '16.8 ms', doc: 'Width of the potentiation window (pre before post).', positive: true },
    { name: 'tau_minus', dim: 'time', default: '33.7 ms', doc: 'Width of the depression window (post before pre).', positive: true },
    { name: 'A_plus', dim: 'dimensionless', default: 0.01, doc: 'Largest potentiation per pair, as a fraction of w_max.', nonNegative: true },
    { name: 'A_minus', dim: 'dimensionless', default: 0.0105, doc: 'Largest depression per pair, as a fraction of w_max.', nonNegative: true },
    // w_min and w_max take the unit of the projection's weight (nA for CUBA, µS for COBA); build converts them so.
    { name: 'w_min', dim: 'conductance', default: 0, doc: 'Lower weight bound, in the unit of the weight.' },
    { name: 'w_max', dim: 'conductance', doc: 'Upper weight bound, in the unit of the weight (e.g. "1 nA" with CUBA, "10 nS" with COBA).' },
  ],
  choices: [{ name: 'bound', choices: ['hard', 'soft'], default: 'hard', doc: 'hard: clip w to [w_min, w_max]; soft: changes shrink as w nears a bound.' }],
  preset: { w_max: '1 nA', bound: 'hard' },
};

/** Parameters of STDP measured in the projection's weight unit. */
export const WEIGHT_UNIT_PARAMS: readonly string[] = ['w_min', 'w_max'];

export const plasticityModels: readonly ModelSpec[] = [STP, STD, STDP];
