/**
 * Plasticity of a projection on typed arrays.
 * - STP / STD (Tsodyks–Markram): state per presynaptic neuron, updated only when it spikes
 *   (the decay since its last spike is applied in closed form, so the recursion is exact);
 *   `efficacy` scales the weights of that spike's row.
 * - STDP (pair-based, all-to-all pairs through traces): a pre trace per presynaptic neuron
 *   (tau_plus) and a post trace per postsynaptic neuron (tau_minus), read in the plasticity
 *   phase after the neurons have spiked. Spike times are the neurons' own (no transmission
 *   delay). In one step presynaptic events go first, as Brian2 orders on_pre before on_post,
 *   so a pair at Δt = 0 potentiates.
 */
import type { PlasticityIR } from '../../ir';
import type { Csr } from '../../connectivity';
import { stdpConstants } from '../common/plasticity';

/** Long before any step: no spike has happened yet. */
const NEVER = -(2 ** 30);

/** Scales the increment of a presynaptic spike. */
export interface ShortTerm {
  /** Efficacy of neuron i's spike arriving at step s (1 = full weight); updates its state. */
  efficacy(i: number, s: number): number;
}

class TsodyksMarkram implements ShortTerm {
  private readonly u: Float64Array;
  private readonly x: Float64Array;
  private readonly last: Int32Array;

  constructor(nPre: number, private readonly dt: number, private readonly U: number, private readonly tauF: number, private readonly tauD: number) {
    // u starts at 0 so the first spike transmits U·w (Tsodyks & Markram); BrainPy starts at U.
    this.u = new Float64Array(nPre);
    this.x = new Float64Array(nPre).fill(1);
    this.last = new Int32Array(nPre).fill(NEVER);
  }

  efficacy(i: number, s: number): number {
    const elapsed = (s - this.last[i]) * this.dt;
    const uMinus = this.u[i] * Math.exp(-elapsed / this.tauF);
    const xMinus = 1 - (1 - this.x[i]) * Math.exp(-elapsed / this.tauD);
    const uPlus = uMinus + this.U * (1 - uMinus);
    const released = uPlus * xMinus;
    this.u[i] = uPlus;
    this.x[i] = xMinus - released;
    this.last[i] = s;
    return released;
  }
}

class Depression implements ShortTerm {
  private readonly x: Float64Array;
  private readonly last: Int32Array;

  constructor(nPre: number, private readonly dt: number, private readonly U: number, private readonly tau: number) {
    this.x = new Float64Array(nPre).fill(1);
    this.last = new Int32Array(nPre).fill(NEVER);
  }

  efficacy(i: number, s: number): number {
    const xMinus = 1 - (1 - this.x[i]) * Math.exp(-((s - this.last[i]) * this.dt) / this.tau);
    this.x[i] = xMinus * (1 - this.U);
    this.last[i] = s;
    return xMinus;
  }
}

/** The short-term plasticity of a projection, or null when it has none (or has STDP). */
export function shortTerm(p: PlasticityIR | undefined, nPre: number, dt: number): ShortTerm | null {
  if (!p) return null;
  if (p.model === 'STP') return new TsodyksMarkram(nPre, dt, p.params.U, p.params.tau_f, p.params.tau_d);
  if (p.model === 'STD') return new Depression(nPre, dt, p.params.U, p.params.tau);
  return null;
}

/** Spikes of a population in the current step: the first `count` entries of `ids`. */
export interface SpikeList {
  readonly spikes: Int32Array;
  readonly spikeCount: number;
}

export class Stdp {
  private readonly xPre: Float64Array;
  private readonly xPost: Float64Array;
  private readonly ePre: number;
  private readonly ePost: number;
  /** Synapses onto each post neuron (CSC over the CSR's synapse order). */
  private readonly colPtr: Int32Array;
  private readonly colSyn: Int32Array;
  private readonly soft: boolean;
  private readonly aPlus: number;
  private readonly aMinus: number;
  private readonly wMin: number;
  private readonly wMax: number;

  constructor(p: PlasticityIR, private readonly csr: Csr, dt: number) {
    this.xPre = new Float64Array(csr.nPre);
    this.xPost = new Float64Array(csr.nPost);
    const c = stdpConstants(p, dt);
    this.ePre = c.ePre;
    this.ePost = c.ePost;
    this.soft = c.soft;
    this.wMin = c.wMin;
    this.wMax = c.wMax;
    this.aPlus = c.aPlus * c.wMax;
    this.aMinus = c.aMinus * c.wMax;
    const { rowPtr, col, nPost } = csr;
    this.colPtr = new Int32Array(nPost + 1);
    for (let e = 0; e < col.length; e++) this.colPtr[col[e] + 1]++;
    for (let j = 0; j < nPost; j++) this.colPtr[j + 1] += this.colPtr[j];
    this.colSyn = new Int32Array(col.length);
    const fill = this.colPtr.slice(0, nPost);
    for (let i = 0; i < csr.nPre; i++) for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) this.colSyn[fill[col[e]]++] = e;
  }

  /** The plasticity phase of one step, after both populations have spiked. */
  update(pre: SpikeList, post: SpikeList, w: Float64Array): void {
    const { xPre, xPost, ePre, ePost, wMin, wMax, aPlus, aMinus, soft } = this;
    for (let i = 0; i < xPre.length; i++) xPre[i] *= ePre;
    for (let j = 0; j < xPost.length; j++) xPost[j] *= ePost;
    const { rowPtr, col } = this.csr;
    for (let k = 0; k < pre.spikeCount; k++) {
      const i = pre.spikes[k];
      for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) {
        const x = xPost[col[e]];
        if (x === 0) continue;
        const v = w[e];
        const next = soft ? v - (aMinus / wMax) * x * (v - wMin) : v - aMinus * x;
        w[e] = next < wMin ? wMin : next;
      }
      xPre[i] += 1;
    }
    const { colPtr, colSyn } = this;
    for (let k = 0; k < post.spikeCount; k++) {
      const j = post.spikes[k];
      xPost[j] += 1;
      for (let c = colPtr[j], end = colPtr[j + 1]; c < end; c++) {
        const e = colSyn[c];
        const x = xPre[this.preOf(e)];
        if (x === 0) continue;
        const v = w[e];
        const next = soft ? v + (aPlus / wMax) * x * (wMax - v) : v + aPlus * x;
        w[e] = next > wMax ? wMax : next;
      }
    }
  }

  private preOfSyn: Int32Array | null = null;

  /** The presynaptic neuron of synapse e (a lookup table built on first use). */
  private preOf(e: number): number {
    if (!this.preOfSyn) {
      const t = new Int32Array(this.csr.col.length);
      const { rowPtr } = this.csr;
      for (let i = 0; i < this.csr.nPre; i++) t.fill(i, rowPtr[i], rowPtr[i + 1]);
      this.preOfSyn = t;
    }
    return this.preOfSyn[e];
  }
}
