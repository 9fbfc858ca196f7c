/**
 * Shared machinery of the tfjs neuron kernels of the model library (typed counterpart:
 * src/engine/backends/typed/neuronBase.ts): parameters and state as kept tensors, the spike mask,
 * the refractory counter, live parameter changes and disposal. A model supplies only `step`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR, ValueIR } from '../../ir';
import { streamFor } from '../../random';
import { fillValues, isRandom } from '../../values';
import { need } from '../typed/params';
import type { KernelContext, TfDrive, TfPopulationKernel } from './kernels';
import { compactTensor, Held, paramTensor, paramValues } from './tensors';

/** Same tolerance as the typed backend: 5 ms / 0.1 ms stays 50 steps despite binary rounding of dt. */
const STEP_TOLERANCE = 1e-9;
/** "Steps since the last spike" of a neuron that never spiked; exact in float32 and saturating. */
const NEVER_STEPS = 2 ** 30;
/**
 * Below this |z|, exprel(z) = 1 + z/2 + z²/6 to float32 precision, and expm1(z)/z (which some
 * backends compute as exp(z) - 1) would lose digits.
 */
const EXPREL_SERIES = 1e-3;

/** exprel(z) = (e^z - 1)/z elementwise, safe at z = 0. */
export function exprel(z: Tensor): Tensor {
  const small = tf.less(tf.abs(z), EXPREL_SERIES);
  const safe = tf.where(small, tf.onesLike(z), z);
  const series = tf.add(1, tf.mul(z, tf.add(0.5, tf.div(z, 6))));
  return tf.where(small, series, tf.div(tf.expm1(safe), safe));
}

/** a + b where either may be absent (null). */
export function plus(a: Tensor | null, b: Tensor | null): Tensor | null {
  return a && b ? tf.add(a, b) : (a ?? b);
}

/** The synaptic and external input at the present V: I + Σ gE - Σg·V (nA), and Σg (µS) or null. */
export function inputAt(drive: TfDrive, v: Tensor): { syn: Tensor | null; g: Tensor | null } {
  const I = plus(drive.iext, drive.isyn);
  if (!drive.gsum || !drive.gesum) return { syn: I, g: null };
  return { syn: plus(I, tf.sub(drive.gesum, tf.mul(drive.gsum, v))), g: drive.gsum };
}

export interface TfNeuronLayout {
  readonly params: readonly string[];
  /** State variables and the value used when the IR gives none (internal units). */
  readonly state: Readonly<Record<string, number>>;
  readonly refractory: boolean;
}

export interface StepResult {
  readonly next: Record<string, Tensor>;
  readonly held: Record<string, Tensor>;
  readonly current: Tensor | null;
  readonly fired?: Tensor;
}

export abstract class TfNeuronBase implements TfPopulationKernel {
  readonly size: number;
  protected readonly p = new Map<string, Held>();
  protected readonly s = new Map<string, Held>();
  /** Float64 values of parameters, for quantities derived on the JS side (decays, step counts). */
  protected readonly values = new Map<string, Float64Array>();
  protected readonly spk: Held;
  /** Steps since the last spike and the refractory length in steps (refractory models only). */
  protected readonly since: Held | null;
  private readonly refSteps = new Held();
  protected readonly zeros: Held;

  constructor(protected readonly pop: PopulationIR, protected readonly ctx: KernelContext, layout: TfNeuronLayout) {
    const n = (this.size = pop.size);
    const names = layout.refractory ? [...layout.params, 'tau_ref'] : layout.params;
    for (const name of names) {
      const v = need(pop.params, name, pop.id);
      this.p.set(name, new Held(paramTensor(v, n, ctx.seed, pop.id, name)));
      this.values.set(name, paramValues(v, n, ctx.seed, pop.id, name));
    }
    for (const [name, fallback] of Object.entries(layout.state)) {
      const init = pop.init[name] ?? { kind: 'scalar', value: fallback };
      const x = new Float64Array(n);
      fillValues(init, x, isRandom(init) ? streamFor(ctx.seed, 'init', pop.id, name) : null, `${pop.id}.init.${name}`);
      this.s.set(name, new Held(tf.tensor1d(Float32Array.from(x))));
    }
    this.zeros = new Held(tf.zeros([n]));
    this.since = layout.refractory ? new Held(tf.fill([n], NEVER_STEPS)) : null;
    this.spk = new Held(tf.tidy(() => tf.cast(this.firing(), 'float32')));
  }

  protected param(name: string): Tensor {
    const h = this.p.get(name);
    if (!h) throw new Error(`${this.pop.model} "${this.pop.id}" has no parameter ${name}.`);
    return h.value;
  }

  protected state(name: string): Tensor {
    return (this.s.get(name) as Held).value;
  }

  /** A [n] (or scalar) tensor of a JS-side function of parameter values, e.g. e^{-dt/tau_w}. */
  protected derived(name: string, f: (x: number) => number): Tensor {
    return compactTensor((this.values.get(name) as Float64Array).map(f));
  }

  /** Recompute derived tensors (after construction and every setParam). */
  protected derive(): void {
    if (!this.since) return;
    const dt = this.ctx.dt;
    this.refSteps.set(this.derived('tau_ref', (r) => Math.max(0, Math.ceil(r / dt - STEP_TOLERANCE))));
  }

  /** Boolean mask of neurons whose stored state is a spike (V >= threshold). */
  protected abstract firing(): Tensor;

  /**
   * One step: the new state by name, the post-reset state a refractory neuron keeps (`held`), the
   * current at the present V and, for models with their own spike rule, the spike mask.
   */
  protected abstract step(drive: TfDrive): StepResult;

  spikes(): Tensor {
    return this.spk.value;
  }

  update(_step: number, drive: TfDrive, wantCurrent: boolean): Tensor | null {
    const { next, held, current, fired: own } = this.step(drive);
    if (this.since) {
      const active = tf.greaterEqual(this.since.value, this.refSteps.value);
      for (const name of Object.keys(next)) next[name] = tf.where(active, next[name], held[name]);
    }
    for (const [name, t] of Object.entries(next)) (this.s.get(name) as Held).set(t);
    const fired = own ?? this.firing();
    this.spk.set(tf.cast(fired, 'float32'));
    if (this.since) this.since.set(tf.add(tf.where(fired, this.zeros.value, this.since.value), 1));
    if (!wantCurrent) return null;
    const c = current ?? this.zeros.value;
    return c.rank === 0 ? tf.broadcastTo(c, [this.size]) : c;
  }

  variable(name: string): Tensor | undefined {
    return this.s.get(name)?.value;
  }

  setParam(name: string, value: ValueIR): void {
    const held = this.p.get(name);
    if (!held) throw new Error(`${this.pop.model} "${this.pop.id}" has no parameter "${name}" that can be changed during a run (it has: ${[...this.p.keys()].join(', ')}).`);
    const { ctx, pop } = this;
    held.set(paramTensor(value, pop.size, ctx.seed, pop.id, name));
    this.values.set(name, paramValues(value, pop.size, ctx.seed, pop.id, name));
    this.derive();
  }

  dispose(): void {
    for (const h of [this.spk, this.since, this.refSteps, this.zeros, ...this.p.values(), ...this.s.values()]) h?.dispose();
  }
}
