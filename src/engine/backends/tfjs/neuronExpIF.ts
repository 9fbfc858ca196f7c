/**
 * ExpIF, AdExIF, QuaIF and their refractory variants on tensors: the same equations, order and
 * clipping of V at V_th on the spike step as the typed kernels (src/engine/backends/typed/neuronExpIF.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR } from '../../ir';
import { type KernelContext, populationKernels, type TfDrive, withJumps } from './kernels';
import { exprel, inputAt, type StepResult, TfNeuronBase } from './neuronBase';
import { Held } from './tensors';

const EXP_PARAMS = ['R', 'tau', 'V_th', 'V_reset', 'V_rest', 'V_T', 'delta_T'] as const;
const ADEX_PARAMS = [...EXP_PARAMS, 'tau_w', 'a', 'b'] as const;
const QUA_PARAMS = ['R', 'tau', 'V_th', 'V_reset', 'V_rest', 'V_c', 'c'] as const;

type Upswing = 'exp' | 'quadratic';

class TfIntegrateFireKernel extends TfNeuronBase {
  private readonly hard: boolean;
  private readonly wDecay = new Held();

  constructor(pop: PopulationIR, ctx: KernelContext, private readonly upswing: Upswing, private readonly adaptive: boolean, refractory: boolean) {
    const params = upswing === 'quadratic' ? QUA_PARAMS : adaptive ? ADEX_PARAMS : EXP_PARAMS;
    super(pop, ctx, { params, state: adaptive ? { V: -65, w: 0 } : { V: -65 }, refractory });
    this.hard = (pop.choices.reset ?? 'soft') === 'hard';
    this.derive();
  }

  protected override derive(): void {
    super.derive();
    if (this.adaptive && this.wDecay) this.wDecay.set(this.derived('tau_w', (t) => Math.exp(-this.ctx.dt / t)));
  }

  protected firing(): Tensor {
    return tf.greaterEqual(this.state('V'), this.param('V_th'));
  }

  protected step(drive: TfDrive): StepResult {
    const V = this.state('V');
    const vth = this.param('V_th');
    const vr = this.param('V_reset');
    const rest = this.param('V_rest');
    const R = this.param('R');
    const fired = this.firing();
    const vReset = tf.where(fired, this.hard ? tf.add(this.zeros.value, vr) : tf.sub(V, tf.sub(vth, vr)), V);
    const wReset = this.adaptive ? tf.add(this.state('w'), tf.mul(this.param('b'), tf.cast(fired, 'float32'))) : null;
    const { syn, g } = inputAt(drive, vReset);
    let f: Tensor;
    let J: Tensor;
    if (this.upswing === 'quadratic') {
      const c = this.param('c');
      const vc = this.param('V_c');
      f = tf.mul(tf.mul(c, tf.sub(vReset, rest)), tf.sub(vReset, vc));
      J = tf.mul(c, tf.sub(tf.sub(tf.mul(vReset, 2), rest), vc));
    } else {
      const dT = this.param('delta_T');
      const e = tf.exp(tf.div(tf.sub(vReset, this.param('V_T')), dT));
      f = tf.add(tf.neg(tf.sub(vReset, rest)), tf.mul(dT, e));
      if (wReset) f = tf.sub(f, tf.mul(R, wReset));
      J = tf.sub(e, 1);
    }
    if (syn) f = tf.add(f, tf.mul(R, syn));
    if (g) J = tf.sub(J, tf.mul(R, g));
    const dtOverTau = tf.div(this.ctx.dt, this.param('tau'));
    const vNew = tf.minimum(withJumps(tf.add(vReset, tf.mul(tf.mul(dtOverTau, exprel(tf.mul(dtOverTau, J))), f)), drive), vth);
    const next: Record<string, Tensor> = { V: vNew };
    const held: Record<string, Tensor> = { V: vReset };
    if (wReset) {
      const winf = tf.mul(this.param('a'), tf.sub(vNew, rest));
      next.w = tf.add(winf, tf.mul(tf.sub(wReset, winf), this.wDecay.value));
      held.w = wReset;
    }
    return { next, held, current: syn };
  }

  override dispose(): void {
    super.dispose();
    this.wDecay.dispose();
  }
}

populationKernels.set('ExpIF', (pop, ctx) => new TfIntegrateFireKernel(pop, ctx, 'exp', false, false));
populationKernels.set('ExpIFRef', (pop, ctx) => new TfIntegrateFireKernel(pop, ctx, 'exp', false, true));
populationKernels.set('AdExIF', (pop, ctx) => new TfIntegrateFireKernel(pop, ctx, 'exp', true, false));
populationKernels.set('AdExIFRef', (pop, ctx) => new TfIntegrateFireKernel(pop, ctx, 'exp', true, true));
populationKernels.set('QuaIF', (pop, ctx) => new TfIntegrateFireKernel(pop, ctx, 'quadratic', false, false));
