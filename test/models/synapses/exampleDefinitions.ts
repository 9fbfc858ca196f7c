/**
 * The synapse-library examples (resources/examples/ping-gamma.snn and stdp-pattern.snn) as
 * documents. They belong in test/examples/definitions (EXAMPLES) so the shared example checks
 * cover them; writeSynapseExamples.ts writes the files the same way writeExamples.ts does.
 */
import type { DocumentInput } from '../../../src/shared/document';
import { streamFor } from '../../../src/engine/random';

const cell = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', R: '10 MOhm', reset: 'hard' };

export const PING: DocumentInput = {
  meta: {
    title: 'PING: gamma rhythm from excitatory and inhibitory neurons with AMPA and GABA_A synapses',
    description:
      'Pyramidal-interneuron network gamma (PING). 400 excitatory neurons (E) are driven by a steady current with noise, strong enough to fire on their own. ' +
      'Their spikes excite 100 interneurons (I) through AMPA receptors; the interneurons fire in a volley and inhibit all of E through GABA_A receptors, whose conductance takes several milliseconds to wear off. ' +
      'E can fire again only when the inhibition has decayed, so E and I fire in alternating volleys: a rhythm whose period is set by the GABA_A decay (1/beta ≈ 5.6 ms) and the time E needs to reach threshold again. ' +
      'Look at the raster: E fires in bands and I follows each band about 3 ms later. ' +
      'Look at the population rate of E: it oscillates, and its power spectrum peaks in the gamma band (30–80 Hz). ' +
      'Try lowering the I->E weight: the inhibition becomes too weak to silence E and the rhythm fades into asynchronous firing.',
  },
  simulation: { dt: '0.1 ms', duration: '1000 ms', seed: 7, backend: 'auto' },
  nodes: [
    { id: 'E', kind: 'population', model: 'LIFRef', size: 400, position: [0, 0], params: { ...cell, tau: '20 ms', tau_ref: '2 ms' }, init: { V: { dist: 'uniform', low: '-65 mV', high: '-50 mV' } } },
    { id: 'I', kind: 'population', model: 'LIFRef', size: 100, position: [540, 0], params: { ...cell, tau: '10 ms', tau_ref: '1 ms' }, init: { V: '-65 mV' } },
    { id: 'drive', kind: 'input', model: 'constant', position: [-280, -110], params: { amplitude: { dist: 'normal', mean: '2 nA', std: '0.2 nA' } } },
    { id: 'noise', kind: 'input', model: 'ou', position: [-280, 110], params: { mean: '0 nA', sigma: '0.5 nA', tau: '5 ms' } },
    { id: 'E->I', kind: 'projection', position: [270, -170], conn: { rule: 'fixed_prob', p: 0.2 }, weight: '20 nS', synapse: { model: 'AMPA' }, output: { model: 'COBA', E: '0 mV' } },
    { id: 'I->E', kind: 'projection', position: [270, 170], conn: { rule: 'fixed_prob', p: 0.5 }, weight: '10 nS', synapse: { model: 'GABAa' }, output: { model: 'COBA', E: '-80 mV' } },
    { id: 'E spikes', kind: 'monitor', position: [0, 300], record: 'spikes' },
    { id: 'I spikes', kind: 'monitor', position: [540, 300], record: 'spikes' },
    { id: 'E rate', kind: 'monitor', position: [0, 420], record: 'rate' },
  ],
  wires: [
    { from: 'drive', to: 'E' }, { from: 'noise', to: 'E' },
    { from: 'E', to: 'E->I' }, { from: 'E->I', to: 'I' }, { from: 'I', to: 'I->E' }, { from: 'I->E', to: 'E' },
    { from: 'E', to: 'E spikes' }, { from: 'I', to: 'I spikes' }, { from: 'E', to: 'E rate' },
  ],
};

/** STDP demo: the repeated pattern (seeded offsets), presented every PATTERN_PERIOD_MS for DURATION_MS. */
export const PATTERN_AFFERENTS = 50;
export const NOISE_AFFERENTS = 50;
export const PATTERN_PERIOD_MS = 100;
export const PATTERN_WINDOW_MS = 25;
export const STDP_DURATION_MS = 4000;

/** The pattern: afferent i fires at offset[i] ms into each presentation (drawn once from a seeded stream). */
export function patternOffsets(): number[] {
  const rng = streamFor(2024, 'stdp-pattern');
  return Array.from({ length: PATTERN_AFFERENTS }, () => Math.round(rng.range(0, PATTERN_WINDOW_MS) * 10) / 10);
}

function patternSpikes(): { times: string[]; indices: number[] } {
  const offsets = patternOffsets();
  const times: string[] = [];
  const indices: number[] = [];
  for (let start = 0; start < STDP_DURATION_MS; start += PATTERN_PERIOD_MS) {
    offsets.forEach((o, i) => {
      times.push(`${(start + o).toFixed(1)} ms`);
      indices.push(i);
    });
  }
  return { times, indices };
}

const stdp = { model: 'STDP', tau_plus: '16.8 ms', tau_minus: '33.7 ms', A_plus: 0.01, A_minus: 0.0105, w_min: '0 nA', w_max: '1 nA', bound: 'hard' };

export const STDP_PATTERN: DocumentInput = {
  meta: {
    title: 'STDP: a neuron learns a repeated spike pattern',
    description:
      `One LIF neuron listens to ${PATTERN_AFFERENTS + NOISE_AFFERENTS} afferents through plastic synapses (pair-based STDP, hard bounds 0..1 nA, all weights starting at 0.3 nA). ` +
      `The first ${PATTERN_AFFERENTS} afferents repeat the same pattern every ${PATTERN_PERIOD_MS} ms: each fires once at its own fixed time within a ${PATTERN_WINDOW_MS} ms window. ` +
      `The other ${NOISE_AFFERENTS} fire at random (Poisson, 10 Hz), so every afferent has the same mean rate and only the timing differs. ` +
      'A synapse whose spike comes shortly before the neuron fires is strengthened (A_plus, tau_plus); one whose spike comes after is weakened (A_minus, tau_minus), and depression slightly outweighs potentiation. ' +
      'The pattern afferents that fire early in the pattern keep preceding the output spike, so their weights grow to the bound while the random afferents drift down. ' +
      'Look at the raster of the output neuron: it fires in every presentation, and ever earlier in it as the early afferents are potentiated. ' +
      'Look at the V trace: between presentations only the random afferents move it, and less and less as their weights fall.',
  },
  simulation: { dt: '0.1 ms', duration: `${STDP_DURATION_MS} ms`, seed: 11, backend: 'auto' },
  nodes: [
    { id: 'pattern', kind: 'population', model: 'SpikeTimes', size: PATTERN_AFFERENTS, position: [0, -150], params: patternSpikes() },
    { id: 'noise', kind: 'population', model: 'Poisson', size: NOISE_AFFERENTS, position: [0, 150], params: { rate: '10 Hz' } },
    {
      id: 'out', kind: 'population', model: 'LIF', size: 1, position: [540, 0],
      params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' }, init: { V: '-65 mV' },
    },
    { id: 'pattern->out', kind: 'projection', position: [270, -150], conn: { rule: 'all_to_all' }, weight: '0.3 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, plasticity: stdp },
    { id: 'noise->out', kind: 'projection', position: [270, 150], conn: { rule: 'all_to_all' }, weight: '0.3 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, plasticity: stdp },
    { id: 'out spikes', kind: 'monitor', position: [800, -90], record: 'spikes' },
    { id: 'out V', kind: 'monitor', position: [800, 90], record: 'state', variables: ['V'], neurons: [0], interval: '0.5 ms' },
    { id: 'input spikes', kind: 'monitor', position: [0, -330], record: 'spikes' },
  ],
  wires: [
    { from: 'pattern', to: 'pattern->out' }, { from: 'pattern->out', to: 'out' },
    { from: 'noise', to: 'noise->out' }, { from: 'noise->out', to: 'out' },
    { from: 'out', to: 'out spikes' }, { from: 'out', to: 'out V' }, { from: 'pattern', to: 'input spikes' },
  ],
};

/** File name -> document, in the shape of test/examples/definitions' EXAMPLES. */
export const SYNAPSE_EXAMPLES: Readonly<Record<string, DocumentInput>> = {
  'ping-gamma.snn': PING,
  'stdp-pattern.snn': STDP_PATTERN,
};
