/**
 * The tfjs kernel of a synapse spec with a transmitter pulse (AMPA, GABAa, NMDA, or typed in the
 * app): the typed PulseSynapseKernel's step (pulseSynapseKernel.ts) on all presynaptic neurons at
 * once, in float32. The states live per presynaptic neuron, so the projection's propagator turns
 * the output into the targets' g: g_post = propagator(output_pre), the weights times each
 * presynaptic neuron's open fraction. The instance queues the presynaptic spikes (queue) in the
 * propagate phase and calls update once per step; `due` is unused (no increments are summed).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { SpecModel } from '../../shared/modelspec/registry';
import { dependsOn } from '../../shared/modelspec/derivative';
import type { ModelIR } from '../ir';
import type { TfSynapseKernel } from '../backends/tfjs/kernels';
import type { Propagator } from '../backends/tfjs/propagate';
import { Held } from '../backends/tfjs/tensors';
import { compileTf, type TfFn } from './tfjsKernel';
import { coherentParams, type Pulse, pulseOf } from './pulse';

/** Arrival step of a neuron that never spiked: exact in float32 and far in the past. */
const NEVER = -(2 ** 24);
/** Below this |J·dt| the closed form would cancel in float32; Euler's step (error O((J·dt)²)) is used there. */
const SMALL_JDT = 1e-4;

/** A state whose J and f(0) read no state: x_inf and e^{J·dt} per pulse phase, computed in float64. */
interface PhaseStep {
  readonly xinf: readonly [number, number];
  readonly decay: readonly [number, number];
}

export class TfPulseSynapse implements TfSynapseKernel {
  /** The projection's propagator, set once the projection exists. */
  propagator: Propagator | null = null;
  private step = 0;
  private readonly ring: (Tensor | null)[];
  private readonly x: Held[];
  private readonly last: Held;
  private readonly out: Held;
  private readonly pulse: Pulse;
  private readonly params: Readonly<Record<string, number>>;
  private readonly rhs: readonly TfFn[];
  private readonly jac: readonly TfFn[];
  private readonly output: TfFn;
  private readonly phase: readonly (PhaseStep | null)[];
  private readonly names: readonly string[];

  constructor(private readonly model: SpecModel, ir: ModelIR, nPre: number, nPost: number, private readonly dt: number, maxDelay: number) {
    const { spec } = model;
    if (!spec.synapse?.pulse) throw new Error(`${model.name} is not a synapse model with a pulse.`);
    const notExact = spec.states.find((s) => s.scheme !== 'exact' || s.max);
    if (notExact) throw new Error(`On the tfjs backend a synapse with a pulse steps its states in closed form, so each needs "(exact)" and no bound; ${model.name}'s ${notExact.name} does not. Use the typed backend.`);
    this.params = coherentParams(model, ir);
    this.pulse = pulseOf(model, this.params, dt) as Pulse;
    this.names = spec.states.map((s) => s.name);
    const subs = new Map([...spec.subexpressions].map(([k, v]) => [k, v.value]));
    this.rhs = spec.states.map((s) => compileTf(s.rhs, subs));
    this.jac = spec.states.map((s) => compileTf(s.jacobian, subs));
    this.output = compileTf(spec.synapse.output, subs);
    const resolve = (n: string) => spec.subexpressions.get(n)?.value;
    this.phase = spec.states.map((s, k) => {
      if (dependsOn(s.rhs, 't', resolve) || spec.states.some((o) => o.name !== s.name && dependsOn(s.rhs, o.name, resolve))) return null;
      const at = (on: number): { xinf: number; decay: number } | null => {
        let J = 0;
        let f0 = 0;
        tf.tidy(() => {
          const v = this.values(spec.states.map(() => tf.scalar(0)), tf.scalar(on ? this.pulse.value : 0), 0);
          J = this.jac[k](v).dataSync()[0];
          f0 = this.rhs[k](v).dataSync()[0];
        });
        return Math.abs(J * dt) < SMALL_JDT ? null : { xinf: f0 / -J, decay: Math.exp(J * dt) };
      };
      const [off, on] = [at(0), at(1)];
      return off && on ? { xinf: [off.xinf, on.xinf], decay: [off.decay, on.decay] } : null;
    });
    this.ring = new Array<Tensor | null>(maxDelay + 1).fill(null);
    // initial values read parameters and constants only (modelspec/check.ts)
    this.x = spec.states.map((s) => new Held(tf.tidy(() => tf.mul(tf.ones([nPre]), compileTf(s.init, subs)(this.values([], tf.scalar(0), 0))))));
    this.last = new Held(tf.fill([nPre], NEVER));
    this.out = new Held(tf.zeros([nPost]));
  }

  /** Name lookup: states y, parameters (coherent units), the pulse and t. */
  private values(y: readonly Tensor[], pulse: Tensor, t: number): (name: string) => Tensor | undefined {
    return (name) => {
      const k = this.names.indexOf(name);
      if (k >= 0) return y[k];
      if (name === this.pulse.name) return pulse;
      if (name === 't') return tf.scalar(t);
      const p = this.params[name];
      return p === undefined ? undefined : tf.scalar(p);
    };
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

  /** State k's closed-form step with the pulse held (see pulseSynapseKernel.ts), at states y. */
  private stepOf(k: number, y: readonly Tensor[], on: Tensor, pulse: Tensor, t: number): Tensor {
    const x = y[k];
    const ph = this.phase[k];
    if (ph) {
      const xinf = tf.add(ph.xinf[0], tf.mul(on, ph.xinf[1] - ph.xinf[0]));
      const decay = tf.add(ph.decay[0], tf.mul(on, ph.decay[1] - ph.decay[0]));
      return tf.add(xinf, tf.mul(tf.sub(x, xinf), decay));
    }
    const v = this.values(y, pulse, t);
    const J = this.jac[k](v);
    const zeroed = [...y];
    zeroed[k] = tf.zerosLike(x);
    const f0 = this.rhs[k](this.values(zeroed, pulse, t));
    const small = tf.less(tf.abs(tf.mul(J, this.dt)), SMALL_JDT);
    const xinf = tf.div(f0, tf.neg(tf.where(small, tf.onesLike(J), J)));
    const closed = tf.add(xinf, tf.mul(tf.sub(x, xinf), tf.exp(tf.mul(J, this.dt))));
    const euler = tf.add(x, tf.mul(this.rhs[k](v), this.dt));
    return tf.where(small, euler, closed);
  }

  update(): Tensor {
    const slot = this.step % this.ring.length;
    const arrived = this.ring[slot];
    this.ring[slot] = null;
    if (arrived) {
      this.last.set(tf.where(tf.greater(arrived, 0), tf.fill(arrived.shape, this.step), this.last.value));
      arrived.dispose();
    }
    const on = tf.cast(tf.less(tf.sub(this.step, this.last.value), this.pulse.steps), 'float32');
    const pulse = tf.mul(on, this.pulse.value);
    const t = this.step * this.dt;
    const y = this.x.map((h) => h.value);
    const sequential = this.model.spec.order === 'sequential';
    const next = [...y];
    for (let k = 0; k < y.length; k++) next[k] = this.stepOf(k, sequential ? next : y, on, pulse, t);
    next.forEach((v, k) => this.x[k].set(v));
    const open = this.output(this.values(next, pulse, t));
    if (!this.propagator) throw new Error(`The ${this.model.name} synapse has no projection.`);
    const g = this.propagator.increments(open);
    this.out.set(g);
    this.step++;
    return g;
  }

  dispose(): void {
    for (const h of [...this.x, this.last, this.out]) h.dispose();
    for (const t of this.ring) t?.dispose();
  }
}
