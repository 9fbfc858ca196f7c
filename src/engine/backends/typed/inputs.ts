/**
 * Current inputs. Step s sees the input at t = s·dt (BrainPy's environ t at the start of the
 * step). Current-valued parameters may differ per neuron (an F-I sweep in one population);
 * times and frequencies are one value per input.
 */
import { hzTimesMs } from '../../../shared/units';
import type { InputIR, ValueIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { inputKernels, type KernelContext } from './kernels';
import { paramArray, scalarParam } from './params';


/** Resolves and re-resolves the parameters of one input on one population. */
class InputParams {
  readonly arrays: Record<string, Float64Array> = {};
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

  set(name: string, value: ValueIR): void {
    if (this.perNeuron.includes(name)) this.arrays[name] = paramArray(value, this.size, this.ctx.seed, this.owner, name, 'input');
    else if (name in this.single) this.scalars[name] = scalarParam(value, 0, this.input.id, name);
    else throw new Error(`Input "${this.input.id}" (${this.input.model}) has no parameter "${name}".`);
  }
}

function addArray(iext: Float64Array, a: Float64Array): void {
  for (let i = 0; i < iext.length; i++) iext[i] += a[i];
}

inputKernels.set('constant', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['amplitude'], {});
  return { timeVarying: false, add: (_s, iext) => addArray(iext, p.arrays.amplitude), setParam: (n, v) => p.set(n, v) };
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
  const p = new InputParams(input, size, ctx, popId, ['amplitude'], { start: 0, stop: Infinity });
  return {
    timeVarying: true,
    add(step, iext) {
      const t = step * ctx.dt;
      if (t >= p.scalars.start && t < p.scalars.stop) addArray(iext, p.arrays.amplitude);
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

/** Linear from `from` at start to `to` at stop, held at `from` before and at `to` after (the catalogue's clamped ramp). */
inputKernels.set('ramp', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['from', 'to'], { start: 0, stop: 100 });
  return {
    timeVarying: true,
    add(step, iext) {
      const t = step * ctx.dt;
      const { start, stop } = p.scalars;
      const frac = t <= start ? 0 : t >= stop ? 1 : (t - start) / (stop - start);
      const a = p.arrays.from;
      const b = p.arrays.to;
      for (let i = 0; i < iext.length; i++) iext[i] += a[i] + (b[i] - a[i]) * frac;
    },
    setParam: (n, v) => p.set(n, v),
  };
});

inputKernels.set('sinusoid', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['amplitude', 'offset'], { frequency: 10, phase: 0 });
  return {
    timeVarying: true,
    add(step, iext) {
      const t = step * ctx.dt;
      const s = Math.sin(hzTimesMs(2 * Math.PI * p.scalars.frequency, t) + p.scalars.phase);
      const amp = p.arrays.amplitude;
      const off = p.arrays.offset;
      for (let i = 0; i < iext.length; i++) iext[i] += off[i] + amp[i] * s;
    },
    setParam: (n, v) => p.set(n, v),
  };
});

/**
 * Ornstein–Uhlenbeck current, one independent process per neuron, advanced by its exact
 * discretisation I <- μ + (I - μ) a + σ sqrt(1 - a²) ξ with a = e^{-dt/τ}, so the stationary
 * standard deviation is σ for any dt. Starts at μ; step s uses the value after s updates.
 */
inputKernels.set('ou', (input, size, popId, ctx) => {
  const p = new InputParams(input, size, ctx, popId, ['mean', 'sigma'], { tau: 10 });
  const rng: Rng = streamFor(ctx.seed, 'ou', input.id, popId);
  const x = Float64Array.from(p.arrays.mean);
  return {
    timeVarying: true,
    add(_step, iext) {
      const a = Math.exp(-ctx.dt / p.scalars.tau);
      const noise = Math.sqrt(1 - a * a);
      const mu = p.arrays.mean;
      const sigma = p.arrays.sigma;
      for (let i = 0; i < iext.length; i++) {
        const v = x[i];
        iext[i] += v;
        x[i] = mu[i] + (v - mu[i]) * a + sigma[i] * noise * rng.normal();
      }
    },
    setParam: (n, v) => p.set(n, v),
  };
});
