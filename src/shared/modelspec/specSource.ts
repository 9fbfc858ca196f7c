/** What every bundled model's folder exports (neurons/types.ts, synapses/types.ts add their kind's facets): its name, place and spec text. */
export interface SpecSourceBase {
  /** The catalogue name this spec describes. */
  readonly name: string;
  /**
   * Place in the catalogue (palette and inspector lists), ascending; ties go by name. Bundled
   * models use steps of 10 so a new one can go between two.
   */
  readonly order: number;
  /** The engine or the exporters also know this model by name (see each kind's types). */
  readonly knownByName?: true;
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
  /** Parameters a node gets when this model is chosen, as document values (physically consistent). */
  readonly preset?: Readonly<Record<string, string | number>>;
}
