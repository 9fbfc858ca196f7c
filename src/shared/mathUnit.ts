/** The one mathjs unit parser the units modules share, built on first use. */
import { create, unitDependencies, type Unit } from 'mathjs';

/**
 * mathjs builds its unit parser (a typed function for every operation units need, matrices
 * included) when first asked, not on import: the largest single start-up cost of the command
 * line, which a usage error or a file that is not JSON never needs. With a bundler only the unit
 * parser's factories are included.
 */
let unitParser: ((text: string) => Unit) | null = null;
export function mathUnit(text: string): Unit {
  unitParser ??= create(unitDependencies).unit;
  return unitParser(text);
}
