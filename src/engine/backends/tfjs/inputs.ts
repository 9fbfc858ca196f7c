/**
 * Current inputs on the tfjs backend: the layouts and functions of time of common/inputs.ts.
 * Time enters as one JS number per step (the step's factor is computed in float64 and folded in
 * by one multiply); per-neuron parameters are tensors. OU noise: the normals come from the typed
 * backend's stream ("ou", id, pop) in the same order (step-major, neuron order) and are uploaded
 * each step; the recursion runs on tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { InputIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { INPUT_LAYOUTS, InputParams, ouCoefficients, rampFraction, sinusoidFactor, stepIsOn } from '../common/inputs';
import { inputKernels, type KernelContext, type TfInputKernel } from './kernels';
import { Held, paramTensor } from './tensors';

/** The parameters of one input, per-neuron ones as kept tensors (same streams as the typed backend's arrays). */
function tensors(input: InputIR, size: number, popId: string, ctx: KernelContext, layout: keyof typeof INPUT_LAYOUTS): InputParams<Held> {
  return new InputParams<Held>(input, popId, INPUT_LAYOUTS[layout], (value, owner, name, previous) => {
    const t = paramTensor(value, size, ctx.seed, owner, name, 'input');
    if (!previous) return new Held(t);
    previous.set(t);
    return previous;
  });
}

function kernel(p: InputParams<Held>, timeVarying: boolean, current: (step: number) => Tensor | null, extraDispose?: () => void): TfInputKernel {
  return {
    timeVarying,
    current,
    setParam: (n, v) => p.set(n, v),
    dispose: () => {
      for (const h of p.perNeuron.values()) h.dispose();
      extraDispose?.();
    },
  };
}

inputKernels.set('constant', (input, size, popId, ctx) => {
  const p = tensors(input, size, popId, ctx, 'constant');
  return kernel(p, false, () => p.get('amplitude').value);
});

inputKernels.set('step', (input, size, popId, ctx) => {
  const p = tensors(input, size, popId, ctx, 'step');
  return kernel(p, true, (step) => (stepIsOn(step * ctx.dt, p.scalars) ? p.get('amplitude').value : null));
});

inputKernels.set('ramp', (input, size, popId, ctx) => {
  const p = tensors(input, size, popId, ctx, 'ramp');
  return kernel(p, true, (step) => {
    const frac = rampFraction(step * ctx.dt, p.scalars);
    const a = p.get('from').value;
    if (frac === 0) return a;
    return tf.add(a, tf.mul(tf.sub(p.get('to').value, a), frac));
  });
});

inputKernels.set('sinusoid', (input, size, popId, ctx) => {
  const p = tensors(input, size, popId, ctx, 'sinusoid');
  return kernel(p, true, (step) => tf.add(p.get('offset').value, tf.mul(p.get('amplitude').value, sinusoidFactor(step * ctx.dt, p.scalars))));
});

/** Ornstein–Uhlenbeck current; starts at μ and step s uses the value after s updates (as the typed kernel). */
inputKernels.set('ou', (input, size, popId, ctx) => {
  const p = tensors(input, size, popId, ctx, 'ou');
  const rng: Rng = streamFor(ctx.seed, 'ou', input.id, popId);
  const x = new Held(tf.tidy(() => tf.add(tf.zeros([size]), p.get('mean').value)));
  const xi = new Float32Array(size);
  return kernel(
    p,
    true,
    () => {
      const { a, noise } = ouCoefficients(ctx.dt, p.scalars.tau);
      for (let i = 0; i < size; i++) xi[i] = rng.normal();
      const now = x.value;
      const mu = p.get('mean').value;
      // `now` stays alive for this step's use: Held.set frees it, so hand out a copy.
      const out = tf.clone(now);
      x.set(tf.add(mu, tf.add(tf.mul(tf.sub(now, mu), a), tf.mul(tf.mul(p.get('sigma').value, noise), tf.tensor1d(xi)))));
      return out;
    },
    () => x.dispose(),
  );
});
