/**
 * Hodgkin–Huxley after brainpy.state hh.py, the one definition every backend's kernel is
 * generated or interpreted from: every state by exponential Euler with the others frozen at
 * their values before the step ("order simultaneous"), which is Brian2's exponential_euler (V
 * too: brainpy.state's dV ignores its argument, so its V step is forward Euler, unstable at
 * dt = 0.1 ms); a spike is an upward crossing of V_th (BrainPy 2's HH rule); no reset. BrainPy's conductances and capacitance (120 mS, 1 µF, inputs
 * in µA) describe a 1 cm² patch; here they are the same numbers in µS, nF and nA (a 0.001 cm²
 * cell), so the dynamics are identical and x nA here acts like BrainPy's x µA. The gates start at
 * their steady state for V = -65 mV (BrainPy's m_inf, h_inf, n_inf).
 */
import type { NeuronSpecSource } from '../types';

export const HH: NeuronSpecSource = {
  name: 'HH', order: 70, knownByName: true,
  title: 'Hodgkin–Huxley',
  doc: 'The original conductance-based model of the action potential: sodium channels (activation m, inactivation h) and potassium channels (activation n) open and close with voltage-dependent rates, and the spike is the result, not a rule. There is no reset: a spike is counted each time V crosses V_th upwards. It needs a small time step (dt ≤ 0.05 ms); above the rheobase (about 4.1 nA with these defaults, for a current switched on at rest) it fires repetitively, never slower than about 50 Hz (type II excitability).',
  // the textbook form: the generated one lists all six rate functions, too tall for the inspector
  equations: String.raw`\begin{aligned}C \frac{dV}{dt} &= -\bar g_{Na} m^3 h (V - E_{Na}) - \bar g_K n^4 (V - E_K) - g_L (V - E_L) + I(t)\\ \frac{dx}{dt} &= \alpha_x(V)(1 - x) - \beta_x(V)\,x,\quad x \in \{m, h, n\}\end{aligned}`,
  preset: { ENa: '50 mV', gNa: '120 uS', EK: '-77 mV', gK: '36 uS', EL: '-54.387 mV', gL: '0.03 uS', V_th: '20 mV', C: '1 nF' },
  brainpy: {
    class: 'HH',
    caveat: 'brainpy.state counts a spike in every step with V >= V_th (SNN Studio: each upward crossing) and integrates V by forward Euler (SNN Studio: exponential Euler), so use dt <= 0.01 ms there.',
  },
  source: `model HH
param ENa = 50 mV  # Sodium reversal potential.
param gNa = 120 uS (nonnegative)  # Maximal sodium conductance.
param EK = -77 mV  # Potassium reversal potential.
param gK = 36 uS (nonnegative)  # Maximal potassium conductance.
param EL = -54.387 mV  # Leak reversal potential.
param gL = 0.03 uS (nonnegative)  # Leak conductance.
param V_th = 20 mV  # A spike is counted when V crosses this upwards.
param C = 1 nF  # Membrane capacitance.
input I : nA  # External plus synaptic current.
am = 1/ms / exprel(-(V + 40 mV)/(10 mV)) : Hz
bm = 4/ms * exp(-(V + 65 mV)/(18 mV)) : Hz
ah = 0.07/ms * exp(-(V + 65 mV)/(20 mV)) : Hz
bh = 1/ms / (1 + exp(-(V + 35 mV)/(10 mV))) : Hz
an = 0.1/ms / exprel(-(V + 55 mV)/(10 mV)) : Hz
bn = 0.125/ms * exp(-(V + 65 mV)/(80 mV)) : Hz
dV/dt = (gNa*m**3*h*(ENa - V) + gK*n**4*(EK - V) + gL*(EL - V) + I) / C : mV (exponential_euler)  # Membrane potential.
dm/dt = am*(1 - m) - bm*m : 1 (exponential_euler)  # Sodium activation (0–1).
dh/dt = ah*(1 - h) - bh*h : 1 (exponential_euler)  # Sodium inactivation (0–1).
dn/dt = an*(1 - n) - bn*n : 1 (exponential_euler)  # Potassium activation (0–1).
init V = -65 mV
init m = 0.052932
init h = 0.596121
init n = 0.317677
threshold V >= V_th (rising)
order simultaneous
`,
};
