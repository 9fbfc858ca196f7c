/**
 * What the plots need from the build of the run they show: threshold and reset lines, from the
 * derived facts the engine sent with the run (the F-I sweep is shared/analysis's findSweep over
 * the same facts). Nothing here reads the document.
 */
import { commonLineValue, type DerivedFacts } from '../../shared/derivedFacts';

/**
 * V_th and V_reset (mV) of `population` for the plotted `neurons`: a line only where it is one
 * value for all of them and does not move (ALIF's threshold moves with its adaptation, so no
 * fixed line is drawn for it).
 */
export function thresholdLines(facts: DerivedFacts | null, population: string, neurons: ArrayLike<number>): { threshold?: number; reset?: number } {
  const f = facts?.find((p) => p.id === population);
  if (!f) return {};
  const threshold = commonLineValue(f.threshold, neurons);
  const reset = commonLineValue(f.reset, neurons);
  return { ...(threshold !== undefined ? { threshold } : {}), ...(reset !== undefined ? { reset } : {}) };
}
