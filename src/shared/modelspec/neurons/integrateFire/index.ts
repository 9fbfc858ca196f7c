/**
 * ExpIF, AdExIF, QuaIF (and refractory variants) and ALIF, after brainpy.state lif.py; every
 * backend's kernel is generated or interpreted from these specs. V by one exponential-Euler
 * step with J = df/dV (a voltage jump of the step added to it), clipped at V_th (our documented
 * choice: the exponential or quadratic upswing overshoots by tens of volts within one step at
 * dt = 0.1 ms; clipping keeps the trace readable, makes a soft reset land on V_reset like a hard
 * one and keeps w from integrating the overshoot; Brian2 resets within the step, so it never
 * sees the overshoot either); then w (AdEx) or a (ALIF) by its exact step using the new V
 * ("order sequential"). Defaults are BrainPy's (R = 1 Ω, "normalised"
 * units, so nA inputs do nothing); palette presets use physically consistent values instead
 * (R = 10–100 MΩ), as the LIF preset does.
 */
import type { BrainPyFacet, NeuronSpecSource } from '../types';

/** brainpy.state keeps the upswing's overshoot where the kernels clip it. */
const clipCaveat = 'SNN Studio clips V at V_th on the spike step; brainpy.state keeps the overshoot, which a soft reset and the adaptation current w carry into the next steps. Use reset "hard" for the closest match.';
const brainpy = (name: string): BrainPyFacet => ({ class: name, caveat: clipCaveat });

const R = 'param R = 1 ohm (positive)  # Membrane resistance: a current I pushes V by R·I.';
const tau = (d: string): string => `param tau = ${d}  # Membrane time constant (R·C).`;
const V_rest = (d: string): string => `param V_rest = ${d}  # Resting potential: V relaxes towards it without input.`;
const V_reset = (d: string): string => `param V_reset = ${d}  # Potential V is reset to after a spike.`;
const V_T = 'param V_T = -59.9 mV  # Soft threshold: where the exponential upswing takes over from the leak.';
const delta_T = 'param delta_T = 3.48 mV  # Slope factor: how sharp the spike onset is (0 would be a hard threshold).';
const cutoff = (d: string): string => `param V_th = ${d}  # Numerical spike cut-off: once the upswing reaches it a spike is counted and V is reset.`;
const tauRef = 'param tau_ref = 1.7 ms  # Refractory period: V (and w) are held after a spike.\nrefractory tau_ref';
const clippedReset = `choice reset = soft | hard  # soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset. V is clipped at V_th on the spike step, so both land on V_reset.
threshold V >= V_th
reset [reset=soft] V -= V_th - V_reset
reset [reset=hard] V = V_reset`;

const expIF = `${R}
${tau('10 ms')}
${cutoff('-30 mV')}
${V_reset('-68 mV')}
${V_rest('-65 mV')}
${V_T}
${delta_T}
input I : nA  # External plus synaptic current.
dV/dt = (-(V - V_rest) + delta_T*exp((V - V_T)/delta_T) + R*I) / tau : mV (exponential_euler, max = V_th)  # Membrane potential.
init V = -65 mV
${clippedReset}
`;

const adex = `${R}
${tau('10 ms')}
param tau_w = 30 ms  # Time constant of the adaptation current w.
${cutoff('-55 mV')}
${V_reset('-68 mV')}
${V_rest('-65 mV')}
${V_T}
${delta_T}
param a = 1 S  # Subthreshold adaptation: how strongly w follows V - V_rest (negative values make the neuron accelerate).
param b = 1 mA  # Spike-triggered adaptation: w jumps by b at every spike.
input I : nA  # External plus synaptic current.
dV/dt = (-(V - V_rest) + delta_T*exp((V - V_T)/delta_T) - R*w + R*I) / tau : mV (exponential_euler, max = V_th)  # Membrane potential.
dw/dt = (a*(V - V_rest) - w) / tau_w : nA (exact)  # Adaptation current (subtracted from the input).
init V = -65 mV
init w = 0 nA
${clippedReset}
reset w += b
order sequential
`;

// Hand-set KaTeX: the generated form prints e^{(V - V_T)/ΔT} as a fraction in the exponent, too small to read.
const expEq = String.raw`\tau \frac{dV}{dt} = -(V - V_{rest}) + \Delta_T e^{(V - V_T)/\Delta_T} + R\,I(t)`;
const adexEq = String.raw`\begin{aligned}\tau \frac{dV}{dt} &= -(V - V_{rest}) + \Delta_T e^{(V - V_T)/\Delta_T} - R\,w + R\,I(t)\\ \tau_w \frac{dw}{dt} &= a\,(V - V_{rest}) - w\end{aligned},\quad V \ge V_{th} \Rightarrow V \leftarrow V_{reset},\ w \leftarrow w + b`;
const spikeReset = String.raw`,\quad V \ge V_{th} \Rightarrow V \leftarrow V_{reset}`;
const refNote = String.raw`,\ t - t_{spike} < \tau_{ref} \Rightarrow \text{held}`;

const expDoc = 'A LIF neuron whose spike starts by itself: near the soft threshold V_T an exponential term takes over from the leak and V runs away upwards within a millisecond, like a real sodium spike onset. delta_T sets how sharp that onset is. The spike is counted when V reaches the cut-off V_th, and V is reset to V_reset. Below the rheobase (V_T - V_rest - delta_T)/R the neuron settles without firing.';
/** Physically consistent: rheobase (V_T - V_rest - ΔT)/R = 1.62 mV / 10 MΩ = 0.16 nA. */
const expPreset = { R: '10 MOhm', tau: '10 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_T: '-59.9 mV', delta_T: '3.48 mV', reset: 'hard' } as const;

export const ExpIF: NeuronSpecSource = {
  name: 'ExpIF', order: 20, knownByName: true, title: 'Exponential integrate-and-fire', doc: expDoc, preset: expPreset, brainpy: brainpy('ExpIF'),
  equations: expEq + spikeReset,
  source: `model ExpIF\n${expIF}`,
};
export const ExpIFRef: NeuronSpecSource = {
  name: 'ExpIFRef', order: 21, knownByName: true, title: 'ExpIF with refractory period', doc: `${expDoc} After each spike V is held at V_reset for tau_ref.`,
  preset: { ...expPreset, tau_ref: '2 ms' }, brainpy: brainpy('ExpIFRef'),
  equations: expEq + spikeReset + refNote,
  source: `model ExpIFRef\n${expIF}${tauRef}\n`,
};

const adexDoc = 'An ExpIF neuron with a second variable, the adaptation current w, that is subtracted from the input. Every spike adds b to w and w relaxes back with tau_w; a couples w to the voltage below threshold. With different a, b, tau_w and V_reset the same two equations fire tonically, adapt, burst at onset or burst regularly (Naud et al. 2008), which is why AdEx is a standard compact model of cortical cells.';
/** Naud et al. (2008) "adapting": C = 200 pF, g_L = 12 nS (R = 83.3 MΩ, tau = 16.7 ms); fires for I ≳ 0.2 nA. */
const adexPreset = {
  R: '83.333 MOhm', tau: '16.667 ms', tau_w: '300 ms', V_th: '-40 mV', V_reset: '-58 mV', V_rest: '-70 mV',
  V_T: '-50 mV', delta_T: '2 mV', a: '2 nS', b: '0.06 nA', reset: 'hard',
} as const;

export const AdExIF: NeuronSpecSource = {
  name: 'AdExIF', order: 30, knownByName: true, title: 'Adaptive exponential integrate-and-fire (AdEx)', doc: adexDoc, preset: adexPreset, brainpy: brainpy('AdExIF'),
  equations: adexEq,
  source: `model AdExIF\n${adex}`,
};
export const AdExIFRef: NeuronSpecSource = {
  name: 'AdExIFRef', order: 31, knownByName: true, title: 'AdEx with refractory period', doc: `${adexDoc} After each spike V and w are held for tau_ref.`,
  preset: { ...adexPreset, tau_ref: '2 ms' }, brainpy: brainpy('AdExIFRef'),
  equations: adexEq + refNote,
  source: `model AdExIFRef\n${adex}${tauRef}\n`,
};

export const QuaIF: NeuronSpecSource = {
  name: 'QuaIF', order: 40, knownByName: true,
  title: 'Quadratic integrate-and-fire',
  doc: 'The membrane is pulled towards V_rest below the critical voltage V_c and pushed away from it above: the quadratic term makes V accelerate into a spike once input carries it past V_c, with no fixed threshold. The spike is counted at V_th and V is reset. The neuron starts firing when R·I exceeds c·(V_c - V_rest)²/4, at an arbitrarily low rate (type I excitability).',
  // the generated form carries the spec's "/mV" that keeps c a plain number
  equations: String.raw`\tau \frac{dV}{dt} = c\,(V - V_{rest})(V - V_c) + R\,I(t),\quad V \ge V_{th} \Rightarrow V \leftarrow V_{reset}`,
  /** Rheobase c (V_c - V_rest)^2 / 4 / R = 3.94 mV / 10 MΩ = 0.39 nA. */
  preset: { R: '10 MOhm', tau: '10 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_c: '-50 mV', c: 0.07, reset: 'hard' },
  // BrainPy's c carries its unit (0.07 /mV); the spec's is a plain number per mV
  brainpy: { class: 'QuaIF', units: { c: 'perMV' }, caveat: clipCaveat },
  source: `model QuaIF
${R}
${tau('10 ms')}
param V_th = -30 mV  # Numerical spike cut-off: a spike is counted and V reset when V reaches it.
${V_reset('-68 mV')}
${V_rest('-65 mV')}
param V_c = -50 mV  # Critical voltage: above it V accelerates into a spike. Must be above V_rest.
param c = 0.07 (positive)  # Curvature of the quadratic term, per mV (BrainPy: 0.07 /mV).
input I : nA  # External plus synaptic current.
dV/dt = (c*(V - V_rest)*(V - V_c)/mV + R*I) / tau : mV (exponential_euler, max = V_th)  # Membrane potential.
init V = -65 mV
${clippedReset}
`,
};

export const ALIF: NeuronSpecSource = {
  name: 'ALIF', order: 50, knownByName: true,
  title: 'Adaptive LIF (moving threshold)',
  doc: 'A LIF neuron whose threshold rises after every spike: each spike adds 1 to the adaptation variable a, which decays with tau_a, and the neuron fires when V reaches V_th + beta·a. Under constant input the first spikes come fast and later ones slow down (spike-frequency adaptation); the long memory in a is what makes ALIF networks useful for learning tasks with delays.',
  preset: { R: '10 MOhm', tau: '10 ms', tau_a: '200 ms', V_th: '-50 mV', V_reset: '-65 mV', V_rest: '-65 mV', beta: '2 mV', reset: 'hard' },
  brainpy: { class: 'ALIF' },
  source: `model ALIF
${R}
${tau('5 ms')}
param tau_a = 100 ms  # Time constant of the adaptation variable a.
param V_th = 1 mV  # Threshold without adaptation.
${V_reset('0 mV')}
${V_rest('0 mV')}
param beta = 0.1 mV  # How far each unit of a raises the threshold.
choice reset = soft | hard  # soft: V -= V_th - V_reset (BrainPy default); hard: V = V_reset.
input I : nA  # External plus synaptic current.
dV/dt = (-(V - V_rest) + R*I) / tau : mV (exact)  # Membrane potential.
da/dt = -a / tau_a : 1 (exact)  # Adaptation variable: +1 per spike, decays with tau_a.
init V = 0 mV
init a = 0
threshold V >= V_th + beta*a
reset [reset=soft] V -= V_th - V_reset
reset [reset=hard] V = V_reset
reset a += 1
order sequential
`,
};
