/** Izhikevich and IzhikevichRef on tensors: the same rules as src/engine/backends/typed/neuronIzhikevich.ts. */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR } from '../../ir';
import { type KernelContext, populationKernels, type TfDrive, withJumps } from './kernels';
import { exprel, inputAt, type StepResult, TfNeuronBase } from './neuronBase';
import { Held } from './tensors';

/** Coefficients of 0.04 V² + 5 V + 140 (V in mV, t in ms), Izhikevich (2003). */
const P1 = 0.04;
const P2 = 5;
const P3 = 140;
/** a and b are rates in Hz internally; the equations want them per ms. */
const MS_PER_S = 1000;

class TfIzhikevichKernel extends TfNeuronBase {
  private readonly uDecay = new Held();
  private readonly bPerMs = new Held();

  constructor(pop: PopulationIR, ctx: KernelContext, refractory: boolean) {
    super(pop, ctx, { params: ['a', 'b', 'c', 'd', 'V_th', 'C'], state: { V: -65, u: -13 }, refractory });
    this.derive();
  }

  protected override derive(): void {
    super.derive();
    if (!this.uDecay) return;
    this.uDecay.set(this.derived('a', (a) => Math.exp((-this.ctx.dt * a) / MS_PER_S)));
    this.bPerMs.set(this.derived('b', (b) => b / MS_PER_S));
  }

  protected firing(): Tensor {
    return tf.greaterEqual(this.state('V'), this.param('V_th'));
  }

  protected step(drive: TfDrive): StepResult {
    const vth = this.param('V_th');
    const C = this.param('C');
    const fired = this.firing();
    const vReset = tf.where(fired, tf.add(this.zeros.value, this.param('c')), this.state('V'));
    const uReset = tf.add(this.state('u'), tf.mul(this.param('d'), tf.cast(fired, 'float32')));
    const { syn, g } = inputAt(drive, vReset);
    let f = tf.sub(tf.add(tf.mul(tf.add(tf.mul(vReset, P1), P2), vReset), P3), uReset);
    if (syn) f = tf.add(f, tf.div(syn, C));
    let J = tf.add(tf.mul(vReset, 2 * P1), P2);
    if (g) J = tf.sub(J, tf.div(g, C));
    const dt = this.ctx.dt;
    const vNew = tf.minimum(withJumps(tf.add(vReset, tf.mul(tf.mul(exprel(tf.mul(J, dt)), f), dt)), drive), vth);
    const uinf = tf.mul(this.bPerMs.value, vNew);
    const uNew = tf.add(uinf, tf.mul(tf.sub(uReset, uinf), this.uDecay.value));
    return { next: { V: vNew, u: uNew }, held: { V: vReset, u: uReset }, current: syn };
  }

  override dispose(): void {
    super.dispose();
    this.uDecay.dispose();
    this.bPerMs.dispose();
  }
}

populationKernels.set('Izhikevich', (pop, ctx) => new TfIzhikevichKernel(pop, ctx, false));
populationKernels.set('IzhikevichRef', (pop, ctx) => new TfIzhikevichKernel(pop, ctx, true));
