/** ALIF on tensors: the same rules as the typed kernel (src/engine/backends/typed/neuronALIF.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR } from '../../ir';
import { type KernelContext, populationKernels, type TfDrive, withJumps } from './kernels';
import { type StepResult, TfNeuronBase } from './neuronBase';
import { Held } from './tensors';

class TfAlifKernel extends TfNeuronBase {
  private readonly hard: boolean;
  private readonly aDecay = new Held();

  constructor(pop: PopulationIR, ctx: KernelContext) {
    super(pop, ctx, { params: ['R', 'tau', 'tau_a', 'V_th', 'V_reset', 'V_rest', 'beta'], state: { V: 0, a: 0 }, refractory: false });
    this.hard = (pop.choices.reset ?? 'soft') === 'hard';
    this.derive();
  }

  protected override derive(): void {
    super.derive();
    this.aDecay?.set(this.derived('tau_a', (t) => Math.exp(-this.ctx.dt / t)));
  }

  protected firing(): Tensor {
    return tf.greaterEqual(this.state('V'), tf.add(this.param('V_th'), tf.mul(this.param('beta'), this.state('a'))));
  }

  protected step(drive: TfDrive): StepResult {
    const V = this.state('V');
    const vth = this.param('V_th');
    const vr = this.param('V_reset');
    const rest = this.param('V_rest');
    const R = this.param('R');
    const fired = this.firing();
    const vReset = tf.where(fired, this.hard ? tf.add(this.zeros.value, vr) : tf.sub(V, tf.sub(vth, vr)), V);
    const aReset = tf.add(this.state('a'), tf.cast(fired, 'float32'));
    const I = drive.iext && drive.isyn ? tf.add(drive.iext, drive.isyn) : (drive.iext ?? drive.isyn);
    const dtOverTau = tf.div(this.ctx.dt, this.param('tau'));
    let vNew: Tensor;
    let current: Tensor | null;
    if (drive.gsum && drive.gesum) {
      // Exact for fixed g: J = -(1 + R g)/tau, V_inf = (V_rest + R (Σ gE + I)) / (1 + R g).
      const leak = tf.add(tf.mul(R, drive.gsum), 1);
      const drivePart = I ? tf.add(drive.gesum, I) : drive.gesum;
      const vinf = tf.div(tf.add(rest, tf.mul(R, drivePart)), leak);
      vNew = tf.add(vinf, tf.mul(tf.sub(vReset, vinf), tf.exp(tf.neg(tf.mul(dtOverTau, leak)))));
      current = tf.sub(drivePart, tf.mul(drive.gsum, vReset));
    } else {
      const vinf = I ? tf.add(rest, tf.mul(R, I)) : rest;
      vNew = tf.add(vinf, tf.mul(tf.sub(vReset, vinf), tf.exp(tf.neg(dtOverTau))));
      current = I;
    }
    vNew = withJumps(vNew, drive);
    return { next: { V: vNew, a: tf.mul(aReset, this.aDecay.value) }, held: { V: vReset, a: aReset }, current };
  }

  override dispose(): void {
    super.dispose();
    this.aDecay.dispose();
  }
}

populationKernels.set('ALIF', (pop, ctx) => new TfAlifKernel(pop, ctx));
