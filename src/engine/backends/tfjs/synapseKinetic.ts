/**
 * Kinetic receptors (AMPA, GABAa, NMDA) on tensors, the same equations as the typed backend
 * (typed/synapseModels.ts). They are linear in what the propagator sums, so the projection's
 * propagator does the work: kinetic g_post = propagator(g_pre) (weights times the open fraction
 * of each presynaptic neuron). (Short-term plasticity, spk · efficacy, is tfjs/plasticity.ts.)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ModelIR } from '../../ir';
import type { TfSynapseKernel } from './kernels';
import type { Propagator } from './propagate';
import { Held } from './tensors';
import { stepsAtLeast } from '../common/steps';

const MS_PER_S = 1000;
/** Arrival step of a neuron that never spiked: exact in float32 and far in the past. */
const NEVER = -(2 ** 24);

function positive(model: ModelIR, name: string): number {
  const x = model.params[name];
  if (!(x > 0)) throw new Error(`${model.model} synapse needs ${name} > 0 (got ${x}).`);
  return x;
}

/**
 * A pre-aligned kinetic synapse as a group kernel. The instance queues the presynaptic spikes
 * (queue) in the propagate phase and calls update once per step; `due` is unused because the
 * state is per presynaptic neuron, not a sum of increments.
 */
export class TfKineticSynapse implements TfSynapseKernel {
  /** The projection's propagator, set once the projection exists. */
  propagator: Propagator | null = null;
  private step = 0;
  private readonly ring: (Tensor | null)[];
  private readonly open: Held;
  private readonly x: Held | null;
  private readonly last: Held;
  private readonly out: Held;
  private readonly pulse: number;
  private readonly nmda: boolean;
  private readonly rates: Record<string, number> = {};

  constructor(private readonly model: ModelIR, nPre: number, nPost: number, private readonly dt: number, maxDelay: number) {
    this.nmda = model.model === 'NMDA';
    for (const name of this.nmda ? ['alpha1', 'beta1', 'alpha2', 'beta2'] : ['alpha', 'beta']) this.rates[name] = positive(model, name) / MS_PER_S;
    this.pulse = stepsAtLeast(positive(model, 'T_dur'), dt, 1);
    this.ring = new Array<Tensor | null>(maxDelay + 1).fill(null);
    this.open = new Held(tf.zeros([nPre]));
    this.x = this.nmda ? new Held(tf.zeros([nPre])) : null;
    this.last = new Held(tf.fill([nPre], NEVER));
    this.out = new Held(tf.zeros([nPost]));
  }

  get g(): Tensor {
    return this.out.value;
  }

  /** Spikes `spk` (0/1 [nPre]) of this step arrive `delay` steps later. */
  queue(spk: Tensor, delay: number): void {
    const slot = (this.step + delay) % this.ring.length;
    const queued = this.ring[slot];
    this.ring[slot] = tf.keep(queued ? tf.maximum(queued, spk) : tf.clone(spk));
    queued?.dispose();
  }

  /** One relaxation step of dy/dt = a·on·(1 − y) − b·y: exact for a fixed drive `on` (0 or the pulse). */
  private relax(y: Tensor, drive: Tensor, b: number): Tensor {
    const k = tf.add(drive, b);
    const yInf = tf.div(drive, k);
    return tf.add(yInf, tf.mul(tf.sub(y, yInf), tf.exp(tf.mul(k, -this.dt))));
  }

  update(): Tensor {
    const slot = this.step % this.ring.length;
    const arrived = this.ring[slot];
    this.ring[slot] = null;
    if (arrived) {
      this.last.set(tf.where(tf.greater(arrived, 0), tf.fill(arrived.shape, this.step), this.last.value));
      arrived.dispose();
    }
    const active = tf.cast(tf.less(tf.sub(this.step, this.last.value), this.pulse), 'float32');
    const T = this.model.params.T;
    if (this.x) {
      const x = this.relax(this.x.value, tf.mul(active, this.rates.alpha2 * T), this.rates.beta2);
      this.x.set(x);
      this.open.set(this.relax(this.open.value, tf.mul(x, this.rates.alpha1), this.rates.beta1));
    } else {
      this.open.set(this.relax(this.open.value, tf.mul(active, this.rates.alpha * T), this.rates.beta));
    }
    if (!this.propagator) throw new Error(`The ${this.model.model} synapse has no projection.`);
    const g = this.propagator.increments(this.open.value);
    this.out.set(g);
    this.step++;
    return g;
  }

  dispose(): void {
    for (const h of [this.open, this.x, this.last, this.out]) h?.dispose();
    for (const t of this.ring) t?.dispose();
  }
}
