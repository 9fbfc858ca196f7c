/**
 * Hodgkin–Huxley on tensors: the same rate functions, exponential-Euler steps and upward-crossing
 * spike rule as src/engine/backends/typed/neuronHH.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR } from '../../ir';
import { type KernelContext, populationKernels, type TfDrive, withJumps } from './kernels';
import { exprel, plus, type StepResult, TfNeuronBase } from './neuronBase';

/** e^{-(V - shift)/scale}: the building block of the rate functions (V in mV, rates in 1/ms). */
const expOf = (v: Tensor, shift: number, scale: number): Tensor => tf.exp(tf.div(tf.sub(shift, v), scale));

/** x <- x_inf + (x - x_inf) e^{-dt(α+β)}: the exact step of dx/dt = α(1 - x) - βx for fixed V. */
function gateStep(x: Tensor, alpha: Tensor, beta: Tensor, dt: number): Tensor {
  const k = tf.add(alpha, beta);
  const inf = tf.div(alpha, k);
  return tf.add(inf, tf.mul(tf.sub(x, inf), tf.exp(tf.mul(k, -dt))));
}

class TfHHKernel extends TfNeuronBase {
  constructor(pop: PopulationIR, ctx: KernelContext) {
    super(pop, ctx, { params: ['ENa', 'gNa', 'EK', 'gK', 'EL', 'gL', 'V_th', 'C'], state: { V: -65, m: 0.052932, h: 0.596121, n: 0.317677 }, refractory: false });
    this.derive();
  }

  protected firing(): Tensor {
    return tf.greaterEqual(this.state('V'), this.param('V_th'));
  }

  protected step(drive: TfDrive): StepResult {
    const v = this.state('V');
    const m = this.state('m');
    const h = this.state('h');
    const n = this.state('n');
    const dt = this.ctx.dt;
    const gna = tf.mul(this.param('gNa'), tf.mul(tf.pow(m, 3), h));
    const gk = tf.mul(this.param('gK'), tf.pow(n, 4));
    const gL = this.param('gL');
    let total = tf.add(tf.add(gna, gk), gL);
    let num = tf.add(tf.add(tf.mul(gna, this.param('ENa')), tf.mul(gk, this.param('EK'))), tf.mul(gL, this.param('EL')));
    const I = plus(drive.iext, drive.isyn);
    if (I) num = tf.add(num, I);
    let current = I;
    if (drive.gsum && drive.gesum) {
      total = tf.add(total, drive.gsum);
      num = tf.add(num, drive.gesum);
      current = plus(current, tf.sub(drive.gesum, tf.mul(drive.gsum, v)));
    }
    const vinf = tf.div(num, total);
    const vNew = withJumps(tf.add(vinf, tf.mul(tf.sub(v, vinf), tf.exp(tf.div(tf.mul(total, -dt), this.param('C'))))), drive);
    const am = tf.div(1, exprel(tf.div(tf.add(v, 40), -10)));
    const bm = tf.mul(4, expOf(v, -65, 18));
    const ah = tf.mul(0.07, expOf(v, -65, 20));
    const bh = tf.div(1, tf.add(1, expOf(v, -35, 10)));
    const an = tf.div(0.1, exprel(tf.div(tf.add(v, 55), -10)));
    const bn = tf.mul(0.125, expOf(v, -65, 80));
    const vth = this.param('V_th');
    const fired = tf.logicalAnd(tf.greaterEqual(vNew, vth), tf.less(v, vth));
    return {
      next: { V: vNew, m: gateStep(m, am, bm, dt), h: gateStep(h, ah, bh, dt), n: gateStep(n, an, bn, dt) },
      held: {},
      current,
      fired,
    };
  }
}

populationKernels.set('HH', (pop, ctx) => new TfHHKernel(pop, ctx));
