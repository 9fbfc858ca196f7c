import type { SpecSourceBase } from '../specSource';

/** A bundled synapse model as data: its name and its spec text (`synapse Name`, parsed and checked by compileSpec). */
export interface SynapseSpecSource extends SpecSourceBase {
  /**
   * The engine and the exporters also know this model by name (Expon: its kernel is the decay
   * factor fused into the neuron loops and the generated WebAssembly, and every exporter writes it
   * natively). It is not recorded for getSpecModel. The others run and export from their spec.
   */
  readonly knownByName?: true;
}
