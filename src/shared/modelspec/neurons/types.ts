/** A bundled neuron model as data: its name and its spec text (parsed and checked by compileSpec). */
export interface NeuronSpecSource {
  /** The catalogue name (src/shared/catalog) this spec describes. */
  readonly name: string;
  readonly source: string;
  /** Palette hint and inspector heading (else the source's first `#` line). */
  readonly title?: string;
  /** One paragraph a student understands (else the source's leading `#` lines). */
  readonly doc?: string;
  /**
   * KaTeX for the inspector where a hand-set form reads better than the one generated from the
   * equations (specLatex), e.g. without the unit bookkeeping of `V/mV`; else generated.
   */
  readonly equations?: string;
  /** Parameters a node dropped from the palette gets, as document values (physically consistent). */
  readonly preset?: Readonly<Record<string, string | number>>;
}
