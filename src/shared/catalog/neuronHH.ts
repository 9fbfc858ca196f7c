/**
 * Hodgkin–Huxley (1952) squid axon after brainpy.state (brainpy_state/_brainpy/hh.py): the same
 * rate functions and reversal potentials. BrainPy's conductances and capacitance (120 mS, 1 µF,
 * inputs in µA) describe a 1 cm² patch; the defaults here are the same numbers in µS, nF and nA
 * (a 0.001 cm² cell), so the dynamics are identical and x nA here acts like BrainPy's x µA.
 */
import type { ModelSpec, ParamSpec } from './types';

const p = (name: string, dim: ParamSpec['dim'], def: string, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec =>
  ({ name, dim, default: def, doc, perNeuron: true, ...extra });

const gate = (name: string, init: number, doc: string) => ({ name, dim: 'dimensionless', init, doc }) as const;

export const HH: ModelSpec = {
  family: 'neuron',
  name: 'HH',
  title: 'Hodgkin–Huxley',
  doc: 'The original conductance-based model of the action potential: sodium channels (activation m, inactivation h) and potassium channels (activation n) open and close with voltage-dependent rates, and the spike is the result, not a rule. There is no reset: a spike is counted each time V crosses V_th upwards. It needs a small time step (dt ≤ 0.05 ms); above the rheobase (about 4.1 nA with these defaults, for a current switched on at rest) it fires repetitively, never slower than about 50 Hz (type II excitability).',
  equations: String.raw`\begin{aligned}C \frac{dV}{dt} &= -\bar g_{Na} m^3 h (V - E_{Na}) - \bar g_K n^4 (V - E_K) - g_L (V - E_L) + I(t)\\ \frac{dx}{dt} &= \alpha_x(V)(1 - x) - \beta_x(V)\,x,\quad x \in \{m, h, n\}\end{aligned}`,
  params: [
    p('ENa', 'voltage', '50 mV', 'Sodium reversal potential.'),
    p('gNa', 'conductance', '120 uS', 'Maximal sodium conductance.', { nonNegative: true }),
    p('EK', 'voltage', '-77 mV', 'Potassium reversal potential.'),
    p('gK', 'conductance', '36 uS', 'Maximal potassium conductance.', { nonNegative: true }),
    p('EL', 'voltage', '-54.387 mV', 'Leak reversal potential.'),
    p('gL', 'conductance', '0.03 uS', 'Leak conductance.', { nonNegative: true }),
    p('V_th', 'voltage', '20 mV', 'A spike is counted when V crosses this upwards.'),
    p('C', 'capacitance', '1 nF', 'Membrane capacitance.', { positive: true }),
  ],
  // Gating variables start at their steady state for V = -65 mV (BrainPy's m_inf, h_inf, n_inf).
  state: [
    { name: 'V', dim: 'voltage', init: '-65 mV', doc: 'Membrane potential.' },
    gate('m', 0.052932, 'Sodium activation (0–1).'),
    gate('h', 0.596121, 'Sodium inactivation (0–1).'),
    gate('n', 0.317677, 'Potassium activation (0–1).'),
  ],
  preset: { ENa: '50 mV', gNa: '120 uS', EK: '-77 mV', gK: '36 uS', EL: '-54.387 mV', gL: '0.03 uS', V_th: '20 mV', C: '1 nF' },
};
