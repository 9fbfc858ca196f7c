/**
 * Current inputs on typed arrays: the layouts and functions of time of common/inputs.ts, added
 * into the population's iext each step.
 */
import type { InputIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { INPUT_LAYOUTS, InputParams, ouCoefficients, rampFraction, sinusoidFactor, stepIsOn } from '../common/inputs';
import { paramArray } from '../common/params';
import { inputKernels, type KernelContext } from './kernels';

/** The parameters of one input, per-neuron ones as float64 arrays. */
function arrays(input: InputIR, size: number, popId: string, ctx: KernelContext, layout: keyof typeof INPUT_LAYOUTS): InputParams<Float64Array> {
  return new InputParams(input, popId, INPUT_LAYOUTS[layout], (value, owner, name) => paramArray(value, size, ctx.seed, owner, name, 'input'));
}

function addArray(iext: Float64Array, a: Float64Array): void {
  for (let i = 0; i < iext.length; i++) iext[i] += a[i];
}

inputKernels.set('constant', (input, size, popId, ctx) => {
  const p = arrays(input, size, popId, ctx, 'constant');
  return { timeVarying: false, add: (_s, iext) => addArray(iext, p.get('amplitude')), setParam: (n, v) => p.set(n, v) };
});

/** The first step k >= 0 with k·dt >= t, computed as the kernels compute t = k·dt (Infinity for t = Infinity). */
export function firstStepAtOrAfter(t: number, dt: number): number {
  if (!(t > 0)) return 0;
  if (t === Infinity) return Infinity;
  let k = Math.max(0, Math.ceil(t / dt));
  while (k > 0 && (k - 1) * dt >= t) k--;
  while (k * dt < t) k++;
  return k;
}

inputKernels.set('step', (input, size, popId, ctx) => {
  const p = arrays(input, size, popId, ctx, 'step');
  return {
    timeVarying: true,
    add(step, iext) {
      if (stepIsOn(step * ctx.dt, p.scalars)) addArray(iext, p.get('amplitude'));
    },
    // On exactly for steps in [first step at start, first step at stop): it changes at those two.
    nextChange(step) {
      const on = firstStepAtOrAfter(p.scalars.start, ctx.dt);
      const off = firstStepAtOrAfter(p.scalars.stop, ctx.dt);
      return Math.min(on > step ? on : Infinity, off > step ? off : Infinity);
    },
    setParam: (n, v) => p.set(n, v),
  };
});

inputKernels.set('ramp', (input, size, popId, ctx) => {
  const p = arrays(input, size, popId, ctx, 'ramp');
  return {
    timeVarying: true,
    add(step, iext) {
      const frac = rampFraction(step * ctx.dt, p.scalars);
      const a = p.get('from');
      const b = p.get('to');
      for (let i = 0; i < iext.length; i++) iext[i] += a[i] + (b[i] - a[i]) * frac;
    },
    setParam: (n, v) => p.set(n, v),
  };
});

inputKernels.set('sinusoid', (input, size, popId, ctx) => {
  const p = arrays(input, size, popId, ctx, 'sinusoid');
  return {
    timeVarying: true,
    add(step, iext) {
      const s = sinusoidFactor(step * ctx.dt, p.scalars);
      const amp = p.get('amplitude');
      const off = p.get('offset');
      for (let i = 0; i < iext.length; i++) iext[i] += off[i] + amp[i] * s;
    },
    setParam: (n, v) => p.set(n, v),
  };
});

/** Ornstein–Uhlenbeck current, one independent process per neuron; starts at μ, step s uses the value after s updates. */
inputKernels.set('ou', (input, size, popId, ctx) => {
  const p = arrays(input, size, popId, ctx, 'ou');
  const rng: Rng = streamFor(ctx.seed, 'ou', input.id, popId);
  const x = Float64Array.from(p.get('mean'));
  return {
    timeVarying: true,
    add(_step, iext) {
      const { a, noise } = ouCoefficients(ctx.dt, p.scalars.tau);
      const mu = p.get('mean');
      const sigma = p.get('sigma');
      for (let i = 0; i < iext.length; i++) {
        const v = x[i];
        iext[i] += v;
        x[i] = mu[i] + (v - mu[i]) * a + sigma[i] * noise * rng.normal();
      }
    },
    setParam: (n, v) => p.set(n, v),
  };
});
