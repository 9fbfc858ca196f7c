/**
 * Turn a ValueIR (scalar, per-neuron array, seeded distribution, linspace) into one number per
 * element. Backend-neutral: the typed and tfjs backends both resolve values here, so the same
 * seed gives the same initial state and weights on every backend.
 */
import type { ValueIR } from './ir';
import type { Rng } from './random';
import { fillLinspace } from '../shared/linspace';

/** The single value of a scalar ValueIR, or undefined when it varies per element. */
export function scalarOf(v: ValueIR): number | undefined {
  if (v.kind === 'scalar') return v.value;
  if (v.kind === 'array' && v.values.length === 1) return v.values[0];
  return undefined;
}

/** True when resolving `v` draws random numbers (so it needs a stream). */
export function isRandom(v: ValueIR): boolean {
  return v.kind === 'normal' || v.kind === 'uniform';
}

/**
 * Fill `out` (length n) with the values of `v`. Distributions draw from `rng` in element order;
 * an array must have n values (or one, broadcast). `what` names the value in error messages.
 */
export function fillValues(v: ValueIR, out: Float64Array | Float32Array, rng: Rng | null, what: string): void {
  const n = out.length;
  switch (v.kind) {
    case 'scalar':
      out.fill(v.value);
      return;
    case 'array':
      if (v.values.length === 1) out.fill(v.values[0]);
      else if (v.values.length === n) out.set(v.values);
      else throw new Error(`${what} has ${v.values.length} values but ${n} are needed (one per element, or a single value).`);
      return;
    case 'linspace':
      fillLinspace(v.from, v.to, out);
      return;
    case 'normal':
      if (!rng) throw new Error(`${what} is a normal distribution but no random stream was given.`);
      for (let i = 0; i < n; i++) out[i] = rng.gauss(v.mean, v.std);
      return;
    case 'uniform':
      if (!rng) throw new Error(`${what} is a uniform distribution but no random stream was given.`);
      for (let i = 0; i < n; i++) out[i] = rng.range(v.low, v.high);
      return;
  }
}

/** A new Float64Array of n values of `v` (see fillValues). */
export function resolveValues(v: ValueIR, n: number, rng: Rng | null, what: string): Float64Array {
  const out = new Float64Array(n);
  fillValues(v, out, rng, what);
  return out;
}

/** A new Float32Array of n values of `v` (per-synapse weights: half the memory). */
export function resolveValues32(v: ValueIR, n: number, rng: Rng | null, what: string): Float32Array {
  const out = new Float32Array(n);
  fillValues(v, out, rng, what);
  return out;
}

/**
 * Per-neuron values of a deterministic ValueIR (scalar, array of exactly `size`, linspace), e.g.
 * the amplitude of a constant input for an F-I curve; null for random draws (the backend makes
 * those) and for an array of another length.
 */
export function perNeuronValues(value: ValueIR, size: number): Float64Array | null {
  if (value.kind === 'normal' || value.kind === 'uniform') return null;
  if (value.kind === 'array' && value.values.length !== size) return null;
  return resolveValues(value, size, null, 'value');
}
