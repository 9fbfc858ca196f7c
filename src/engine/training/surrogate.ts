/**
 * The spike nonlinearity for surrogate-gradient training: forward the Heaviside step the
 * simulator uses (spike when V >= V_th), backward the SuperSpike / fast-sigmoid derivative
 * (Zenke & Ganguli 2018; Zenke & Vogels 2021): dS/dx = 1 / (slope·|x| + 1)², x = V - V_th in mV,
 * `slope` in 1/mV. A larger slope gives a narrower, taller surrogate.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** x -> 0/1 (x >= 0) with a surrogate derivative; x = V - V_th (mV). */
export type SpikeFn = (x: Tensor) => Tensor;

/** The surrogate derivative itself, 1 / (slope |x| + 1)² (dimensionless per mV of x). */
export function fastSigmoidDerivative(x: Tensor, slope: number): Tensor {
  return tf.tidy(() => tf.reciprocal(tf.square(tf.add(tf.mul(tf.abs(x), slope), 1))));
}

/** Heaviside forward, fast-sigmoid backward (the training nonlinearity). */
export function superSpike(slope: number): SpikeFn {
  if (!(slope > 0) || !Number.isFinite(slope)) throw new Error(`The surrogate slope must be a positive number per mV (got ${slope}).`);
  // customGrad's callback receives (...inputs, save); the cast keeps the one-input signature readable.
  return tf.customGrad(((x: Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return {
      value: tf.cast(tf.greaterEqual(x, 0), 'float32'),
      gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(dy, fastSigmoidDerivative(saved[0], slope)),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as SpikeFn;
}

/**
 * A smooth stand-in whose exact derivative is the surrogate: 0.5 + x / (slope |x| + 1), up to the
 * constant. Used only to check the BPTT graph against finite differences (the Heaviside forward
 * has zero derivative almost everywhere, so finite differences cannot see a surrogate).
 */
export function smoothSpike(slope: number): SpikeFn {
  return (x: Tensor) => tf.add(0.5, tf.div(x, tf.add(tf.mul(tf.abs(x), slope), 1)));
}

/** Identity forward, zero gradient: the reset uses the spike value without differentiating it. */
export const detach: (x: Tensor) => Tensor = tf.customGrad(((x: Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: Tensor) => Tensor;
