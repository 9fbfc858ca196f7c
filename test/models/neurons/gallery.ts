/**
 * The Izhikevich firing-pattern gallery (resources/examples/izhikevich-gallery.snn): the four
 * cortical cell types of Izhikevich (2003), Fig. 2, side by side under the same current step.
 * The file is generated from this definition (npx tsx test/models/neurons/writeGallery.ts).
 */
import type { DocumentInput } from '../../../src/shared/document';

/** a, b (per ms), c (mV), d (mV/ms) of each cell type: Izhikevich (2003), Fig. 2 caption. */
export const GALLERY_CELLS = {
  RS: { a: '0.02 /ms', b: '0.2 /ms', c: '-65 mV', d: 8 },
  IB: { a: '0.02 /ms', b: '0.2 /ms', c: '-55 mV', d: 4 },
  CH: { a: '0.02 /ms', b: '0.2 /ms', c: '-50 mV', d: 2 },
  FS: { a: '0.1 /ms', b: '0.2 /ms', c: '-65 mV', d: 2 },
} as const;

export const GALLERY_STEP = { amplitude: '10 nA', start: '50 ms', stop: '450 ms' } as const;

const names = Object.keys(GALLERY_CELLS) as (keyof typeof GALLERY_CELLS)[];

export const izhikevichGallery: DocumentInput = {
  meta: {
    title: 'Izhikevich firing-pattern gallery',
    description: [
      'Four Izhikevich neurons, one per cortical cell type of Izhikevich (2003), receive the same 10 nA current step from 50 to 450 ms. Only the four numbers a, b, c and d differ, and each cell answers with its own pattern. Look at the raster and the four V traces.',
      'RS (regular spiking, a = 0.02/ms, d = 8): the first interval is short and later ones lengthen, because every spike adds d to the slow recovery variable u (spike-frequency adaptation). IB (intrinsically bursting, c = -55 mV, d = 4): a burst of three spikes at the onset, then single spikes. CH (chattering, c = -50 mV, d = 2): repeated bursts of a few spikes 2 ms apart, separated by about 45 ms. FS (fast spiking, a = 0.1/ms): u recovers quickly, so the cell fires at over 100 Hz without slowing down.',
      'Units: the model follows the paper with V in mV and t in ms; the input enters as I/C with C = 1 nF, so 10 nA is the paper\'s I = 10. Every cell starts at rest (V = -70 mV, u = b·V = -14 mV/ms).',
      'Try it: change d of RS from 8 to 2 and the adaptation almost disappears; raise c of RS to -50 mV and it starts to burst.',
    ].join('\n\n'),
  },
  simulation: { dt: '0.1 ms', duration: '500 ms', seed: 1 },
  nodes: [
    { id: 'step', kind: 'input', model: 'step', position: [0, 280], params: { ...GALLERY_STEP } },
    ...names.map((id, k) => ({
      id, kind: 'population' as const, model: 'Izhikevich', size: 1, position: [260, 190 * k] as [number, number],
      params: { ...GALLERY_CELLS[id], V_th: '30 mV', C: '1 nF' }, init: { V: '-70 mV', u: -14 },
    })),
    { id: 'spikes', kind: 'monitor', record: 'spikes', position: [800, 280] },
    ...names.map((id, k) => ({ id: `V ${id}`, kind: 'monitor' as const, record: 'state' as const, variables: ['V'], neurons: [0], position: [540, 190 * k] as [number, number] })),
  ],
  wires: [
    ...names.map((id) => ({ from: 'step', to: id })),
    ...names.map((id) => ({ from: id, to: 'spikes' })),
    ...names.map((id) => ({ from: id, to: `V ${id}` })),
  ],
};
