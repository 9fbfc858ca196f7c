import type { SpecSourceBase } from '../specSource';

/**
 * A bundled current input as data: its name and its spec text (`current Name`, then parameters
 * and the current `I = … : nA` as an expression of t and the parameters; inputs/compile.ts).
 */
export type InputSpecSource = SpecSourceBase;
