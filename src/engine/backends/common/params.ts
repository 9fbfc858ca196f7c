/** Per-element parameter arrays resolved from ValueIR, with their seeded streams. */
import type { ValueIR } from '../../ir';
import { streamFor } from '../../random';
import { fillValues, isRandom } from '../../values';

/**
 * Resolve `v` into a Float64Array of n values. A distribution draws from the stream
 * (seed, "param", owner, name), so re-resolving the same value gives the same numbers.
 */
export function paramArray(v: ValueIR, n: number, seed: number, owner: string, name: string, purpose = 'param'): Float64Array {
  const out = new Float64Array(n);
  fillValues(v, out, isRandom(v) ? streamFor(seed, purpose, owner, name) : null, `${owner}.${name}`);
  return out;
}

/** A parameter's value, or a readable Error when build left it out (build fills defaults). */
export function need(params: Readonly<Record<string, ValueIR>>, name: string, owner: string): ValueIR {
  const v = params[name];
  if (!v) throw new Error(`"${owner}" has no value for ${name}.`);
  return v;
}

/** The single number of a parameter that must be the same for all elements (e.g. a start time). */
export function scalarParam(v: ValueIR | undefined, fallback: number, owner: string, name: string): number {
  if (v === undefined) return fallback;
  if (v.kind === 'scalar') return v.value;
  if (v.kind === 'array' && v.values.length === 1) return v.values[0];
  throw new Error(`${owner}.${name} must be a single value, not one per neuron.`);
}
