/**
 * The two-state receptor shared by AMPA and GABAa (BrainPy's AMPA and GABAa classes: one
 * equation, other defaults). Its own file, not a model folder, so neither folder depends on the other.
 */

/** The KaTeX of the two-state receptors (AMPA, GABAa). */
export const RECEPTOR_EQUATIONS = String.raw`\dot g = \alpha [T] (1 - g) - \beta g,\quad [T] = T \text{ for } T_{dur} \text{ after a spike}`;

/** The spec text of a two-state receptor with these defaults (AMPA, GABAa share it). */
export function receptorSource(name: string, alpha: string, T: string, T_dur: string): string {
  return `synapse ${name}
param alpha = ${alpha} (positive)  # Binding rate per mM of transmitter (e.g. "0.98 /ms").
param beta = 0.18 /ms (positive)  # Unbinding rate: g decays with 1/beta once the transmitter is gone.
param T = ${T} (nonnegative)  # Transmitter concentration during a release, mM.
param T_dur = ${T_dur} (positive)  # How long the transmitter stays after a spike.
pulse TT = T for T_dur  # Transmitter: T from the step a presynaptic spike arrives, for T_dur (BrainPy's TT).
dg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)  # Open fraction of the receptors (0..1), per presynaptic neuron.
output g  # The weight times the open fraction.
`;
}
