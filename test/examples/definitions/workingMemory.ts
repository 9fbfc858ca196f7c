/**
 * Working memory: a persistent bump in a ring attractor, after Compte, Brunel, Goldman-Rakic &
 * Wang (2000), reduced. The engine's connectivity rules know nothing of distance, so the ring is
 * discretised: RING.clusters excitatory populations at equally spaced angles, with one projection
 * per pair of clusters whose weight falls off as a Gaussian of their ring distance.
 */
import type { DocumentInput } from '../../../src/shared/document';

type NodeIn = DocumentInput['nodes'][number];

export const RING = {
  clusters: 8,
  /** Excitatory neurons per cluster. */
  perCluster: 60,
  inhibitory: 120,
  /** Ring distances (in clusters) that get an E->E projection; farther pairs are not connected. */
  reach: 2,
  /** Width of the Gaussian of the weight over ring distance, clusters. */
  sigma: 1,
  /** E->E weight (NMDA, CUBA: the current when all receptors are open) within a cluster, nA; at distance d: wEE·exp(-d²/2σ²). */
  wEE: 0.072,
  pEE: 0.25,
  /** NMDA opening rate: 0.1 /ms instead of BrainPy's 2 /ms, so g saturates over tens of Hz, not after one spike. */
  nmdaAlpha1: '0.1 /ms',
  wEI: 0.03,
  pEI: 0.2,
  wIE: -0.04,
  pIE: 0.25,
  wII: -0.02,
  pII: 0.2,
  bgMean: '0.175 nA',
  bgSigma: '0.03 nA',
  /** Index of the cluster the cue drives. */
  cueCluster: 2,
  cue: { amplitude: '0.15 nA', start: '250 ms', stop: '500 ms' },
  duration: '2500 ms',
  seed: 3,
} as const;

export type RingParams = { -readonly [K in keyof typeof RING]: (typeof RING)[K] };

export const clusterId = (k: number): string => `E${k}`;
/** Angle of cluster k on the ring, degrees. */
export const clusterAngle = (k: number, clusters: number = RING.clusters): number => (360 * k) / clusters;

const neuron = { V_rest: '-70 mV', V_th: '-50 mV', V_reset: '-60 mV', tau: '20 ms', tau_ref: '2 ms', R: '100 MOhm', reset: 'hard' } as const;
const nA = (x: number): string => `${Number(x.toPrecision(4))} nA`;

function proj(id: string, p: number, w: number, synapse: { model: string } & Record<string, string>): NodeIn {
  return { id, kind: 'projection', conn: { rule: 'bernoulli', p }, weight: nA(w), synapse, output: { model: 'CUBA' } } as NodeIn;
}

export function workingMemory(over: Partial<RingParams> = {}): DocumentInput {
  const r = { ...RING, ...over };
  const nodes: NodeIn[] = [];
  const wires: Array<{ from: string; to: string }> = [];
  nodes.push({ id: 'background', kind: 'input', model: 'ou', params: { mean: r.bgMean, sigma: r.bgSigma, tau: '5 ms' } });
  nodes.push({ id: 'cue', kind: 'input', model: 'step', params: { ...r.cue } });
  for (let k = 0; k < r.clusters; k++) {
    nodes.push({ id: clusterId(k), kind: 'population', model: 'LIFRef', size: r.perCluster, params: { ...neuron }, init: { V: { dist: 'uniform', low: '-70 mV', high: '-55 mV' } } });
    wires.push({ from: 'background', to: clusterId(k) });
  }
  nodes.push({ id: 'I', kind: 'population', model: 'LIFRef', size: r.inhibitory, params: { ...neuron, tau: '10 ms', tau_ref: '1 ms' }, init: { V: { dist: 'uniform', low: '-70 mV', high: '-55 mV' } } });
  wires.push({ from: 'background', to: 'I' });
  wires.push({ from: 'cue', to: clusterId(r.cueCluster) });
  for (let k = 0; k < r.clusters; k++) {
    for (let d = -r.reach; d <= r.reach; d++) {
      const j = (k + d + r.clusters) % r.clusters;
      const id = `${clusterId(k)}->${clusterId(j)}`;
      nodes.push(proj(id, r.pEE, r.wEE * Math.exp(-(d * d) / (2 * r.sigma * r.sigma)), { model: 'NMDA', alpha1: r.nmdaAlpha1 }));
      wires.push({ from: clusterId(k), to: id }, { from: id, to: clusterId(j) });
    }
    nodes.push(proj(`${clusterId(k)}->I`, r.pEI, r.wEI, { model: 'Expon', tau: '5 ms' }));
    wires.push({ from: clusterId(k), to: `${clusterId(k)}->I` }, { from: `${clusterId(k)}->I`, to: 'I' });
    nodes.push(proj(`I->${clusterId(k)}`, r.pIE, r.wIE, { model: 'Expon', tau: '10 ms' }));
    wires.push({ from: 'I', to: `I->${clusterId(k)}` }, { from: `I->${clusterId(k)}`, to: clusterId(k) });
  }
  nodes.push(proj('I->I', r.pII, r.wII, { model: 'Expon', tau: '10 ms' }));
  wires.push({ from: 'I', to: 'I->I' }, { from: 'I->I', to: 'I' });
  nodes.push({ id: 'E spikes', kind: 'monitor', record: 'spikes' });
  nodes.push({ id: 'I spikes', kind: 'monitor', record: 'spikes' });
  for (let k = 0; k < r.clusters; k++) wires.push({ from: clusterId(k), to: 'E spikes' });
  wires.push({ from: 'I', to: 'I spikes' });
  return {
    meta: {
      title: 'Working memory · a bump in a ring attractor (Compte et al. 2000, reduced)',
      description: [
        `Spatial working memory after Compte, Brunel, Goldman-Rakic & Wang (2000), reduced: ${r.clusters * r.perCluster} excitatory LIF neurons on a ring and ${r.inhibitory} inhibitory ones. A cue of ${r.cue.amplitude} from ${r.cue.start} to ${r.cue.stop} drives the neurons at ${clusterAngle(r.cueCluster, r.clusters)}° (cluster ${clusterId(r.cueCluster)}). Look at the raster of "E spikes": after the cue ends, a bump of activity (about 30 Hz) stays at the cued place for the rest of the run while the rest of the ring is silent. The network remembers where the cue was.`,
        `The ring is discretised: the engine's connectivity rules have no notion of distance, so the ring is ${r.clusters} clusters E0..E${r.clusters - 1} of ${r.perCluster} neurons at ${360 / r.clusters}° steps, with one projection for each pair of clusters up to ${r.reach} apart. The weight falls off as a Gaussian of the ring distance d (in clusters): w = ${r.wEE} nA · exp(-d²/2) (${nA(r.wEE)}, ${nA(r.wEE * Math.exp(-0.5))}, ${nA(r.wEE * Math.exp(-2))} at d = 0, 1, 2). One inhibitory population I receives from every cluster and inhibits all of them alike, so only one bump can live at a time.`,
        `Recurrent excitation is slow and saturating, as in the paper: NMDA receptors (g closes with 1/beta1 = 100 ms) with the opening rate alpha1 = ${r.nmdaAlpha1} (BrainPy's default 2 /ms opens every receptor with one spike), so g grows with the presynaptic rate up to tens of Hz and then saturates. The slow synapse bridges the gaps between spikes; the saturation holds the bump at a moderate rate. The NMDA current enters as a current (CUBA, the weight is the current with all receptors open), without the magnesium block. A background of OU noise (${r.bgMean} ± ${r.bgSigma}) keeps the ring at a low spontaneous rate (below 1 Hz).`,
        'Try: delete the wire from "cue" and run: no bump forms, the low state is stable too (the network is bistable). Wire the cue to another cluster instead: the bump sits there. With E->E weights a sixth lower (0.06 nA within a cluster) the bump fades within two seconds. Run other seeds: sometimes the bump slides towards a neighbouring cluster; the ring has no preferred place, so noise makes the memory drift, as in the paper.',
      ].join('\n\n'),
    },
    simulation: { dt: '0.1 ms', duration: r.duration, seed: r.seed },
    nodes,
    wires,
  };
}
