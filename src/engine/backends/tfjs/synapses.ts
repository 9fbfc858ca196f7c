/**
 * Expon synapse on tensors (outputs: outputs.ts) (typed counterpart:
 * src/engine/backends/typed/synapses.ts): g <- g e^{-dt/tau} + increments due now.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ModelIR } from '../../ir';
import { synapseKernels, type TfSynapseKernel } from './kernels';
import { Held } from './tensors';

/**
 * Expon's step, g <- g e^{-dt/tau} + due (increment after decay, SEMANTICS.md); `decay` = e^{-dt/tau}.
 * Shared by the simulator kernel below and by surrogate-gradient training (src/engine/training).
 */
export function exponStep(g: Tensor, decay: Tensor | number, due: Tensor | null): Tensor {
  const decayed = tf.mul(g, decay);
  return due ? tf.add(decayed, due) : decayed;
}

class TfExponKernel implements TfSynapseKernel {
  private readonly state: Held;
  private readonly decay: number;

  constructor(model: ModelIR, size: number, dt: number) {
    const tau = model.params.tau;
    if (!(tau > 0)) throw new Error(`Expon synapse needs tau > 0 (got ${tau} ms).`);
    this.state = new Held(tf.zeros([size]));
    this.decay = Math.exp(-dt / tau);
  }

  get g(): Tensor {
    return this.state.value;
  }

  update(due: Tensor | null): Tensor {
    const next = exponStep(this.state.value, this.decay, due);
    this.state.set(next);
    return next;
  }

  dispose(): void {
    this.state.dispose();
  }
}

synapseKernels.set('Expon', (model, size, ctx) => new TfExponKernel(model, size, ctx.dt));

