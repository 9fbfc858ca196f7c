import type { SpecSourceBase } from '../specSource';

/** A bundled neuron model as data: its name and its spec text (parsed and checked by compileSpec). */
export interface NeuronSpecSource extends SpecSourceBase {
  /**
   * The catalogue and the exporters also know this model by name (LIF ... HH: native BrainPy
   * classes, PyNEST models): it is in NEURON_SPECS and not recorded for getSpecModel. Every
   * model, these included, runs on kernels generated from its spec. A new model leaves it out and
   * exports from its spec only (SPEC_ONLY_NEURONS).
   */
  readonly knownByName?: true;
  /** How the BrainPy export writes this model (else it generates a class from the spec). */
  readonly brainpy?: BrainPyFacet;
}

/**
 * A native brainpy.state class with this model's equations, taking its parameters and states
 * under the spec's names, each in the unit of its dimension (mV, ms, nA, µS, MΩ, nF) unless
 * `units` names another ("perMV": 1/mV); or the reason the export refuses the model.
 */
export type BrainPyFacet =
  | {
    readonly class: string;
    readonly units?: Readonly<Record<string, 'perMV'>>;
    /** Where brainpy.state computes differently from SNN Studio: a warning the export attaches. */
    readonly caveat?: string;
  }
  | { readonly refused: string };
