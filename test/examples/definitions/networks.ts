/**
 * Network examples: the tutorial's E/I balanced network (section 4), the Brette et al. (2007)
 * CUBA and COBA benchmarks (as in Brian2's examples/CUBA.py and COBA.py) and Brunel (2000)
 * in the four regimes of his Figure 2.
 */
import type { DocumentInput } from '../../../src/shared/document';

type NodeIn = DocumentInput['nodes'][number];

function projection(id: string, rule: Record<string, string | number>, weight: string, tau: string, extra: Record<string, unknown> = {}): NodeIn {
  return {
    id, kind: 'projection', conn: rule as { rule: string }, weight,
    synapse: { model: 'Expon', tau }, output: { model: 'CUBA' }, ...extra,
  } as NodeIn;
}

const recurrent = (pre: string, post: string, projs: string[]): Array<{ from: string; to: string }> =>
  projs.flatMap((p, k) => [{ from: pre, to: p }, { from: p, to: k % 2 === 0 ? pre : post }]);

// ---------- 5 · the tutorial's E/I network ----------

/** Per-connection PSP scale: R·w = c / sqrt(K), as the tutorial scales its weights (K = 40 E and 10 I inputs per neuron). */
export const EI = { R: '20 MOhm', drive: '0.55 nA', wE: '0.2 nA', wI: '-1.1 nA' } as const;

const eiNeuron = { V_rest: '-60 mV', V_th: '-50 mV', V_reset: '-60 mV', tau: '20 ms', R: EI.R, reset: 'hard' } as const;

export const eiBalanced: DocumentInput = {
  meta: {
    title: '5 · E/I balanced network: asynchronous irregular activity',
    description: [
      '400 excitatory (E) and 100 inhibitory (I) LIF neurons, sparsely and randomly connected (fixed_prob p = 0.1, so each neuron receives about 40 E and 10 I inputs), with exponential synapses of 5 ms (E) and 10 ms (I). A constant 0.55 nA drive alone would push every neuron to V_rest + R·I = -49 mV, just above threshold.',
      'Look at the raster: no two neurons fire in step and each fires irregularly (mean rate about 12 Hz, ISI CV about 1, like a Poisson process), while the population rate stays flat. Strong inhibition balances excitation: the mean input stays near threshold and the fluctuations decide when a neuron fires.',
      'Weights: each E spike adds R·w = 20 MOhm × 0.2 nA = 4 mV of synaptic drive (decaying with 5 ms) and each I spike removes 22 mV (decaying with 10 ms), i.e. about 25 mV/sqrt(40) and 70 mV/sqrt(10): the 1/sqrt(K) scaling of the tutorial, with inhibition strong enough to balance. Halve both weights and the firing becomes more regular (CV about 0.5): the fluctuations shrink. The tutorial\'s own weights and its 0.5 nA drive act on BrainPy\'s default R = 1 Ohm, where the drive is 0.5 nV and the network stays silent.',
    ].join('\n\n'),
  },
  simulation: { dt: '0.1 ms', duration: '1000 ms', seed: 7 },
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: EI.drive } },
    { id: 'E', kind: 'population', model: 'LIF', size: 400, params: { ...eiNeuron }, init: { V: { dist: 'normal', mean: '-55 mV', std: '5 mV' } } },
    { id: 'I', kind: 'population', model: 'LIF', size: 100, params: { ...eiNeuron }, init: { V: { dist: 'normal', mean: '-55 mV', std: '5 mV' } } },
    projection('E->E', { rule: 'fixed_prob', p: 0.1 }, EI.wE, '5 ms'),
    projection('E->I', { rule: 'fixed_prob', p: 0.1 }, EI.wE, '5 ms'),
    projection('I->I', { rule: 'fixed_prob', p: 0.1 }, EI.wI, '10 ms'),
    projection('I->E', { rule: 'fixed_prob', p: 0.1 }, EI.wI, '10 ms'),
    { id: 'E spikes', kind: 'monitor', record: 'spikes' },
    { id: 'I spikes', kind: 'monitor', record: 'spikes' },
  ],
  wires: [
    { from: 'drive', to: 'E' },
    { from: 'drive', to: 'I' },
    ...recurrent('E', 'I', ['E->E', 'E->I']),
    ...recurrent('I', 'E', ['I->I', 'I->E']),
    { from: 'E', to: 'E spikes' },
    { from: 'I', to: 'I spikes' },
  ],
};

// ---------- Brette et al. 2007 ----------

const bretteNeuron = { V_th: '-50 mV', V_reset: '-60 mV', tau: '20 ms', tau_ref: '5 ms', reset: 'hard' } as const;

function bretteNetwork(meta: DocumentInput['meta'], neuron: Record<string, string>, init: Record<string, unknown>,
  syn: (id: string, w: string, tau: string) => NodeIn, wE: string, wI: string): DocumentInput {
  return {
    meta,
    simulation: { dt: '0.1 ms', duration: '1000 ms', seed: 1 },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIFRef', size: 3200, params: { ...neuron }, init } as NodeIn,
      { id: 'I', kind: 'population', model: 'LIFRef', size: 800, params: { ...neuron }, init } as NodeIn,
      syn('E->E', wE, '5 ms'),
      syn('E->I', wE, '5 ms'),
      syn('I->I', wI, '10 ms'),
      syn('I->E', wI, '10 ms'),
      { id: 'E spikes', kind: 'monitor', record: 'spikes' },
      { id: 'I spikes', kind: 'monitor', record: 'spikes' },
    ],
    wires: [...recurrent('E', 'I', ['E->E', 'E->I']), ...recurrent('I', 'E', ['I->I', 'I->E']),
      { from: 'E', to: 'E spikes' }, { from: 'I', to: 'I spikes' }],
  };
}

export const bretteCuba: DocumentInput = bretteNetwork(
  {
    title: 'Brette et al. 2007 · CUBA benchmark (Vogels & Abbott)',
    description: [
      'Benchmark 2 of Brette et al. (2007), as in Brian2\'s examples/CUBA.py: 4000 LIF neurons (3200 E, 800 I) with a 5 ms refractory period, connected with probability 0.02 (Bernoulli, as Brian2 connects), current-based exponential synapses of 5 ms (E) and 10 ms (I).',
      'The resting potential -49 mV lies above threshold (-50 mV): without the network every neuron would fire. Inhibition holds the activity down to a low rate (about 5.5 Hz, ISI CV about 0.5, as Brian2 finds). Look at the raster and the rates of E and I.',
      'Brian2 writes the synaptic variables in volts (we = 1.62 mV, wi = -9 mV). Here they are currents through R = 10 MOhm: 0.162 nA × 10 MOhm = 1.62 mV and -0.9 nA × 10 MOhm = -9 mV, the same dynamics.',
    ].join('\n\n'),
  },
  { ...bretteNeuron, V_rest: '-49 mV', R: '10 MOhm' },
  { V: { dist: 'uniform', low: '-60 mV', high: '-50 mV' } },
  (id, w, tau) => projection(id, { rule: 'bernoulli', p: 0.02 }, w, tau),
  '0.162 nA', '-0.9 nA',
);

const cobaBase = bretteNetwork(
  {
    title: 'Brette et al. 2007 · COBA benchmark (Vogels & Abbott)',
    description: [
      'Benchmark 1 of Brette et al. (2007), as in Brian2\'s examples/COBA.py: 4000 LIF neurons (3200 E, 800 I, 5 ms refractory), connection probability 0.02, conductance-based exponential synapses: 6 nS towards 0 mV (tau 5 ms) and 67 nS towards -80 mV (tau 10 ms).',
      'The leak conductance is 10 nS (R = 100 MOhm, tau = 20 ms), so one excitatory synapse adds 0.6 leak conductances. After the start there is no external input: the activity sustains itself at about 18 Hz with very irregular firing (ISI CV about 1.5), as in Brian2 (19 Hz, CV 1.5 with seed 1).',
      'The original starts every neuron with random open conductances; a document cannot set initial conductances, so a 0.2 nA current during the first 50 ms ("kick") starts the activity instead. Delete the kick and the network stays silent: self-sustained activity needs a spark.',
      'Look at the raster and the rates, and at how conductance input makes the membrane faster: a neuron with many open synapses has an effective time constant well below 20 ms.',
    ].join('\n\n'),
  },
  { ...bretteNeuron, V_rest: '-60 mV', R: '100 MOhm' },
  { V: { dist: 'normal', mean: '-65 mV', std: '5 mV' } },
  (id, w, tau) => ({
    id, kind: 'projection', conn: { rule: 'bernoulli', p: 0.02 }, weight: w,
    synapse: { model: 'Expon', tau }, output: { model: 'COBA', E: w === '6 nS' ? '0 mV' : '-80 mV' },
  }),
  '6 nS', '67 nS',
);

export const bretteCoba: DocumentInput = {
  ...cobaBase,
  nodes: [...cobaBase.nodes, { id: 'kick', kind: 'input', model: 'step', params: { amplitude: '0.2 nA', start: '0 ms', stop: '50 ms' } }],
  wires: [...(cobaBase.wires ?? []), { from: 'kick', to: 'E' }, { from: 'kick', to: 'I' }],
};

// ---------- Brunel 2000 ----------

/** Brunel (2000): N_E = 10000, N_I = 2500, C_E = 1000, C_I = 250, J = 0.1 mV, D = 1.5 ms, theta = 20 mV, V_r = 10 mV, tau_rp = 2 ms. */
export const BRUNEL = { NE: 10000, NI: 2500, CE: 1000, CI: 250, J_mV: 0.1, tau_ms: 20, tauSyn_ms: 1, R_MOhm: 10, thetaMinusRest_mV: 20 } as const;

/**
 * External inputs per neuron as drawn from the Poisson pool. Brunel gives each neuron C_E = 1000
 * inputs at nu_ext; their sum is one Poisson process at C_E·nu_ext, so 100 inputs at 10·nu_ext
 * deliver the same summed rate and variance with a tenth of the synapses.
 */
export const BRUNEL_EXT_INPUTS = 100;

/** nu_thr = theta / (J C_E tau): the external rate that just brings the mean input to threshold (10 Hz). */
export const NU_THR_HZ = BRUNEL.thetaMinusRest_mV / (BRUNEL.J_mV * BRUNEL.CE * BRUNEL.tau_ms * 1e-3);

/** Expon weight whose PSP has the area of a voltage jump J: R·w·tau_syn / tau_m = J. */
const wOf = (jump_mV: number): string => `${Number(((jump_mV * BRUNEL.tau_ms) / (BRUNEL.R_MOhm * BRUNEL.tauSyn_ms)).toPrecision(6))} nA`;

export interface BrunelRegime {
  readonly file: string;
  readonly name: string;
  readonly g: number;
  /** nu_ext / nu_thr. */
  readonly eta: number;
  readonly looks: string;
}

export const BRUNEL_REGIMES: readonly BrunelRegime[] = [
  { file: 'brunel-sr', name: 'synchronous regular (SR)', g: 3, eta: 2, looks: 'Excitation dominates (g < 4): Look at the raster: the neurons fire like clocks (ISI CV near 0) at several hundred Hz, close to the limit of one spike per refractory period. In Brunel\'s analysis, and in a Brian2 run with his delta synapses, the population also locks into fast oscillations; with this file\'s 1 ms exponential synapses (and V held during the refractory period, as in the paper) the locking is much weaker: an open question worth a longer run.' },
  { file: 'brunel-ai', name: 'asynchronous irregular (AI)', g: 5, eta: 2, looks: 'Inhibition dominates (g > 4) and the drive is moderate: the rate settles near the balanced value nu_thr·(eta − 1)/(g/4 − 1) = 40 Hz, the population rate is flat (low synchrony) and each neuron fires at times unrelated to the others, far less regularly than in SR (ISI CV about 0.3 against 0.02; Brian2 with delta synapses gives the same). Look at the raster: no stripes. This is the state cortex is thought to be in.' },
  { file: 'brunel-si-fast', name: 'synchronous irregular, fast oscillation (SI fast)', g: 6, eta: 4, looks: 'Strong inhibition and strong drive: the population rate oscillates fast (a period of a few delays) while each neuron fires irregularly and skips most cycles. Look at the population rate: compared with the AI file its fluctuations are about twice as large.' },
  { file: 'brunel-si-slow', name: 'synchronous irregular, slow oscillation (SI slow)', g: 4.5, eta: 0.9, looks: 'The external drive alone stays below threshold (eta < 1): the network fires at a low rate (about 10 Hz), driven by fluctuations. Look at the population rate: in Brunel\'s analysis it oscillates slowly; with the smoothed synapses here the oscillation is weaker and takes a long run (seconds) to see.' },
];

export function brunel(r: BrunelRegime): DocumentInput {
  const nuExt = r.eta * NU_THR_HZ;
  const poolRate = (nuExt * BRUNEL.CE) / BRUNEL_EXT_INPUTS;
  const neuron = { V_rest: '-70 mV', V_th: '-50 mV', V_reset: '-60 mV', tau: `${BRUNEL.tau_ms} ms`, tau_ref: '2 ms', R: `${BRUNEL.R_MOhm} MOhm`, reset: 'hard' };
  const delay = { delay: '1.5 ms' };
  const wE = wOf(BRUNEL.J_mV);
  const wI = wOf(-r.g * BRUNEL.J_mV);
  const init = { V: { dist: 'uniform', low: '-70 mV', high: '-50 mV' } } as const;
  const tauSyn = `${BRUNEL.tauSyn_ms} ms`;
  return {
    meta: {
      title: `Brunel 2000 · ${r.name}: g = ${r.g}, nu_ext/nu_thr = ${r.eta}`,
      description: [
        `Brunel's (2000) sparse network of 10000 excitatory and 2500 inhibitory LIF neurons; each neuron receives C_E = 1000 excitatory and C_I = 250 inhibitory recurrent inputs (fixed in-degree) with transmission delay D = 1.5 ms, plus external Poisson input at C_E·nu_ext per neuron. Two parameters select the regime of his Figure 2: g, the relative strength of inhibition (each I synapse is g times an E synapse), and nu_ext/nu_thr, the external rate in units of nu_thr = theta/(J·C_E·tau) = ${NU_THR_HZ} Hz, the rate that alone brings the mean input to threshold.`,
        `This file: g = ${r.g}, nu_ext/nu_thr = ${r.eta} (nu_ext = ${nuExt} Hz): ${r.name}. ${r.looks}`,
        'Other regimes: SR g = 3, nu_ext/nu_thr = 2; AI g = 5, 2; SI fast g = 6, 4; SI slow g = 4.5, 0.9 (brunel-sr, -ai, -si-fast, -si-slow).',
        `Synapses: Brunel uses delta synapses (each spike makes V jump by J = 0.1 mV). This engine has exponential synapses, so a short one (tau ${BRUNEL.tauSyn_ms} ms, the shortest dt = 0.1 ms resolves) stands in: the weight ${wE} makes the area R·w·tau_syn/tau_m equal J, and the jump is smeared over about a millisecond. Neurons: theta = 20 mV above rest (-70 -> -50 mV), reset 10 mV above rest, refractory 2 ms. External input: Brunel's 1000 inputs at nu_ext sum to one Poisson process at 1000·nu_ext; here each neuron draws ${BRUNEL_EXT_INPUTS} inputs from a pool of 10000 sources firing at ${poolRate} Hz, the same summed rate with a tenth of the synapses.`,
      ].join('\n\n'),
    },
    simulation: { dt: '0.1 ms', duration: '500 ms', seed: 1 },
    nodes: [
      { id: 'external', kind: 'population', model: 'Poisson', size: BRUNEL.NE, params: { rate: `${poolRate} Hz` } },
      { id: 'E', kind: 'population', model: 'LIFRef', size: BRUNEL.NE, params: { ...neuron }, init },
      { id: 'I', kind: 'population', model: 'LIFRef', size: BRUNEL.NI, params: { ...neuron }, init },
      projection('ext->E', { rule: 'fixed_indegree', k: BRUNEL_EXT_INPUTS }, wE, tauSyn),
      projection('ext->I', { rule: 'fixed_indegree', k: BRUNEL_EXT_INPUTS }, wE, tauSyn),
      projection('E->E', { rule: 'fixed_indegree', k: BRUNEL.CE }, wE, tauSyn, delay),
      projection('E->I', { rule: 'fixed_indegree', k: BRUNEL.CE }, wE, tauSyn, delay),
      projection('I->I', { rule: 'fixed_indegree', k: BRUNEL.CI }, wI, tauSyn, delay),
      projection('I->E', { rule: 'fixed_indegree', k: BRUNEL.CI }, wI, tauSyn, delay),
      { id: 'E spikes', kind: 'monitor', record: 'spikes' },
      { id: 'E rate', kind: 'monitor', record: 'rate' },
    ],
    wires: [
      { from: 'external', to: 'ext->E' }, { from: 'ext->E', to: 'E' },
      { from: 'external', to: 'ext->I' }, { from: 'ext->I', to: 'I' },
      ...recurrent('E', 'I', ['E->E', 'E->I']), ...recurrent('I', 'E', ['I->I', 'I->E']),
      { from: 'E', to: 'E spikes' }, { from: 'E', to: 'E rate' },
    ],
  };
}
