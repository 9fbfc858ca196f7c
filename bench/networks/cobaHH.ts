/**
 * COBA-HH: the network of Brette et al. (2007) benchmark 3 (Brian2's examples/COBAHH.py) built
 * from the catalogue's Hodgkin–Huxley cell: 4000 neurons (80 % excitatory), Bernoulli p = 0.02,
 * exponential conductance synapses (we = 6 nS, 5 ms, 0 mV; wi = 67 nS, 10 ms, −80 mV).
 *
 * Differences from the paper, because the catalogue has one HH cell: the rate functions are the
 * classic squid-axon ones (brainpy.state's HH), not Traub–Miles' with VT = −63 mV; the cell has
 * the benchmark's size (20,000 µm²: C = 0.2 nF) and conductance densities (gNa 100, gK 30,
 * gL 0.05 mS/cm²: 20 µS, 6 µS, 0.01 µS) and reversal potentials (ENa 50, EK −90, EL −60 mV).
 * Spikes are counted at −20 mV upwards, as in the benchmark. A
 * constant current in U(0.5, 1) nA per neuron keeps the classic HH cells active (the paper's
 * Traub–Miles cells fire without one).
 * It measures the cost of a conductance-based HH network, not the paper's firing pattern.
 */
import type { DocumentInput } from '../../src/shared/document';
import { cobaDocument, type BretteOptions } from './brette';

const HH_PARAMS = { ENa: '50 mV', gNa: '20 uS', EK: '-90 mV', gK: '6 uS', EL: '-60 mV', gL: '0.01 uS', V_th: '-20 mV', C: '0.2 nF' };

/** Per-neuron constant current that keeps the network active (the paper's Traub–Miles cells need none). */
const DRIVE = { dist: 'uniform', low: '0.5 nA', high: '1 nA' } as const;

export function cobaHHDocument(opts: BretteOptions = {}): DocumentInput {
  const doc = cobaDocument(opts);
  return {
    ...doc,
    meta: { title: `COBA-HH (Brette et al. 2007, benchmark 3, catalogue HH cell), ${opts.n ?? 4000} neurons` },
    nodes: doc.nodes.map((n) =>
      n.kind === 'population' ? { ...n, model: 'HH', params: HH_PARAMS, init: { V: { dist: 'normal', mean: '-65 mV', std: '5 mV' } } }
        : n.kind === 'input' ? { ...n, model: 'constant', params: { amplitude: DRIVE } } : n),
  } as DocumentInput;
}
