/** A bundled neuron model as data: its name and its spec text (parsed and checked by compileSpec). */
export interface NeuronSpecSource {
  /** The catalogue name (src/shared/catalog) this spec describes. */
  readonly name: string;
  readonly source: string;
}
