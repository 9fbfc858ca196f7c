/**
 * STDP: pair-based, all-to-all pairs through traces (Song, Miller & Abbott 2000; time constants of
 * BrainPy's STDP_Song2000). A pre trace per presynaptic neuron and a post trace per postsynaptic
 * neuron, each +1 per spike and decaying in closed form between spikes. Spike times are the
 * neurons' own (no transmission delay). In one step presynaptic events go first, as Brian2 orders
 * on_pre before on_post, so a pair at Δt = 0 potentiates. A_plus and A_minus are fractions of
 * w_max, so they need no unit; w_min and w_max take the unit of the projection's weight.
 */
import type { PlasticitySpecSource } from '../types';

export const STDP: PlasticitySpecSource = {
  name: 'STDP', order: 30,
  title: 'Spike-timing-dependent plasticity',
  doc: 'Pair-based STDP with traces: a presynaptic spike followed after Δt by a postsynaptic one strengthens the synapse by A_plus·w_max·e^(−Δt/tau_plus); the reverse order weakens it by A_minus·w_max·e^(−Δt/tau_minus). Hard bounds clip w to [w_min, w_max]; soft bounds scale each change by the room left, (w_max − w)/w_max or (w − w_min)/w_max. Time constants are BrainPy\'s STDP_Song2000 defaults; A_plus and A_minus are fractions of w_max (Song, Miller & Abbott 2000) so they need no unit.',
  equations: String.raw`\Delta w = \begin{cases} A_+ w_{max} e^{-\Delta t/\tau_+} & \Delta t > 0 \\ -A_- w_{max} e^{\Delta t/\tau_-} & \Delta t < 0 \end{cases},\quad \Delta t = t_{post} - t_{pre}`,
  preset: { w_max: '1 nA', bound: 'hard' },
  source: `plasticity STDP
param tau_plus = 16.8 ms (positive)  # Width of the potentiation window (pre before post).
param tau_minus = 33.7 ms (positive)  # Width of the depression window (post before pre).
param A_plus = 0.01 (nonnegative)  # Largest potentiation per pair, as a fraction of w_max.
param A_minus = 0.0105 (nonnegative)  # Largest depression per pair, as a fraction of w_max.
param w_min = 0 (weight)  # Lower weight bound, in the unit of the weight.
param w_max : 1 (weight)  # Upper weight bound, in the unit of the weight (e.g. "1 nA" with CUBA, "10 nS" with COBA).
choice bound = hard | soft  # hard: clip w to [w_min, w_max]; soft: changes shrink as w nears a bound.
dapre/dt = -apre / tau_plus : 1 (event-driven, pre)  # Presynaptic trace: +1 per presynaptic spike.
dapost/dt = -apost / tau_minus : 1 (event-driven, post)  # Postsynaptic trace: +1 per postsynaptic spike.
on_pre [bound=hard] w = clip(w - A_minus * w_max * apost, w_min, w_max)
on_pre [bound=soft] w = clip(w - A_minus * apost * (w - w_min), w_min, w_max)
on_pre apre += 1
on_post apost += 1
on_post [bound=hard] w = clip(w + A_plus * w_max * apre, w_min, w_max)
on_post [bound=soft] w = clip(w + A_plus * apre * (w_max - w), w_min, w_max)
`,
};
