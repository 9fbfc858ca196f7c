/**
 * Warm-up before the first run: build, instantiate and run tiny networks, so the code a first Run
 * needs (document checks, connectivity, the typed backend's fused and per-step drivers and their
 * WebAssembly, monitors, the batches) is loaded, compiled and tiered up while the user is still
 * reading the network. The renderer asks for it (`warm-up`) when the app is idle after start; the
 * run session (runSession.ts) runs WARM_NETWORKS through its own run path with every event thrown
 * away and stops at the next chunk when a real Run arrives. Each network has its own seed and
 * RNG streams, so nothing of a warm-up reaches a later run's results.
 */
import { build } from '../build';
import { TypedInstance } from '../backends/typed';

/** Two LIF populations with recurrent fixed_prob projections, a constant drive and spike and rate monitors. */
export const TINY_NETWORK = {
  simulation: { dt: '0.1 ms', duration: '20 ms', seed: 1, backend: 'typed' },
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', position: [0, 0], params: { amplitude: '0.6 nA' } },
    { id: 'E', kind: 'population', model: 'LIF', size: 40, position: [0, 0], params: { R: '20 MOhm', V_reset: '-60 mV', V_rest: '-60 mV', V_th: '-50 mV', tau: '20 ms' } },
    { id: 'I', kind: 'population', model: 'LIFRef', size: 10, position: [0, 0], params: { R: '20 MOhm', V_reset: '-60 mV', V_rest: '-60 mV', V_th: '-50 mV', tau: '20 ms', tau_ref: '2 ms' } },
    { id: 'E->I', kind: 'projection', position: [0, 0], conn: { rule: 'fixed_prob', p: 0.2 }, weight: '0.2 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    { id: 'I->E', kind: 'projection', position: [0, 0], conn: { rule: 'fixed_prob', p: 0.2 }, weight: '-0.5 nA', synapse: { model: 'Expon', tau: '10 ms' }, output: { model: 'CUBA' } },
    { id: 'E spikes', kind: 'monitor', record: 'spikes', position: [0, 0] },
    { id: 'I rate', kind: 'monitor', record: 'rate', position: [0, 0] },
  ],
  wires: [
    { from: 'drive', to: 'E' }, { from: 'drive', to: 'I' },
    { from: 'E', to: 'E->I' }, { from: 'E->I', to: 'I' }, { from: 'I', to: 'I->E' }, { from: 'I->E', to: 'E' },
    { from: 'E', to: 'E spikes' }, { from: 'I', to: 'I rate' },
  ],
};

/**
 * Spike times as the documents write them (strings with units, as stdp-pattern's 2000): enough of
 * them that checking and converting a long list runs its loops hot before a first Run (the first
 * run of stdp-pattern spent 15 ms more of the worker's CPU on its build message than its second).
 */
const WARM_TIMES = 1500;
const warmTimes = Array.from({ length: WARM_TIMES }, (_, k) => `${((k * 7919) % 2900) / 10} ms`);
const warmIndices = Array.from({ length: WARM_TIMES }, (_, k) => k % 2);

/**
 * Like TINY_NETWORK but for the per-step driver (plasticity rules it out of the fused one):
 * Poisson and spike-time sources (a long list of times), STDP, all-to-all, a delay, a state
 * monitor, and a constant input swept over the neurons (linspace, as in 02-fi-curve).
 */
export const TINY_PLASTIC_NETWORK = {
  simulation: { dt: '0.1 ms', duration: '300 ms', seed: 1, backend: 'auto' },
  nodes: [
    { id: 'noise', kind: 'population', model: 'Poisson', size: 20, position: [0, 0], params: { rate: '40 Hz' } },
    { id: 'times', kind: 'population', model: 'SpikeTimes', size: 2, position: [0, 0], params: { times: warmTimes, indices: warmIndices } },
    { id: 'sweep', kind: 'input', model: 'constant', position: [0, 0], params: { amplitude: { from: '0.1 nA', to: '0.3 nA', dist: 'linspace' } } },
    { id: 'out', kind: 'population', model: 'LIF', size: 2, position: [0, 0], params: { R: '20 MOhm', V_reset: '-60 mV', V_rest: '-60 mV', V_th: '-50 mV', reset: 'hard', tau: '20 ms' }, init: { V: '-60 mV' } },
    { id: 'noise->out', kind: 'projection', position: [0, 0], conn: { rule: 'all_to_all' }, weight: '0.5 nA', delay: '1 ms', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, plasticity: { model: 'STDP', A_minus: 0.0105, A_plus: 0.01, bound: 'hard', tau_minus: '33.7 ms', tau_plus: '16.8 ms', w_max: '1 nA', w_min: '0 nA' } },
    { id: 'times->out', kind: 'projection', position: [0, 0], conn: { rule: 'all_to_all' }, weight: '1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    { id: 'out spikes', kind: 'monitor', record: 'spikes', position: [0, 0] },
    { id: 'out V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0], interval: '0.5 ms', position: [0, 0] },
  ],
  wires: [
    { from: 'noise', to: 'noise->out' }, { from: 'noise->out', to: 'out' }, { from: 'times', to: 'times->out' }, { from: 'times->out', to: 'out' }, { from: 'sweep', to: 'out' },
    { from: 'out', to: 'out spikes' }, { from: 'out', to: 'out V' },
  ],
};

/**
 * The other common paths of the fused driver: refractory LIF with conductance-based (COBA)
 * outputs, NMDA and AMPA/GABAa synapses, the bernoulli rule, step and OU inputs, initial values
 * drawn from distributions (brette-coba, working-memory-ring, ping-gamma, decision-making).
 */
export const TINY_COBA_NETWORK = {
  simulation: { dt: '0.1 ms', duration: '20 ms', seed: 2, backend: 'typed' },
  nodes: [
    { id: 'kick', kind: 'input', model: 'step', position: [0, 0], params: { amplitude: '0.3 nA', start: '0 ms', stop: '500 ms' } },
    { id: 'noise', kind: 'input', model: 'ou', position: [0, 0], params: { mean: '0.2 nA', sigma: '0.05 nA', tau: '5 ms' } },
    { id: 'E', kind: 'population', model: 'LIFRef', size: 40, position: [0, 0], params: { R: '100 MOhm', V_reset: '-60 mV', V_rest: '-60 mV', V_th: '-50 mV', tau: '20 ms', tau_ref: '5 ms' }, init: { V: { dist: 'normal', mean: '-58 mV', std: '4 mV' } } },
    { id: 'I', kind: 'population', model: 'LIFRef', size: 10, position: [0, 0], params: { R: '100 MOhm', V_reset: '-60 mV', V_rest: '-60 mV', V_th: '-50 mV', tau: '10 ms', tau_ref: '2 ms' }, init: { V: { dist: 'uniform', low: '-60 mV', high: '-50 mV' } } },
    { id: 'E->E', kind: 'projection', position: [0, 0], conn: { rule: 'bernoulli', p: 0.2 }, weight: '2 nS', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'COBA', E: '0 mV' } },
    { id: 'E->I', kind: 'projection', position: [0, 0], conn: { rule: 'bernoulli', p: 0.2 }, weight: '2 nS', synapse: { model: 'AMPA' }, output: { model: 'COBA', E: '0 mV' } },
    { id: 'I->E', kind: 'projection', position: [0, 0], conn: { rule: 'fixed_prob', p: 0.3 }, weight: '5 nS', synapse: { model: 'GABAa' }, output: { model: 'COBA', E: '-80 mV' } },
    { id: 'E->E nmda', kind: 'projection', position: [0, 0], conn: { rule: 'bernoulli', p: 0.2 }, weight: '0.01 nA', synapse: { model: 'NMDA', alpha1: '0.1 /ms' }, output: { model: 'CUBA' } },
    { id: 'E spikes', kind: 'monitor', record: 'spikes', position: [0, 0] },
    { id: 'I spikes', kind: 'monitor', record: 'spikes', position: [0, 0] },
  ],
  wires: [
    { from: 'kick', to: 'E' }, { from: 'noise', to: 'I' },
    { from: 'E', to: 'E->E' }, { from: 'E->E', to: 'E' }, { from: 'E', to: 'E->I' }, { from: 'E->I', to: 'I' },
    { from: 'I', to: 'I->E' }, { from: 'I->E', to: 'E' }, { from: 'E', to: 'E->E nmda' }, { from: 'E->E nmda', to: 'E' },
    { from: 'E', to: 'E spikes' }, { from: 'I', to: 'I spikes' },
  ],
};

/** Izhikevich neurons (a model generated from its spec) with voltage traces of single neurons (izhikevich-gallery). */
export const TINY_IZHIKEVICH_NETWORK = {
  simulation: { dt: '0.1 ms', duration: '20 ms', seed: 3, backend: 'auto' },
  nodes: [
    { id: 'step', kind: 'input', model: 'step', position: [0, 0], params: { amplitude: '10 nA', start: '5 ms', stop: '450 ms' } },
    { id: 'RS', kind: 'population', model: 'Izhikevich', size: 1, position: [0, 0], params: { C: '1 nF', V_th: '30 mV', a: '0.02 /ms', b: '0.2 /ms', c: '-65 mV', d: 8 }, init: { V: '-70 mV', u: -14 } },
    { id: 'FS', kind: 'population', model: 'Izhikevich', size: 2, position: [0, 0], params: { C: '1 nF', V_th: '30 mV', a: '0.1 /ms', b: '0.2 /ms', c: '-65 mV', d: 2 }, init: { V: '-70 mV', u: -14 } },
    { id: 'spikes', kind: 'monitor', record: 'spikes', position: [0, 0] },
    { id: 'V RS', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0], position: [0, 0] },
    { id: 'V FS', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0], position: [0, 0] },
  ],
  wires: [
    { from: 'step', to: 'RS' }, { from: 'step', to: 'FS' }, { from: 'RS', to: 'spikes' }, { from: 'FS', to: 'spikes' },
    { from: 'RS', to: 'V RS' }, { from: 'FS', to: 'V FS' },
  ],
};

/**
 * What the session's warm-up runs, in order, with the steps per chunk (small, so a real Run waits
 * at most one short chunk). The fused network runs long enough (10 000 steps) for V8 to tier its
 * WebAssembly and JavaScript up; the first one runs at the documents' own duration.
 */
export const WARM_NETWORKS: readonly { readonly document: unknown; readonly durationMs?: number }[] = [
  { document: TINY_NETWORK, durationMs: 1000 },
  { document: TINY_PLASTIC_NETWORK },
  { document: TINY_COBA_NETWORK, durationMs: 1000 },
  { document: TINY_IZHIKEVICH_NETWORK, durationMs: 500 },
];

/** Steps per warm-up chunk: about a millisecond of work each on the tiny networks. */
export const WARM_CHUNK_STEPS = 500;

/** Run the tiny network once (engines without a run session); returns the steps it ran (0 if it could not be built, which only a broken build would cause). */
export function warmUp(): number {
  const { ir } = build(TINY_NETWORK);
  if (!ir) return 0;
  const instance = new TypedInstance(ir);
  try {
    instance.advance(ir.steps);
    return instance.step;
  } finally {
    instance.dispose();
  }
}
