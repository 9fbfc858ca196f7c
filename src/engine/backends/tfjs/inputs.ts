/**
 * Current inputs on the tfjs backend, the same functions of time as the typed kernels
 * (src/engine/backends/typed/inputs.ts). Time enters as one JS number per step (the step's
 * factor is computed in float64 and folded in by one multiply); per-neuron amplitudes are
 * tensors. OU noise: the normals come from the typed backend's stream ("ou", id, pop) in the same
 * order (step-major, neuron order) and are uploaded each step; the recursion runs on tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { hzTimesMs } from '../../../shared/units';
import type { InputIR, ValueIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { scalarParam } from '../typed/params';
import { inputKernels, type KernelContext, type TfInputKernel } from './kernels';
import { Held, paramTensor } from './tensors';


/** Tensors of the per-neuron parameters and numbers of the single-valued ones of one input. */
class InputParams {
  readonly tensors = new Map<string, Held>();
  readonly scalars: Record<string, number> = {};
  private readonly owner: string;

  constructor(
    private readonly input: InputIR,
    private readonly size: number,
    private readonly ctx: KernelContext,
    popId: string,
    private readonly perNeuron: readonly string[],
    private readonly single: Readonly<Record<string, number>>,
  ) {
    this.owner = `${input.id}@${popId}`;
    for (const name of perNeuron) this.set(name, input.params[name] ?? { kind: 'scalar', value: 0 });
    for (const [name, fallback] of Object.entries(single)) this.scalars[name] = scalarParam(input.params[name], fallback, input.id, name);
  }

  t(name: string): Tensor {
    return (this.tensors.get(name) as Held).value;
  }

  set(name: string, value: ValueIR): void {
    if (this.perNeuron.includes(name)) {
      // Same stream key as the typed backend's paramArray(..., 'input').
      const t = paramTensor(value, this.size, this.ctx.seed, this.owner, name, 'input');
      const held = this.tensors.get(name);
      if (held) held.set(t);
      else this.tensors.set(name, new Held(t));
    } else if (name in this.single) this.scalars[name] = scalarParam(value, 0, this.input.id, name);
    else throw new Error(`Input "${this.input.id}" (${this.input.model}) has no parameter "${name}".`);
  }

  dispose(): void {
    for (const h of this.tensors.values()) h.dispose();
  }
}

function kernel(p: InputParams, timeVarying: boolean, current: (step: number) => Tensor | null, extraDispose?: () => void): TfInputKernel {
  return {
    timeVarying,
    current,
    setParam: (n, v) => p.set(n, v),
    dispose: () => {
      p.dispose();
      extraDispose?.();
    },
  };
}

inputKernels.set('constant', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['amplitude'], {});
  return kernel(p, false, () => p.t('amplitude'));
});

inputKernels.set('step', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['amplitude'], { start: 0, stop: Infinity });
  return kernel(p, true, (step) => {
    const t = step * ctx.dt;
    return t >= p.scalars.start && t < p.scalars.stop ? p.t('amplitude') : null;
  });
});

inputKernels.set('ramp', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['from', 'to'], { start: 0, stop: 100 });
  return kernel(p, true, (step) => {
    const t = step * ctx.dt;
    const { start, stop } = p.scalars;
    const frac = t <= start ? 0 : t >= stop ? 1 : (t - start) / (stop - start);
    const a = p.t('from');
    if (frac === 0) return a;
    return tf.add(a, tf.mul(tf.sub(p.t('to'), a), frac));
  });
});

inputKernels.set('sinusoid', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['amplitude', 'offset'], { frequency: 10, phase: 0 });
  return kernel(p, true, (step) => {
    const t = step * ctx.dt;
    const s = Math.sin(hzTimesMs(2 * Math.PI * p.scalars.frequency, t) + p.scalars.phase);
    return tf.add(p.t('offset'), tf.mul(p.t('amplitude'), s));
  });
});

/**
 * Ornstein–Uhlenbeck current by its exact discretisation I <- μ + (I - μ) a + σ sqrt(1 - a²) ξ,
 * a = e^{-dt/τ}; starts at μ and step s uses the value after s updates (as the typed kernel).
 */
inputKernels.set('ou', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['mean', 'sigma'], { tau: 10 });
  const rng: Rng = streamFor(ctx.seed, 'ou', input.id, popId);
  const x = new Held(tf.tidy(() => tf.add(tf.zeros([size]), p.t('mean'))));
  const xi = new Float32Array(size);
  return kernel(
    p,
    true,
    () => {
      const a = Math.exp(-ctx.dt / p.scalars.tau);
      const noise = Math.sqrt(1 - a * a);
      for (let i = 0; i < size; i++) xi[i] = rng.normal();
      const now = x.value;
      const mu = p.t('mean');
      // `now` stays alive for this step's use: Held.set frees it, so hand out a copy.
      const out = tf.clone(now);
      x.set(tf.add(mu, tf.add(tf.mul(tf.sub(now, mu), a), tf.mul(tf.mul(p.t('sigma'), noise), tf.tensor1d(xi)))));
      return out;
    },
    () => x.dispose(),
  );
});
