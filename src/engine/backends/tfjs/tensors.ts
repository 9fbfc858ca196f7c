/** Small helpers for tensors that outlive a step, and for parameters resolved like the typed backend. */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ValueIR } from '../../ir';
import { scalarOf } from '../../values';
import { paramArray } from '../common/params';

/**
 * A tensor kept across steps. set() keeps the new tensor (so the step's tidy does not free it)
 * and frees the one it replaces; this is the only place state tensors are released.
 */
export class Held {
  private t: Tensor | null = null;

  constructor(initial?: Tensor) {
    if (initial) this.set(initial);
  }

  get value(): Tensor {
    if (!this.t) throw new Error('A tfjs state tensor was used after the network was disposed.');
    return this.t;
  }

  set(next: Tensor): void {
    if (next === this.t) return;
    tf.keep(next);
    const old = this.t;
    this.t = next;
    old?.dispose();
  }

  dispose(): void {
    this.t?.dispose();
    this.t = null;
  }
}

/**
 * A parameter as a tensor: a scalar when the value is the same for every element (broadcast is
 * free in the kernels), else one float32 per element drawn exactly as the typed backend draws it
 * (stream (seed, purpose, owner, name)), so both backends see the same numbers up to float32.
 */
export function paramTensor(v: ValueIR, n: number, seed: number, owner: string, name: string, purpose = 'param'): Tensor {
  const s = scalarOf(v);
  if (s !== undefined) return tf.scalar(s);
  return tf.tensor1d(Float32Array.from(paramArray(v, n, seed, owner, name, purpose)));
}

/** A [n] tensor of `values`, or a scalar when they are all equal. */
export function compactTensor(values: Float64Array): Tensor {
  const first = values.length > 0 ? values[0] : 0;
  if (values.every((x) => x === first)) return tf.scalar(first);
  return tf.tensor1d(Float32Array.from(values));
}

/** Sum of tensors that may be null; null when all are. */
export function sumOrNull(parts: readonly (Tensor | null)[]): Tensor | null {
  let acc: Tensor | null = null;
  for (const p of parts) if (p) acc = acc ? tf.add(acc, p) : p;
  return acc;
}

/**
 * Below this |z|, exprel(z) = 1 + z/2 + z²/6 to float32 precision, and expm1(z)/z (which some
 * backends compute as exp(z) - 1) would lose digits.
 */
const EXPREL_SERIES = 1e-3;

/**
 * exprel(z) = (e^z - 1)/z elementwise, safe at z = 0: the series where |z| is small (the quotient,
 * NaN at 0, is computed everywhere but not selected there; fewer ops than guarding z first).
 */
export function exprel(z: Tensor): Tensor {
  const small = tf.less(tf.abs(z), EXPREL_SERIES);
  const series = tf.add(1, tf.mul(z, tf.add(0.5, tf.div(z, 6))));
  return tf.where(small, series, tf.div(tf.expm1(z), z));
}
