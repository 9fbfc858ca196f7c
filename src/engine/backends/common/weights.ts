/**
 * A projection's weights as both backends draw them: one number when the value is one, else one
 * float32 per synapse in CSR order from the stream ("weight", projection id), so a seed gives the
 * same weights on every backend.
 */
import type { ProjectionIR, ValueIR } from '../../ir';
import { streamFor } from '../../random';
import { isRandom, resolveValues32, scalarOf } from '../../values';

/** The weight of every synapse (`weights` null) or one per synapse (nA for CUBA, µS for COBA, mV for Delta). */
export interface ResolvedWeights {
  readonly weight: number;
  readonly weights: Float32Array | null;
}

export function resolveWeights(p: ProjectionIR, w: ValueIR, synapses: number, seed: number): ResolvedWeights {
  const scalar = scalarOf(w);
  if (scalar !== undefined) return { weight: scalar, weights: null };
  const rng = isRandom(w) ? streamFor(seed, 'weight', p.id) : null;
  return { weight: 0, weights: resolveValues32(w, synapses, rng, `${p.id}.weight`) };
}

/** A delay must be a whole number of steps >= 0 (build makes it so; a hand-made IR may not). */
export function checkDelay(p: ProjectionIR): void {
  if (!Number.isInteger(p.delaySteps) || p.delaySteps < 0) throw new Error(`Projection "${p.id}" has a delay of ${p.delaySteps} steps; it must be a whole number >= 0.`);
}
