import type { SpecSourceBase } from '../specSource';

/** A bundled plasticity rule as data: its name and its spec text (`plasticity Name`, parsed and checked by compileSpec). */
export type PlasticitySpecSource = SpecSourceBase;
