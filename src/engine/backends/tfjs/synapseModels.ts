/**
 * DualExpon and Alpha on tensors (typed counterpart: typed/synapseModels.ts, same exact
 * propagators). Outputs are in outputs.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ModelIR } from '../../ir';
import { dualExponConstants, positive } from '../typed/synapseModels';
import { getSpecModel } from '../../../shared/modelspec/registry';
import { tfSpecSynapseFactory } from '../../spec/synapseTfjs';
import { synapseKernelFallbacks, synapseKernels, type TfSynapseKernel } from './kernels';
import { Held } from './tensors';


class TfDualExponKernel implements TfSynapseKernel {
  private readonly rise: Held;
  private readonly fall: Held;
  private readonly out: Held;
  private readonly eRise: number;
  private readonly eFall: number;
  private readonly a: number;

  constructor(model: ModelIR, size: number, dt: number) {
    ({ eRise: this.eRise, eFall: this.eFall, a: this.a } = dualExponConstants(model, dt));
    this.rise = new Held(tf.zeros([size]));
    this.fall = new Held(tf.zeros([size]));
    this.out = new Held(tf.zeros([size]));
  }

  get g(): Tensor {
    return this.out.value;
  }

  update(due: Tensor | null): Tensor {
    let r = tf.mul(this.rise.value, this.eRise);
    let f = tf.mul(this.fall.value, this.eFall);
    if (due) {
      r = tf.add(r, due);
      f = tf.add(f, due);
    }
    this.rise.set(r);
    this.fall.set(f);
    const g = tf.mul(tf.sub(f, r), this.a);
    this.out.set(g);
    return g;
  }

  dispose(): void {
    for (const h of [this.rise, this.fall, this.out]) h.dispose();
  }
}

class TfAlphaKernel implements TfSynapseKernel {
  private readonly h: Held;
  private readonly out: Held;
  private readonly e: number;
  private readonly dtOverTau: number;

  constructor(model: ModelIR, size: number, dt: number) {
    const tau = positive(model, 'tau');
    this.h = new Held(tf.zeros([size]));
    this.out = new Held(tf.zeros([size]));
    this.e = Math.exp(-dt / tau);
    this.dtOverTau = dt / tau;
  }

  get g(): Tensor {
    return this.out.value;
  }

  /** g <- (g + h dt/tau) e, h <- h e + due: the exact propagator over one step. */
  update(due: Tensor | null): Tensor {
    const h = this.h.value;
    const g = tf.mul(tf.add(this.out.value, tf.mul(h, this.dtOverTau)), this.e);
    const hNext = tf.mul(h, this.e);
    this.h.set(due ? tf.add(hNext, due) : hNext);
    this.out.set(g);
    return g;
  }

  dispose(): void {
    this.h.dispose();
    this.out.dispose();
  }
}

synapseKernels.set('DualExpon', (model, size, ctx) => new TfDualExponKernel(model, size, ctx.dt));
// Synapse models typed in the app (registered at run time): ops interpreted from their spec.
synapseKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model?.spec.synapse ? tfSpecSynapseFactory(model) : undefined;
});
synapseKernels.set('Alpha', (model, size, ctx) => new TfAlphaKernel(model, size, ctx.dt));
