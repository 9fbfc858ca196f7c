/**
 * The tutorial's five sections (../shared/seed/000_4f645a41564fdbc2.txt) as example projects,
 * with physically consistent parameters: the tutorial drives LIF neurons whose default
 * membrane resistance is 1 Ω with nA currents, so R·I is a few nanovolts and nothing fires.
 * Here R is in MΩ, so R·I is in mV and the behaviour the tutorial describes really happens.
 */
import type { DocumentInput } from '../../../src/shared/document';

/** The tutorial's LIF: rest and reset -65 mV, threshold -50 mV, tau 10 ms; R chosen so nA inputs move V by mV. */
export const TUTORIAL_LIF = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' } as const;

export const singleLif: DocumentInput = {
  meta: {
    title: '1 · A single LIF neuron under constant input',
    description: [
      'One leaky integrate-and-fire neuron driven by a constant 2 nA current. Look at the V trace: it rises towards V_inf = V_rest + R·I, crosses the threshold (-50 mV), is reset to -65 mV and starts again, so the neuron fires regularly.',
      'Why R = 10 MOhm: the input moves the membrane by R·I = 10 MOhm × 2 nA = 20 mV, so V_inf = -45 mV lies 5 mV above threshold. The period is T = tau·ln(R·I / (R·I − (V_th − V_rest))) = 10 ms · ln(20/5) ≈ 13.9 ms (rounded up to whole steps: 13.9 ms, 7 spikes in 100 ms).',
      'The pitfall: the tutorial keeps BrainPy\'s default R = 1 Ohm, so 2 nA moves V by 2 nV and the neuron never fires. The rheobase (the smallest current that fires) is (V_th − V_rest)/R = 1.5 nA here: try 1.4 nA and watch V settle below threshold.',
      'Reset is "hard" (V is set to V_reset) so the period matches the formula exactly; BrainPy\'s default "soft" reset subtracts V_th − V_reset instead.',
    ].join('\n\n'),
  },
  simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1 },
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
    { id: 'neuron', kind: 'population', model: 'LIF', size: 1, params: { ...TUTORIAL_LIF }, init: { V: '-65 mV' } },
    { id: 'spikes', kind: 'monitor', record: 'spikes' },
    { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0] },
  ],
  wires: [
    { from: 'drive', to: 'neuron' },
    { from: 'neuron', to: 'spikes' },
    { from: 'neuron', to: 'V' },
  ],
};

export const fiCurve: DocumentInput = {
  meta: {
    title: '2 · F-I curve: firing rate against input current',
    description: [
      'Twenty copies of the neuron of example 1, each driven by a different constant current from 0.5 nA to 5 nA (a linspace over the 20 neurons), so one run gives the whole F-I curve. Look at the raster: neuron i receives 0.5 + i·(4.5/19) nA.',
      'Below the rheobase (V_th − V_rest)/R = 15 mV / 10 MOhm = 1.5 nA the neuron never fires: V settles at V_rest + R·I below threshold. Above it the rate rises steeply at first and then almost linearly, f = 1 / (tau·ln(R·I / (R·I − 15 mV))).',
      'The pitfall: with BrainPy\'s default R = 1 Ohm every current in this range is far below rheobase and the whole curve is zero.',
    ].join('\n\n'),
  },
  simulation: { dt: '0.1 ms', duration: '500 ms', seed: 1 },
  nodes: [
    { id: 'currents', kind: 'input', model: 'constant', params: { amplitude: { dist: 'linspace', from: '0.5 nA', to: '5 nA' } } },
    { id: 'neurons', kind: 'population', model: 'LIF', size: 20, params: { ...TUTORIAL_LIF }, init: { V: '-65 mV' } },
    { id: 'spikes', kind: 'monitor', record: 'spikes' },
  ],
  wires: [
    { from: 'currents', to: 'neurons' },
    { from: 'neurons', to: 'spikes' },
  ],
};

/** Membrane time constant of the "voltmeter" neuron in example 3: short, so V follows the synaptic current closely. */
export const EXPON_METER_TAU = '1 ms';

export const exponentialSynapse: DocumentInput = {
  meta: {
    title: '3 · An exponential synapse driven by spikes at 10, 15, 20 and 30 ms',
    description: [
      'A spike source fires at 10, 15, 20 and 30 ms. Each spike adds the weight (1 nA) to the synaptic variable g of an Expon synapse, which then decays with tau = 5 ms: g(t) = Σ w·exp(−(t − t_k)/tau). Spikes 5 ms apart arrive before g has decayed, so their effects add up.',
      'g itself is not a recordable variable, so the synapse drives a "voltmeter" neuron: a LIF with a short membrane time constant (1 ms) and a threshold of +1000 mV that it can never reach. Its V − V_rest follows R·g with a lag of about 1 ms: look at the V trace to see the jumps and exponential decays of g, scaled by R = 10 MOhm (1 nA → 10 mV).',
      'Exponential Euler is exact for this linear equation, so the trace matches the closed form at every sample.',
    ].join('\n\n'),
  },
  simulation: { dt: '0.1 ms', duration: '50 ms', seed: 1 },
  nodes: [
    { id: 'spike times', kind: 'population', model: 'SpikeTimes', size: 1, params: { times: ['10 ms', '15 ms', '20 ms', '30 ms'] } },
    {
      id: 'synapse', kind: 'projection', conn: { rule: 'one_to_one' }, weight: '1 nA',
      synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' },
    },
    {
      id: 'voltmeter', kind: 'population', model: 'LIF', size: 1,
      params: { V_rest: '-65 mV', V_th: '1000 mV', V_reset: '-65 mV', tau: EXPON_METER_TAU, R: '10 MOhm', reset: 'hard' }, init: { V: '-65 mV' },
    },
    { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0] },
  ],
  wires: [
    { from: 'spike times', to: 'synapse' },
    { from: 'synapse', to: 'voltmeter' },
    { from: 'voltmeter', to: 'V' },
  ],
};

/** Weight of the pre -> post synapse in example 4 (nA): one EPSP is a few mV, several summed reach threshold. */
export const TWO_NEURON_WEIGHT = '3 nA';

export const twoNeurons: DocumentInput = {
  meta: {
    title: '4 · Two neurons: EPSPs sum until the post neuron fires',
    description: [
      'A pre neuron driven by 2.5 nA fires regularly (about every 9 ms). Each of its spikes opens an exponential synapse (tau 5 ms, 3 nA) onto a post neuron that has no other input and a slower membrane (tau 20 ms).',
      'Look at V of the post neuron: one EPSP lifts it by only about 5 mV, far from the 15 mV it needs. The next spike arrives before the EPSP has decayed, so they sum, and only after several pre spikes does V reach threshold and the post neuron fires. After each post spike the summation starts again.',
      'Parameters: R = 10 MOhm so 2.5 nA moves V by 25 mV (the tutorial\'s R = 1 Ohm would give 2.5 nV and no spikes at all). The tutorial\'s weight, 50 mS with scale 1 V, is a 50 mA current per spike; here 3 nA gives EPSPs of a few mV, which is what "sum to reach threshold" needs.',
    ].join('\n\n'),
  },
  simulation: { dt: '0.1 ms', duration: '150 ms', seed: 1 },
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2.5 nA' } },
    { id: 'pre', kind: 'population', model: 'LIF', size: 1, params: { ...TUTORIAL_LIF }, init: { V: '-65 mV' } },
    {
      id: 'pre->post', kind: 'projection', conn: { rule: 'all_to_all' }, weight: TWO_NEURON_WEIGHT,
      synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' },
    },
    { id: 'post', kind: 'population', model: 'LIF', size: 1, params: { ...TUTORIAL_LIF, tau: '20 ms' }, init: { V: '-65 mV' } },
    { id: 'pre spikes', kind: 'monitor', record: 'spikes' },
    { id: 'post spikes', kind: 'monitor', record: 'spikes' },
    { id: 'V pre', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0] },
    { id: 'V post', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0] },
  ],
  wires: [
    { from: 'drive', to: 'pre' },
    { from: 'pre', to: 'pre->post' },
    { from: 'pre->post', to: 'post' },
    { from: 'pre', to: 'pre spikes' },
    { from: 'post', to: 'post spikes' },
    { from: 'pre', to: 'V pre' },
    { from: 'post', to: 'V post' },
  ],
};
