/**
 * Decision making: two selective excitatory populations compete through a shared inhibitory pool,
 * after Wang (2002), reduced. Coherence c tilts the stimulus: A gets I_stim·(1 + c), B I_stim·(1 − c).
 */
import type { DocumentInput } from '../../../src/shared/document';

type NodeIn = DocumentInput['nodes'][number];

export const DECISION = {
  /** Neurons per selective population. */
  selective: 80,
  inhibitory: 60,
  /** Recurrent excitation within a selective population (NMDA, CUBA; full conductance as a current), nA. */
  wSelf: 0.065,
  pSelf: 0.25,
  /** Excitation from one selective population to the other, nA. */
  wCross: 0.02,
  pCross: 0.25,
  nmdaAlpha1: '0.1 /ms',
  wEI: 0.02,
  pEI: 0.25,
  wIE: -0.05,
  pIE: 0.25,
  wII: -0.02,
  pII: 0.2,
  bgMean: '0.165 nA',
  bgSigma: '0.06 nA',
  /** Mean stimulus current to each selective population, nA. */
  stim: 0.05,
  /** Stimulus coherence, 0..1: A gets stim·(1 + c), B stim·(1 − c). */
  coherence: 0.256,
  stimStart: '200 ms',
  stimStop: '1200 ms',
  duration: '1500 ms',
  seed: 1,
} as const;

export type DecisionParams = { -readonly [K in keyof typeof DECISION]: (typeof DECISION)[K] };

const neuron = { V_rest: '-70 mV', V_th: '-50 mV', V_reset: '-60 mV', tau: '20 ms', tau_ref: '2 ms', R: '100 MOhm', reset: 'hard' } as const;
const init = { V: { dist: 'uniform', low: '-70 mV', high: '-55 mV' } } as const;
const nA = (x: number): string => `${Number(x.toPrecision(4))} nA`;

function proj(id: string, p: number, w: number, synapse: { model: string } & Record<string, string>): NodeIn {
  return { id, kind: 'projection', conn: { rule: 'bernoulli', p }, weight: nA(w), synapse, output: { model: 'CUBA' } } as NodeIn;
}

export function decisionMaking(over: Partial<DecisionParams> = {}): DocumentInput {
  const r = { ...DECISION, ...over };
  const nmda = { model: 'NMDA', alpha1: r.nmdaAlpha1 };
  const ampa = { model: 'Expon', tau: '5 ms' };
  const gaba = { model: 'Expon', tau: '10 ms' };
  const stim = (x: number): NodeIn => ({ id: '', kind: 'input', model: 'step', params: { amplitude: nA(x), start: r.stimStart, stop: r.stimStop } });
  const nodes: NodeIn[] = [
    { id: 'background', kind: 'input', model: 'ou', params: { mean: r.bgMean, sigma: r.bgSigma, tau: '5 ms' } },
    { ...stim(r.stim * (1 + r.coherence)), id: 'stimulus A' } as NodeIn,
    { ...stim(r.stim * (1 - r.coherence)), id: 'stimulus B' } as NodeIn,
    { id: 'A', kind: 'population', model: 'LIFRef', size: r.selective, params: { ...neuron }, init },
    { id: 'B', kind: 'population', model: 'LIFRef', size: r.selective, params: { ...neuron }, init },
    { id: 'I', kind: 'population', model: 'LIFRef', size: r.inhibitory, params: { ...neuron, tau: '10 ms', tau_ref: '1 ms' }, init },
    proj('A->A', r.pSelf, r.wSelf, nmda),
    proj('B->B', r.pSelf, r.wSelf, nmda),
    proj('A->B', r.pCross, r.wCross, nmda),
    proj('B->A', r.pCross, r.wCross, nmda),
    proj('A->I', r.pEI, r.wEI, ampa),
    proj('B->I', r.pEI, r.wEI, ampa),
    proj('I->A', r.pIE, r.wIE, gaba),
    proj('I->B', r.pIE, r.wIE, gaba),
    proj('I->I', r.pII, r.wII, gaba),
    { id: 'spikes', kind: 'monitor', record: 'spikes' },
    { id: 'rates', kind: 'monitor', record: 'rate' },
  ];
  const via = (pre: string, p: string, post: string) => [{ from: pre, to: p }, { from: p, to: post }];
  const wires = [
    { from: 'background', to: 'A' }, { from: 'background', to: 'B' }, { from: 'background', to: 'I' },
    { from: 'stimulus A', to: 'A' }, { from: 'stimulus B', to: 'B' },
    ...via('A', 'A->A', 'A'), ...via('B', 'B->B', 'B'), ...via('A', 'A->B', 'B'), ...via('B', 'B->A', 'A'),
    ...via('A', 'A->I', 'I'), ...via('B', 'B->I', 'I'), ...via('I', 'I->A', 'A'), ...via('I', 'I->B', 'B'), ...via('I', 'I->I', 'I'),
    { from: 'A', to: 'spikes' }, { from: 'B', to: 'spikes' }, { from: 'I', to: 'spikes' },
    { from: 'A', to: 'rates' }, { from: 'B', to: 'rates' },
  ];
  return {
    meta: {
      title: 'Decision making · two populations compete (Wang 2002, reduced)',
      description: [
        `A perceptual decision after Wang (2002), reduced: two selective populations of ${r.selective} excitatory LIF neurons, A and B, each exciting itself strongly and the other weakly, and a shared pool of ${r.inhibitory} inhibitory neurons that both excite and that inhibits both. From ${r.stimStart} to ${r.stimStop} each gets a stimulus current; the coherence c tilts it: A gets ${r.stim} nA · (1 + c), B ${r.stim} nA · (1 − c). This file: c = ${r.coherence} (stimulus A ${nA(r.stim * (1 + r.coherence))}, B ${nA(r.stim * (1 - r.coherence))}).`,
        'Look at the raster and the rates: A, which gets more input, pulls ahead within a few hundred milliseconds and runs away (to about 60 Hz), while the shared inhibition pushes B back to a few Hz: winner-take-all. The winner keeps firing (40-60 Hz) after the stimulus ends, a memory of the choice. The decision takes a few hundred milliseconds, the time the slow NMDA excitation needs to build up: the network integrates the evidence before it commits.',
        'Try: set both stimuli to the same current (c = 0) and run with several seeds: A and B each win about half the time; the background noise decides. Tilt it slightly (c = 0.064: 0.0532 and 0.0468 nA) and A wins more often, at c = 0.256 nearly always. Over seeds 1 to 20, A won 10 times at c = 0, 15 at 0.064, 18 at 0.128 and all 20 at 0.256 and 0.512: accuracy rises with coherence like the psychometric curve of the monkeys in the random-dot task that the model was built for.',
        `Reductions: no non-selective population and no external Poisson input; OU noise (${r.bgMean} ± ${r.bgSigma}) stands in for the background. Recurrent excitation is NMDA (g closes with 100 ms) with the opening rate alpha1 = ${r.nmdaAlpha1} instead of BrainPy's 2 /ms, so that g saturates over tens of Hz; it enters as a current (CUBA, the weight is the current with all receptors open), without the magnesium block. The fast excitation onto the inhibitory pool is an exponential synapse of 5 ms (AMPA-like), inhibition 10 ms (GABA_A-like).`,
      ].join('\n\n'),
    },
    simulation: { dt: '0.1 ms', duration: r.duration, seed: r.seed },
    nodes,
    wires,
  };
}
