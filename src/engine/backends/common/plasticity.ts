/**
 * The constants of pair-based STDP as both backends read them from the IR (typed/plasticity.ts,
 * tfjs/plasticity.ts): trace decays per step and the bounds and amplitudes of the rule.
 */
import type { PlasticityIR } from '../../ir';

export interface StdpConstants {
  /** e^{-dt/tau_plus}: the pre trace's decay per step. */
  readonly ePre: number;
  /** e^{-dt/tau_minus}: the post trace's decay per step. */
  readonly ePost: number;
  /** Soft bounds (changes scale with the distance to the bound) or hard (clipped). */
  readonly soft: boolean;
  /** Weight bounds (the projection's weight unit). */
  readonly wMin: number;
  readonly wMax: number;
  /** Potentiation and depression amplitudes, as fractions of w_max. */
  readonly aPlus: number;
  readonly aMinus: number;
}

/** `dt` in ms. */
export function stdpConstants(p: PlasticityIR, dt: number): StdpConstants {
  return {
    ePre: Math.exp(-dt / p.params.tau_plus),
    ePost: Math.exp(-dt / p.params.tau_minus),
    soft: p.choices.bound === 'soft',
    wMin: p.params.w_min,
    wMax: p.params.w_max,
    aPlus: p.params.A_plus,
    aMinus: p.params.A_minus,
  };
}
