/**
 * Facts the build derives from a document beside the IR, for the plots and the inspector, so
 * they do not re-derive them from the document: the voltage plot's threshold and reset lines,
 * rheobase and V∞, and the per-neuron constant drive of a sweep. They travel in the protocol's
 * `problems` (validate, compile, run) and `started` events. Units: mV, nA.
 */

/**
 * A horizontal line of the voltage plot, mV: one value for all neurons, or one per neuron (a
 * parameter given per neuron or as a linspace). `moving` marks a threshold that moves with a
 * state variable (ALIF: V_th + beta·a(t)); then `mV` is its resting value (a = 0) and
 * `scale` (mV per unit of the state) says how far one unit of that state lifts it.
 */
export interface VoltageLine {
  readonly mV: number | Float64Array;
  readonly moving?: { readonly state: string; readonly scale: number | Float64Array };
}

/** Derived facts of one population (a neuron group; sources have none). */
export interface PopulationFacts {
  readonly id: string;
  /** Absent where the model has no voltage threshold parameter, or it is drawn at random per neuron. */
  readonly threshold?: VoltageLine;
  readonly reset?: VoltageLine;
  /**
   * The least constant current that fires the model, nA, at its smallest over the parameter's
   * ranges, with its formula over the model's parameter names; where the model has a closed form.
   */
  readonly rheobase?: { readonly nA: number; readonly formula: string };
  /**
   * Constant current wired in (sum of the constant inputs), nA: one value for all neurons or per neuron; their ids and how many
   * other (varying) inputs are wired to it. Absent when an amplitude is random per neuron.
   */
  readonly constantDrive?: { readonly nA: number | Float64Array; readonly inputs: readonly string[]; readonly others: number };
  /** Where V settles under the constant drive (LIF family, V_rest + R·I), mV: one value for all neurons, or per neuron. */
  readonly vInf?: number | Float64Array;
  /**
   * The membrane of a model with a rheobase, when its parameters are one value for all neurons:
   * tau (ms), R (MΩ), tau_ref (ms, 0 without one).
   */
  readonly membrane?: { readonly tau: number; readonly R: number; readonly tauRef: number };
  /**
   * LIF family with one constant drive for all neurons: the period it alone gives, ms (tau_ref
   * included), or null when it never reaches threshold.
   */
  readonly period?: number | null;
}

/** The facts of a build, per population id in document order. */
export type DerivedFacts = readonly PopulationFacts[];

/** Neuron `k`'s value of a fact given as one number for all neurons or one per neuron. */
export function valueAt(value: number | Float64Array, k: number): number {
  return typeof value === 'number' ? value : value[k]!;
}

/** The value of `line` for neuron `k` (its resting value for a moving line). */
export function lineAt(line: VoltageLine, k: number): number {
  return valueAt(line.mV, k);
}

/**
 * The one value a fixed line takes for every one of `neurons`, or undefined when it differs
 * between them or moves (a single horizontal line would then be wrong).
 */
export function commonLineValue(line: VoltageLine | undefined, neurons: ArrayLike<number>): number | undefined {
  if (!line || line.moving) return undefined;
  if (typeof line.mV === 'number') return line.mV;
  if (neurons.length === 0) return undefined;
  const v = lineAt(line, neurons[0]!);
  for (let i = 1; i < neurons.length; i++) if (lineAt(line, neurons[i]!) !== v) return undefined;
  return v;
}
