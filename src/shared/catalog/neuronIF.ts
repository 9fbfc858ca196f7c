/**
 * Integrate-and-fire neurons with a spike-initiation nonlinearity or adaptation, after
 * brainpy.state (brainpy_state/_brainpy/lif.py): ExpIF, ExpIFRef, AdExIF, AdExIFRef, QuaIF, ALIF.
 * Defaults are BrainPy's (R = 1 Ω, "normalised" units, so nA inputs do nothing); palette presets
 * use physically consistent values instead (R = 10–100 MΩ), as the LIF preset does.
 */
import type { ChoiceSpec, ModelSpec, ParamSpec, StateSpec } from './types';

const p = (name: string, dim: ParamSpec['dim'], def: string | number, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec =>
  ({ name, dim, default: def, doc, perNeuron: true, ...extra });

const R = p('R', 'resistance', '1 ohm', 'Membrane resistance: a current I pushes V by R·I.', { positive: true });
const tau = (def: string): ParamSpec => p('tau', 'time', def, 'Membrane time constant (R·C).', { positive: true, timeConstant: true });
const V_rest = (def: string): ParamSpec => p('V_rest', 'voltage', def, 'Resting potential: V relaxes towards it without input.');
const V_reset = (def: string): ParamSpec => p('V_reset', 'voltage', def, 'Potential V is reset to after a spike.');
const tauRef = (def: string): ParamSpec => p('tau_ref', 'time', def, 'Refractory period: V (and w) are held after a spike.', { nonNegative: true });
const V_T = p('V_T', 'voltage', '-59.9 mV', 'Soft threshold: where the exponential upswing takes over from the leak.');
const delta_T = p('delta_T', 'voltage', '3.48 mV', 'Slope factor: how sharp the spike onset is (0 would be a hard threshold).', { positive: true });

/**
 * BrainPy's default is "soft". The exponential and quadratic upswings overshoot V_th by an
 * unbounded amount within one step, so the kernels clip V at V_th on the spike step; soft and
 * hard reset then both land on V_reset.
 */
const reset: ChoiceSpec = {
  name: 'reset', choices: ['soft', 'hard'], default: 'soft',
  doc: 'soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset. V is clipped at V_th on the spike step, so both land on V_reset.',
};

const V = (init: string): StateSpec => ({ name: 'V', dim: 'voltage', init, doc: 'Membrane potential.' });
const w: StateSpec = { name: 'w', dim: 'current', init: '0 nA', doc: 'Adaptation current (subtracted from the input).' };

const expEq = String.raw`\tau \frac{dV}{dt} = -(V - V_{rest}) + \Delta_T e^{(V - V_T)/\Delta_T} + R\,I(t)`;
const adexEq = String.raw`\begin{aligned}\tau \frac{dV}{dt} &= -(V - V_{rest}) + \Delta_T e^{(V - V_T)/\Delta_T} - R\,w + R\,I(t)\\ \tau_w \frac{dw}{dt} &= a\,(V - V_{rest}) - w\end{aligned},\quad V \ge V_{th} \Rightarrow V \leftarrow V_{reset},\ w \leftarrow w + b`;
const spikeReset = String.raw`,\quad V \ge V_{th} \Rightarrow V \leftarrow V_{reset}`;
const refNote = String.raw`,\ t - t_{spike} < \tau_{ref} \Rightarrow \text{held}`;

const expParams: readonly ParamSpec[] = [
  R, tau('10 ms'),
  p('V_th', 'voltage', '-30 mV', 'Numerical spike cut-off: once the upswing reaches it a spike is counted and V is reset.'),
  V_reset('-68 mV'), V_rest('-65 mV'), V_T, delta_T,
];

/** Physically consistent: rheobase (V_T - V_rest - ΔT)/R = 1.62 mV / 10 MΩ = 0.16 nA. */
const expPreset = { R: '10 MOhm', tau: '10 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_T: '-59.9 mV', delta_T: '3.48 mV', reset: 'hard' } as const;

export const ExpIF: ModelSpec = {
  family: 'neuron',
  name: 'ExpIF',
  title: 'Exponential integrate-and-fire',
  doc: 'A LIF neuron whose spike starts by itself: near the soft threshold V_T an exponential term takes over from the leak and V runs away upwards within a millisecond, like a real sodium spike onset. delta_T sets how sharp that onset is. The spike is counted when V reaches the cut-off V_th, and V is reset to V_reset. Below the rheobase (V_T - V_rest - delta_T)/R the neuron settles without firing.',
  equations: expEq + spikeReset,
  params: expParams,
  choices: [reset],
  state: [V('-65 mV')],
  preset: expPreset,
};

export const ExpIFRef: ModelSpec = {
  ...ExpIF,
  name: 'ExpIFRef',
  title: 'ExpIF with refractory period',
  doc: `${ExpIF.doc} After each spike V is held at V_reset for tau_ref.`,
  equations: expEq + spikeReset + refNote,
  params: [...expParams, tauRef('1.7 ms')],
  preset: { ...expPreset, tau_ref: '2 ms' },
};

const adexParams: readonly ParamSpec[] = [
  R, tau('10 ms'),
  p('tau_w', 'time', '30 ms', 'Time constant of the adaptation current w.', { positive: true, timeConstant: true }),
  p('V_th', 'voltage', '-55 mV', 'Numerical spike cut-off: once the upswing reaches it a spike is counted and V is reset.'),
  V_reset('-68 mV'), V_rest('-65 mV'), V_T, delta_T,
  p('a', 'conductance', '1 S', 'Subthreshold adaptation: how strongly w follows V - V_rest (negative values make the neuron accelerate).'),
  p('b', 'current', '1 mA', 'Spike-triggered adaptation: w jumps by b at every spike.'),
];

/** Naud et al. (2008) "adapting": C = 200 pF, g_L = 12 nS (R = 83.3 MΩ, tau = 16.7 ms); fires for I ≳ 0.2 nA. */
const adexPreset = {
  R: '83.333 MOhm', tau: '16.667 ms', tau_w: '300 ms', V_th: '-40 mV', V_reset: '-58 mV', V_rest: '-70 mV',
  V_T: '-50 mV', delta_T: '2 mV', a: '2 nS', b: '0.06 nA', reset: 'hard',
} as const;

export const AdExIF: ModelSpec = {
  family: 'neuron',
  name: 'AdExIF',
  title: 'Adaptive exponential integrate-and-fire (AdEx)',
  doc: 'An ExpIF neuron with a second variable, the adaptation current w, that is subtracted from the input. Every spike adds b to w and w relaxes back with tau_w; a couples w to the voltage below threshold. With different a, b, tau_w and V_reset the same two equations fire tonically, adapt, burst at onset or burst regularly (Naud et al. 2008), which is why AdEx is a standard compact model of cortical cells.',
  equations: adexEq,
  params: adexParams,
  choices: [reset],
  state: [V('-65 mV'), w],
  preset: adexPreset,
};

export const AdExIFRef: ModelSpec = {
  ...AdExIF,
  name: 'AdExIFRef',
  title: 'AdEx with refractory period',
  doc: `${AdExIF.doc} After each spike V and w are held for tau_ref.`,
  equations: adexEq + refNote,
  params: [...adexParams, tauRef('1.7 ms')],
  preset: { ...adexPreset, tau_ref: '2 ms' },
};

export const QuaIF: ModelSpec = {
  family: 'neuron',
  name: 'QuaIF',
  title: 'Quadratic integrate-and-fire',
  doc: 'The membrane is pulled towards V_rest below the critical voltage V_c and pushed away from it above: the quadratic term makes V accelerate into a spike once input carries it past V_c, with no fixed threshold. The spike is counted at V_th and V is reset. The neuron starts firing when R·I exceeds c·(V_c - V_rest)²/4, at an arbitrarily low rate (type I excitability).',
  equations: String.raw`\tau \frac{dV}{dt} = c\,(V - V_{rest})(V - V_c) + R\,I(t)` + spikeReset,
  params: [
    R, tau('10 ms'),
    p('V_th', 'voltage', '-30 mV', 'Numerical spike cut-off: a spike is counted and V reset when V reaches it.'),
    V_reset('-68 mV'), V_rest('-65 mV'),
    p('V_c', 'voltage', '-50 mV', 'Critical voltage: above it V accelerates into a spike. Must be above V_rest.'),
    p('c', 'dimensionless', 0.07, 'Curvature of the quadratic term, per mV (BrainPy: 0.07 /mV).', { positive: true }),
  ],
  choices: [reset],
  state: [V('-65 mV')],
  /** Rheobase c (V_c - V_rest)^2 / 4 / R = 3.94 mV / 10 MΩ = 0.39 nA. */
  preset: { R: '10 MOhm', tau: '10 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_c: '-50 mV', c: 0.07, reset: 'hard' },
};

export const ALIF: ModelSpec = {
  family: 'neuron',
  name: 'ALIF',
  title: 'Adaptive LIF (moving threshold)',
  doc: 'A LIF neuron whose threshold rises after every spike: each spike adds 1 to the adaptation variable a, which decays with tau_a, and the neuron fires when V reaches V_th + beta·a. Under constant input the first spikes come fast and later ones slow down (spike-frequency adaptation); the long memory in a is what makes ALIF networks useful for learning tasks with delays.',
  equations: String.raw`\tau \frac{dV}{dt} = -(V - V_{rest}) + R\,I(t),\quad \tau_a \frac{da}{dt} = -a,\quad V \ge V_{th} + \beta a \Rightarrow V \leftarrow V_{reset},\ a \leftarrow a + 1`,
  params: [
    R, tau('5 ms'),
    p('tau_a', 'time', '100 ms', 'Time constant of the adaptation variable a.', { positive: true, timeConstant: true }),
    p('V_th', 'voltage', '1 mV', 'Threshold without adaptation.'),
    V_reset('0 mV'), V_rest('0 mV'),
    p('beta', 'voltage', '0.1 mV', 'How far each unit of a raises the threshold.'),
  ],
  choices: [{ name: 'reset', choices: ['soft', 'hard'], default: 'soft', doc: 'soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset.' }],
  state: [V('0 mV'), { name: 'a', dim: 'dimensionless', init: 0, doc: 'Adaptation variable: +1 per spike, decays with tau_a.' }],
  preset: { R: '10 MOhm', tau: '10 ms', tau_a: '200 ms', V_th: '-50 mV', V_reset: '-65 mV', V_rest: '-65 mV', beta: '2 mV', reset: 'hard' },
};
