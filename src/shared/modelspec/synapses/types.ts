/** A bundled synapse model as data: its name and its spec text (`synapse Name`, parsed and checked by compileSpec). */
export interface SynapseSpecSource {
  /** The catalogue name (family "synapse") this spec describes. */
  readonly name: string;
  /** Place in the catalogue (palette and inspector lists), ascending; ties go by name. Steps of 10 leave room between two. */
  readonly order: number;
  /**
   * The engine and the exporters also know this model by name (Expon: its kernel is the decay
   * factor fused into the neuron loops and the generated WebAssembly, and every exporter writes it
   * natively). It is not recorded for getSpecModel. The others run and export from their spec.
   */
  readonly knownByName?: true;
  readonly source: string;
  /** Palette hint and inspector heading (else the source's first `#` line). */
  readonly title?: string;
  /** One paragraph a student understands (else the source's leading `#` lines). */
  readonly doc?: string;
  /** KaTeX for the inspector where a hand-set form reads better than the generated one. */
  readonly equations?: string;
  /** Parameters a projection gets when this synapse is chosen, as document values. */
  readonly preset?: Readonly<Record<string, string | number>>;
}
