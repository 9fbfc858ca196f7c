/**
 * Tsodyks–Markram short-term plasticity on tensors, the same equations as the typed backend
 * (typed/plasticity.ts). Linear in what the propagator sums, so the projection's propagator does
 * the work: increments = propagator(spk · efficacy). (The kinetic receptors that lived here are
 * specs now: spec/pulseSynapseTfjs.ts.)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PlasticityIR } from '../../ir';
import { Held } from './tensors';


/** STP / STD per presynaptic neuron: scales the spike mask by each spike's efficacy. */
export class TfShortTerm {
  private readonly u: Held | null;
  private readonly x: Held;
  private readonly eF: number;
  private readonly eD: number;
  private readonly U: number;

  constructor(private readonly p: PlasticityIR, nPre: number, dt: number) {
    this.U = p.params.U;
    const stp = p.model === 'STP';
    this.u = stp ? new Held(tf.zeros([nPre])) : null;
    this.x = new Held(tf.ones([nPre]));
    this.eF = stp ? Math.exp(-dt / p.params.tau_f) : 1;
    this.eD = Math.exp(-dt / (stp ? p.params.tau_d : p.params.tau));
  }

  /** spk · efficacy for this step's spikes; advances u and x by one step. */
  scale(spk: Tensor): Tensor {
    const xMinus = tf.sub(1, tf.mul(tf.sub(1, this.x.value), this.eD));
    if (!this.u) {
      this.x.set(tf.sub(xMinus, tf.mul(spk, tf.mul(xMinus, this.U))));
      return tf.mul(spk, xMinus);
    }
    const uMinus = tf.mul(this.u.value, this.eF);
    const uPlus = tf.add(uMinus, tf.mul(spk, tf.mul(tf.sub(1, uMinus), this.U)));
    const released = tf.mul(spk, tf.mul(uPlus, xMinus));
    this.u.set(uPlus);
    this.x.set(tf.sub(xMinus, released));
    return released;
  }

  get model(): string {
    return this.p.model;
  }

  dispose(): void {
    this.u?.dispose();
    this.x.dispose();
  }
}
