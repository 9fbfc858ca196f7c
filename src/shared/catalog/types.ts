/** Descriptions of the models a document can name: their parameters, units, defaults and docs. */
import type { DimensionName } from '../units';

export type Family = 'neuron' | 'source' | 'input' | 'synapse' | 'output' | 'conn' | 'plasticity';

/** A numeric parameter with its dimension. */
export interface ParamSpec {
  readonly name: string;
  readonly dim: DimensionName;
  /** Default as a document value ("-65 mV"); absent means required. */
  readonly default?: string | number;
  readonly doc: string;
  /** May be one value per neuron (array, distribution). */
  readonly perNeuron?: boolean;
  /** A list that is not per neuron (spike times). */
  readonly list?: boolean;
  /** Must be > 0. */
  readonly positive?: boolean;
  /** Must be >= 0. */
  readonly nonNegative?: boolean;
  /** Must be a whole number. */
  readonly integer?: boolean;
  /** A time constant that dt must resolve (warn if dt > tau / 10). */
  readonly timeConstant?: boolean;
  /** Extra bound, in internal units, e.g. a probability's max 1. */
  readonly max?: number;
}

/** A word-valued option, e.g. reset: soft | hard. */
export interface ChoiceSpec {
  readonly name: string;
  readonly choices: readonly string[];
  readonly default: string;
  readonly doc: string;
}

/** A recordable state variable. */
export interface StateSpec {
  readonly name: string;
  readonly dim: DimensionName;
  /** Initial value when the document gives none, as a document value or a parameter name ("V_rest"). */
  readonly init: string | number;
  readonly doc: string;
}

export interface ModelSpec {
  readonly family: Family;
  readonly name: string;
  readonly title: string;
  /** One paragraph a student understands. */
  readonly doc: string;
  /** LaTeX for the inspector. */
  readonly equations?: string;
  readonly params: readonly ParamSpec[];
  readonly choices?: readonly ChoiceSpec[];
  readonly state?: readonly StateSpec[];
  /**
   * Outputs, and synapses that bypass the output (Delta): the dimension of a projection's weight
   * and one line saying what a weight means here. Read through `projectionWeight`.
   */
  readonly weight?: { readonly dim: DimensionName; readonly doc: string };
  /** Parameters a new node dropped from the palette gets (sensible, physically consistent). */
  readonly preset?: Readonly<Record<string, string | number>>;
}
