/**
 * Closed forms about reaching threshold, written once: the voltage a constant input must lift a
 * neuron by (rheobase × R), V∞ and the LIF period. The build warns with them (a drive that never
 * reaches threshold) and the inspector shows them; both read the same formulas from here.
 * Units: mV, MΩ, nA, ms (MΩ · nA = mV).
 */

/** A parameter at the low or high end of its per-neuron range, internal units; undefined when absent. */
export type ParamAt = (name: string, end: 'lo' | 'hi') => number | undefined;

/** How far above V_rest a constant drive R·I must reach for the model to fire. */
export interface ThresholdGap {
  /** mV (rheobase × R). */
  readonly gap: number;
  /** The gap as a formula over the model's parameter names, for messages. */
  readonly formula: string;
  /** LIF family: V settles at V∞ = V_rest + R·I and the period has a closed form. */
  readonly lif: boolean;
}

const LIF_FAMILY = ['LIF', 'LIFRef', 'ALIF'];
const EXP_FAMILY = ['ExpIF', 'ExpIFRef'];

/**
 * The gap for the models where it has a closed form, taken at its smallest over the parameter
 * ranges; undefined for the others or when a parameter is missing.
 * LIF family: V_th − V_rest. ExpIF: V_T − V_rest − ΔT (the minimum of the exponential upswing).
 * QuaIF: c·(V_c − V_rest)²/4 (the depth of the quadratic's minimum).
 */
export function thresholdGap(model: string, p: ParamAt): ThresholdGap | undefined {
  const lo = (n: string) => p(n, 'lo');
  const hi = (n: string) => p(n, 'hi');
  const rest = hi('V_rest');
  if (rest === undefined) return undefined;
  if (LIF_FAMILY.includes(model)) {
    const th = lo('V_th');
    if (th !== undefined) return { gap: th - rest, formula: 'V_th − V_rest', lif: true };
  }
  if (EXP_FAMILY.includes(model)) {
    const [vt, dT] = [lo('V_T'), hi('delta_T')];
    if (vt !== undefined && dT !== undefined) return { gap: vt - rest - dT, formula: 'V_T − V_rest − delta_T', lif: false };
  }
  if (model === 'QuaIF') {
    const [c, vc] = [lo('c'), lo('V_c')];
    if (c !== undefined && vc !== undefined) return { gap: (c * (vc - rest) ** 2) / 4, formula: 'c·(V_c − V_rest)²/4', lif: false };
  }
  return undefined;
}

/** The least constant current that fires the neuron, nA: gap (mV) / R (MΩ). */
export function rheobase(gap: number, R: number): number {
  return gap / R;
}

/** Where a LIF's V settles under a constant current I (nA): V∞ = V_rest + R·I, mV. */
export function steadyVoltage(vRest: number, R: number, I: number): number {
  return vRest + R * I;
}

/**
 * The LIF period under a constant drive, ms, without refractoriness:
 * T = tau ln((R I + V_rest − V_reset) / (R I + V_rest − V_th)), written with `drive` = R·I and
 * `gap` = V_th − V_rest. Undefined when the drive never reaches threshold; 0 when the reset
 * already sits at or above threshold (a spike every step).
 */
export function lifPeriod(tau: number, drive: number, gap: number, vRest: number, vReset: number): number | undefined {
  if (!(drive > gap)) return undefined;
  const ratio = (drive + vRest - vReset) / (drive - gap);
  return ratio > 1 ? tau * Math.log(ratio) : 0;
}
