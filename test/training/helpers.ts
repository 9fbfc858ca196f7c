/** Shared set-up for the training tests: a small feed-forward LIF network document and the tfjs runtime. */
import type { DocumentInput, TrainingTask } from '../../src/shared/document';
import { startTfjs } from '../../src/engine/backends/tfjs';
import { nodeTfjsOptions } from '../../src/engine/node/tfjsLoader';
import { registerTfjsGradients } from '../../src/engine/node/tfjsGradients';

/** WASM here (tfjs-node is not installed on CI) with gradients; resolves to the flavour that runs. */
export async function startWasm() {
  await registerTfjsGradients();
  return startTfjs(nodeTfjsOptions());
}

export interface NetOptions {
  nIn: number;
  nHidden: number;
  nOut: number;
  task: TrainingTask;
  dt?: string;
  readout?: 'count' | 'max_v';
  /** Std of the initial weights, nA. */
  wIn?: number;
  wOut?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  reset?: 'soft' | 'hard';
  trainTau?: boolean;
  seed?: number;
  outThreshold?: string;
}

/**
 * input (SpikeTimes) -> hidden (LIF) -> out (LIF), all-to-all, Expon 5 ms, CUBA. Membrane:
 * V_rest = V_reset = -65 mV, V_th = -50 mV, tau = 10 ms, R = 10 MOhm: an input spike of weight w nA
 * lifts V by at most about R·w·(tau_syn/tau)... of order 10·w mV, so w ~ 1 nA matters.
 */
export function feedForward(o: NetOptions): DocumentInput {
  const lif = (th = '-50 mV') => ({ V_rest: '-65 mV', V_th: th, V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: o.reset ?? 'hard' });
  return {
    simulation: { dt: o.dt ?? '1 ms', duration: '50 ms', seed: o.seed ?? 7, backend: 'typed' },
    nodes: [
      { id: 'in', kind: 'population', model: 'SpikeTimes', size: o.nIn, params: { times: '0 ms', indices: 0 } },
      { id: 'hid', kind: 'population', model: 'LIF', size: o.nHidden, params: lif(), init: { V: '-65 mV' }, ...(o.trainTau ? { trainable: ['tau' as const] } : {}) },
      { id: 'out', kind: 'population', model: 'LIF', size: o.nOut, params: lif(o.outThreshold), init: { V: '-65 mV' } },
      { id: 'in->hid', kind: 'projection', conn: { rule: 'all_to_all' }, weight: { dist: 'normal', mean: '0.5 nA', std: `${o.wIn ?? 2} nA` }, synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, trainable: true },
      { id: 'hid->out', kind: 'projection', conn: { rule: 'all_to_all' }, weight: { dist: 'normal', mean: '0.2 nA', std: `${o.wOut ?? 1} nA` }, synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, trainable: true },
    ],
    wires: [
      { from: 'in', to: 'in->hid' }, { from: 'in->hid', to: 'hid' },
      { from: 'hid', to: 'hid->out' }, { from: 'hid->out', to: 'out' },
    ],
    training: {
      task: o.task, input: 'in', readout: { population: 'out', kind: o.readout ?? 'count' },
      epochs: o.epochs ?? 5, batchSize: o.batchSize ?? 32, learningRate: o.learningRate ?? 5e-3, slope: 1, validation: 0.15, test: 0.2, patience: 5,
    },
  };
}
