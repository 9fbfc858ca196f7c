/**
 * DualExpon (brainpy.state DualExpon): two exponentials started by each spike, g their normalised
 * difference. Both states are linear with constant coefficients, so "exact" steps them by their
 * propagator (engine/spec/linearSystem.ts), as BrainPy's exponential Euler does for this system.
 */
import type { SynapseSpecSource } from '../types';

export const DualExpon: SynapseSpecSource = {
  name: 'DualExpon', order: 20,
  title: 'Dual-exponential synapse',
  doc: 'A spike starts two exponentials, a fast rise and a slow decay; g is their difference, so it rises smoothly and then decays. As in BrainPy g = a·(g_decay − g_rise) with a = (tau_decay − tau_rise)/(tau_rise·tau_decay)·A, A making the bracket peak at 1: one spike of weight w peaks at w·a (a in 1/ms).',
  equations: String.raw`\tau_r \dot g_r = -g_r,\ \tau_d \dot g_d = -g_d,\ g = a\,(g_d - g_r),\quad g_r, g_d \leftarrow g_r + w, g_d + w \text{ on a spike}`,
  preset: { tau_decay: '10 ms', tau_rise: '1 ms' },
  source: `synapse DualExpon
param tau_decay = 10 ms  # Decay time constant.
param tau_rise = 1 ms  # Rise time constant (must differ from tau_decay; use Alpha for equal ones).
require tau_rise != tau_decay  # DualExpon needs tau_rise different from tau_decay (its normalisation divides by their difference); for equal time constants use the Alpha synapse.
# A_peak makes e^(-t/tau_decay) - e^(-t/tau_rise) peak at 1 (BrainPy's A); a is in 1/ms.
A_peak = tau_decay / (tau_decay - tau_rise) * (tau_rise / tau_decay) ** (tau_rise / (tau_rise - tau_decay)) : 1
a = (tau_decay - tau_rise) / (tau_rise * tau_decay) * A_peak : Hz
dg_rise/dt = -g_rise / tau_rise : 1 (exact)  # Rising exponential, in the weight's unit.
dg_decay/dt = -g_decay / tau_decay : 1 (exact)  # Decaying exponential, in the weight's unit.
on_pre g_rise += w; g_decay += w
output a * ms * (g_decay - g_rise)  # a·(g_decay − g_rise), a in 1/ms.
`,
};
