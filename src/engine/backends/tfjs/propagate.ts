/**
 * Spikes -> per-target increments for one projection, on tensors. Two layouts, picked per
 * projection by density, from the shared CSR (src/engine/connectivity.ts):
 *
 * - "segment": synapses sorted by target; increments = SparseSegmentSum(spk, pre, post) · w,
 *   one kernel that gathers and sums in a single pass. Per-synapse weights add a gather (also done
 *   by SparseSegmentSum, with segment ids 0..n-1), a multiply and a second segment sum.
 * - "dense": a [nPre, nPost] weight matrix (multapses summed); increments = spk · W (MatMul).
 *
 * Measured on the WASM backend (SIMD, 1 thread) on the 2-core benchmark machine. A first
 * micro-benchmark of candidate kernels for 4000 -> 4000 at 80 synapses per neuron (busy machine,
 * wall ms per step): SparseSegmentSum 2.8, dense MatMul 9.0, GatherV2 + Bincount 39, GatherV2 +
 * ScatterNd 52, a padded [n, k_max] GatherV2 + Sum 83. GatherV2 is so slow in tfjs-wasm that
 * every gather-based layout loses, and tfjs-wasm has no UnsortedSegmentSum kernel. Then
 * `npx tsx bench/tfjs/run.ts --layouts-only` (bench/tfjs/layouts.json), one 4000 -> 4000
 * projection, CPU ms per step, SparseSegmentSum vs MatMul by density: 0.01: 1.3 vs 7.4;
 * 0.02: 2.4 vs 7.3; 0.05: 5.2 vs 7.3; 0.07: 6.8 vs 7.5; 0.1: 9.4 vs 8.5; 0.14: 12.4 vs 7.8;
 * 0.2: 17.9 vs 7.0. SparseSegmentSum costs ~6 ns per synapse, MatMul ~0.46 ns per matrix entry
 * whatever the density, so they cross near 8 %: DENSE_MIN_DENSITY.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import type { Csr } from '../../connectivity';

/** Fraction of nPre·nPost above which the dense layout is used (measured crossover, see above). */
export const DENSE_MIN_DENSITY = 0.08;
/** Largest dense matrix, entries (float32: 256 MiB); beyond it the segment layout is used whatever the density. */
export const DENSE_MAX_ENTRIES = 2 ** 26;

export type Layout = 'segment' | 'dense';

export function chooseLayout(csr: Csr): Layout {
  const entries = csr.nPre * csr.nPost;
  const nSyn = csr.col.length;
  return nSyn > 0 && entries <= DENSE_MAX_ENTRIES && nSyn >= DENSE_MIN_DENSITY * entries ? 'dense' : 'segment';
}

/** Increments of one projection. `weights` null means every synapse has weight `weight`. */
export interface Propagator {
  readonly layout: Layout;
  /** Increments [nPost] for the 0/1 spike mask `spk` [nPre]; call inside a tidy. */
  increments(spk: Tensor): Tensor;
  setWeights(weight: number, weights: Float32Array | null): void;
  dispose(): void;
}

export class SegmentPropagator implements Propagator {
  readonly layout = 'segment';
  /** Presynaptic and postsynaptic neuron of each synapse, in target-sorted order (int32). */
  readonly pre: Tensor1D;
  readonly post: Tensor1D;
  /** Synapse index in CSR order of each sorted position. */
  private readonly perm: Int32Array;
  private iota: Tensor1D | null = null;
  private w: Tensor | null = null;
  private weight = 0;
  /** SparseSegmentSum returns (last target + 1) rows; the rest are padded with zeros. */
  private readonly missing: number;

  constructor(private readonly csr: Csr, weight: number, weights: Float32Array | null) {
    const { rowPtr, col, nPre, nPost } = csr;
    const nSyn = col.length;
    // Counting sort by target, stable so each target's synapses keep CSR order.
    const start = new Int32Array(nPost + 1);
    for (let e = 0; e < nSyn; e++) start[col[e] + 1]++;
    for (let j = 0; j < nPost; j++) start[j + 1] += start[j];
    const fill = start.slice(0, nPost);
    const perm = new Int32Array(nSyn);
    const pre = new Int32Array(nSyn);
    const post = new Int32Array(nSyn);
    for (let i = 0; i < nPre; i++) {
      for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
        const at = fill[col[e]]++;
        perm[at] = e;
        pre[at] = i;
        post[at] = col[e];
      }
    }
    this.perm = perm;
    this.pre = tf.keep(tf.tensor1d(pre, 'int32'));
    this.post = tf.keep(tf.tensor1d(post, 'int32'));
    this.missing = nSyn === 0 ? nPost : nPost - (post[nSyn - 1] + 1);
    this.setWeights(weight, weights);
  }

  setWeights(weight: number, weights: Float32Array | null): void {
    this.w?.dispose();
    this.w = null;
    this.weight = weight;
    if (weights) {
      const sorted = new Float32Array(this.perm.length);
      for (let k = 0; k < sorted.length; k++) sorted[k] = weights[this.perm[k]];
      this.w = tf.keep(tf.tensor1d(sorted));
      this.iota ??= tf.keep(tf.range(0, this.perm.length, 1, 'int32'));
    }
  }

  /** Per-synapse weights in target-sorted order (STDP changes them every step). */
  weightTensor(): Tensor {
    if (!this.w) {
      this.w = tf.keep(tf.fill([this.perm.length], this.weight));
      this.iota ??= tf.keep(tf.range(0, this.perm.length, 1, 'int32'));
    }
    return this.w;
  }

  /** Replace the per-synapse weights (target-sorted order); the propagator keeps `w`. */
  setWeightTensor(w: Tensor): void {
    if (w === this.w) return;
    tf.keep(w);
    this.w?.dispose();
    this.w = w;
  }

  /** The weights in CSR order (the typed backend's synapse order). */
  csrWeights(): Float64Array {
    const sorted = this.weightTensor().dataSync();
    const out = new Float64Array(this.perm.length);
    for (let k = 0; k < out.length; k++) out[this.perm[k]] = sorted[k];
    return out;
  }

  increments(spk: Tensor): Tensor {
    const nPost = this.csr.nPost;
    if (this.perm.length === 0) return tf.zeros([nPost]);
    let inc: Tensor;
    if (this.w && this.iota) {
      const perSynapse = tf.mul(tf.sparse.sparseSegmentSum(spk, this.pre, this.iota), this.w);
      inc = tf.sparse.sparseSegmentSum(perSynapse as Tensor1D, this.iota, this.post);
    } else {
      inc = tf.mul(tf.sparse.sparseSegmentSum(spk, this.pre, this.post), this.weight);
    }
    return this.missing > 0 ? tf.pad(inc, [[0, this.missing]]) : inc;
  }

  dispose(): void {
    for (const t of [this.pre, this.post, this.iota, this.w]) t?.dispose();
  }
}

class DensePropagator implements Propagator {
  readonly layout = 'dense';
  private W: Tensor | null = null;

  constructor(private readonly csr: Csr, weight: number, weights: Float32Array | null) {
    this.setWeights(weight, weights);
  }

  setWeights(weight: number, weights: Float32Array | null): void {
    const { rowPtr, col, nPre, nPost } = this.csr;
    const m = new Float32Array(nPre * nPost);
    for (let i = 0; i < nPre; i++) {
      for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) m[i * nPost + col[e]] += weights ? weights[e] : weight;
    }
    this.W?.dispose();
    this.W = tf.keep(tf.tensor2d(m, [nPre, nPost]));
  }

  increments(spk: Tensor): Tensor {
    const { nPre, nPost } = this.csr;
    return tf.reshape(tf.matMul(tf.reshape(spk, [1, nPre]), this.W as Tensor), [nPost]);
  }

  dispose(): void {
    this.W?.dispose();
  }
}

export function makePropagator(csr: Csr, weight: number, weights: Float32Array | null, layout: Layout = chooseLayout(csr)): Propagator {
  return layout === 'dense' ? new DensePropagator(csr, weight, weights) : new SegmentPropagator(csr, weight, weights);
}
