/**
 * Warm-up before the first run: build, instantiate and run a tiny network once, so the code a
 * first Run needs (document checks, connectivity, the typed backend and its WebAssembly module,
 * monitors) is loaded and compiled while the user is still reading the network. The renderer asks
 * for it (`warm-up`) when the app is idle after start; results are thrown away.
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

/** Run the tiny network once; returns the steps it ran (0 if it could not be built, which only a broken build would cause). */
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
