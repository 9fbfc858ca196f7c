/**
 * Networks for the memory-estimate check, each dominated by a different kind of buffer: neuron
 * state, spike recordings, CSR connectivity, a state monitor, a delay ring, HH state. Sizes are
 * large enough that the buffer under test is hundreds of MB (so Node's own ~50 MB of noise is
 * small beside it) and small enough that each runs in seconds on a loaded laptop.
 */
import type { DocumentInput } from '../../../src/shared/document';
import { withSpikeMonitors } from '../../../src/cli/autoMonitors';

const lif = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' };
const atRest = { V: '-65 mV' };

export const MEMORY_NETWORKS: Record<string, DocumentInput> = {
  /** One neuron, a few steps: the baseline every measurement subtracts. */
  empty: {
    simulation: { dt: '0.1 ms', duration: '1 ms', seed: 1, backend: 'typed' },
    nodes: [{ id: 'one', kind: 'population', model: 'LIF', size: 1, params: lif, init: atRest }],
    wires: [],
  },
  /** 3M LIF neurons held below threshold: neuron state and parameters only. */
  lifState: {
    simulation: { dt: '0.1 ms', duration: '2 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIF', size: 3_000_000, params: lif, init: atRest },
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '1 nA' } },
    ],
    wires: [{ from: 'drive', to: 'E' }],
  },
  /** 100k Poisson sources at 500 Hz for 1 s at dt = 1 ms: 5·10^7 recorded spikes. */
  poissonSpikes: {
    simulation: { dt: '1 ms', duration: '1000 ms', seed: 1, backend: 'typed' },
    nodes: [{ id: 'P', kind: 'population', model: 'Poisson', size: 100_000, params: { rate: '500 Hz' } }],
    wires: [],
  },
  /** 4.8·10^7 synapses from a silent source population onto silent LIFs: CSR connectivity. */
  csr: {
    simulation: { dt: '0.1 ms', duration: '1 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'P', kind: 'population', model: 'Poisson', size: 40_000, params: { rate: '0 Hz' } },
      { id: 'E', kind: 'population', model: 'LIF', size: 40_000, params: lif, init: atRest },
      { id: 'P->E', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.03 }, weight: '0.1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    ],
    wires: [{ from: 'P', to: 'P->E' }, { from: 'P->E', to: 'E' }],
  },
  /** V of 2000 neurons at every one of 40,000 steps: 8·10^7 samples in a state monitor. */
  stateMonitor: {
    simulation: { dt: '0.1 ms', duration: '4000 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIF', size: 2000, params: lif, init: atRest },
      { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: Array.from({ length: 2000 }, (_, i) => i) },
    ],
    wires: [{ from: 'E', to: 'V' }],
  },
  /** A 25 ms delay onto 200k neurons: a ring of 251 slots of 200,000 float64. */
  delayRing: {
    simulation: { dt: '0.1 ms', duration: '30 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'P', kind: 'population', model: 'Poisson', size: 200_000, params: { rate: '1 Hz' } },
      { id: 'E', kind: 'population', model: 'LIF', size: 200_000, params: lif, init: atRest },
      { id: 'P->E', kind: 'projection', conn: { rule: 'one_to_one' }, weight: '0.1 nA', delay: '25 ms', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    ],
    wires: [{ from: 'P', to: 'P->E' }, { from: 'P->E', to: 'E' }],
  },
  /** 2M Hodgkin–Huxley neurons at rest: per-model state (V, m, h, n) and parameters (spikes not recorded: see NOT_RECORDED). */
  hhState: {
    simulation: { dt: '0.05 ms', duration: '0.5 ms', seed: 1, backend: 'typed' },
    // plus the baseline's one LIF neuron, so this process loads the same WebAssembly as the baseline run
    nodes: [{ id: 'H', kind: 'population', model: 'HH', size: 2_000_000, params: {} }, { id: 'one', kind: 'population', model: 'LIF', size: 1, params: lif, init: atRest }],
    wires: [],
  },
};

/**
 * Networks measured without the CLI's spike recording: an HH population at rest has no decidable
 * rate bound (no R·I closed form), so its bound is the every-other-step ceiling, far above the 0
 * spikes it fires; the test is about its state.
 */
export const NOT_RECORDED: ReadonlySet<string> = new Set(['hhState']);

/** 1000 LIFs without refractory period, driven above threshold and exciting each other hard: they end up firing at nearly every step. */
export function runaway(duration: string): DocumentInput {
  return withSpikeMonitors({
    simulation: { dt: '0.1 ms', duration, seed: 3, backend: 'typed' },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIF', size: 1000, params: lif, init: { V: '-65 mV' } },
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
      { id: 'E->E', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.05 }, weight: '5 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    ],
    wires: [{ from: 'drive', to: 'E' }, { from: 'E', to: 'E->E' }, { from: 'E->E', to: 'E' }],
  }) as DocumentInput;
}
