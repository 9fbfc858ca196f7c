/**
 * Pair-based STDP on tensors, the same rule and order as the typed backend
 * (typed/plasticity.ts): traces decay, presynaptic spikes depress by the post trace (before this
 * step's post spikes join it), then join the pre trace, postsynaptic spikes potentiate by it.
 * Works on the segment layout's per-synapse weights (target-sorted order).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PlasticityIR } from '../../ir';
import type { SegmentPropagator } from './propagate';
import { Held } from './tensors';
import { type StdpConstants, stdpConstants } from '../common/plasticity';

export class TfStdp {
  private readonly xPre: Held;
  private readonly xPost: Held;
  private readonly c: StdpConstants;

  constructor(p: PlasticityIR, nPre: number, nPost: number, dt: number, private readonly prop: SegmentPropagator) {
    this.xPre = new Held(tf.zeros([nPre]));
    this.xPost = new Held(tf.zeros([nPost]));
    this.c = stdpConstants(p, dt);
  }

  /** The plasticity phase: `pre` and `post` are this step's 0/1 spike masks. Call inside a tidy. */
  update(pre: Tensor, post: Tensor): void {
    const { prop } = this;
    const { wMin, wMax, ePre, ePost, soft, aPlus, aMinus } = this.c;
    const xPost = tf.mul(this.xPost.value, ePost);
    const xPre = tf.add(tf.mul(this.xPre.value, ePre), pre);
    const w = prop.weightTensor();
    // depression: presynaptic spike times the post trace (hard: A− w_max x; soft: A− x (w − w_min))
    const dep = tf.mul(tf.gather(pre, prop.pre), tf.gather(xPost, prop.post));
    const down = soft ? tf.mul(tf.mul(dep, aMinus), tf.sub(w, wMin)) : tf.mul(dep, aMinus * wMax);
    const w1 = tf.maximum(tf.sub(w, down), wMin);
    const pot = tf.mul(tf.gather(xPre, prop.pre), tf.gather(post, prop.post));
    const up = soft ? tf.mul(tf.mul(pot, aPlus), tf.sub(wMax, w1)) : tf.mul(pot, aPlus * wMax);
    prop.setWeightTensor(tf.minimum(tf.add(w1, up), wMax));
    this.xPre.set(xPre);
    this.xPost.set(tf.add(xPost, post));
  }

  dispose(): void {
    this.xPre.dispose();
    this.xPost.dispose();
  }
}
