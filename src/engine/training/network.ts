/**
 * A network compiled for surrogate-gradient training: the same IR the simulator runs, stepped on
 * batched tensors [batch, neurons] with the simulator's order (SEMANTICS.md): spikes stored at the
 * end of step n-1 are propagated (spk · W), the Expon synapses decay and add them (exponStep), CUBA
 * hands g on as current, the LIF resets from the previous spike and integrates exactly
 * (lifCubaIntegrate), and spikes V >= V_th. The synapse step is the tfjs backend's; the LIF step is
 * the exact solution of LIF's spec written on batched tensors (the simulator's tfjs LIF runs from the
 * spec itself, spec/tfjsKernel.ts); here the spike is a function with a surrogate derivative and the
 * weights and tau may be tf.variables.
 *
 * What it trains: LIF populations (soft or hard reset) driven through Expon + CUBA projections
 * without delay or plasticity, from one SpikeTimes population that the task fills per sample.
 * Anything else is refused with the node named, before any tensor is made.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Csr } from '../connectivity';
import { connectNetwork } from '../connectNetwork';
import type { NetworkIR, PopulationIR } from '../ir';
import { streamFor } from '../random';
import { fillValues, isRandom, resolveValues32 } from '../values';
import { need, paramArray } from '../backends/common/params';
import { paramTensor, compactTensor } from '../backends/tfjs/tensors';
import { exponStep } from '../backends/tfjs/synapses';
import { detach, type SpikeFn } from './surrogate';

/**
 * One exact LIF step with current input from the post-reset V (mV): V_inf + (V - V_inf) e^{-dt/tau},
 * V_inf = V_rest + R I (I in nA, R in MΩ, `decay` = e^{-dt/tau}, a tensor when tau is trained).
 */
function lifCubaIntegrate(v: Tensor, I: Tensor | null, rest: Tensor | number, R: Tensor | number, decay: Tensor | number): Tensor {
  const vinf = I ? tf.add(rest, tf.mul(R, I)) : rest;
  return tf.add(vinf, tf.mul(tf.sub(v, vinf), decay));
}

/** How the output population's activity becomes class scores. */
export type ReadoutKind = 'count' | 'max_v';

export interface TrainableSpec {
  /** Id of the SpikeTimes population the task's samples are fed into. */
  readonly input: string;
  /** Id of the output population (one neuron per class) and how it is read. */
  readonly readout: { readonly population: string; readonly kind: ReadoutKind };
  /** Ids of projections whose weights are trained. */
  readonly projections: readonly string[];
  /** Ids of populations whose membrane time constant tau is trained. */
  readonly taus?: readonly string[];
  /** Send no gradient through the reset (Zenke & Vogels 2021 do this); default true. */
  readonly detachReset?: boolean;
}

/** A problem that stops training, naming the node and field. */
export class TrainingSetupError extends Error {
  constructor(readonly nodeId: string, readonly field: string, message: string) {
    super(message);
  }
}

interface PopState {
  readonly ir: PopulationIR;
  readonly kind: 'input' | 'lif';
  readonly hard: boolean;
  readonly rest: Tensor;
  readonly R: Tensor;
  readonly vth: Tensor;
  readonly vreset: Tensor;
  readonly jump: Tensor;
  /** e^{-dt/tau} computed in float64 like the simulator (fixed tau). */
  readonly decay: Tensor;
  /** tau (ms) as a variable when trained. */
  readonly tau: Variable | null;
  /** Initial V [n], mV. */
  readonly v0: Tensor;
}

interface ProjState {
  readonly id: string;
  readonly pre: number;
  readonly post: number;
  readonly group: number;
  readonly csr: Csr;
  /** Dense weights [nPre, nPost] (multapses summed); a variable when trained. */
  readonly W: Tensor;
  /** 0/1 mask of connected pairs (trained projections only). */
  readonly mask: Tensor | null;
  /** Synapses per (pre, post) pair, to split a trained pair weight back over its multapses. */
  readonly multiplicity: Float32Array;
}

interface GroupState {
  readonly post: number;
  readonly decay: number;
  readonly projections: readonly number[];
}

export interface ForwardResult {
  /** Class scores [B, nClasses]. */
  readonly logits: Tensor;
  /** Spikes [T][B, n] of each population by id, when asked for. */
  readonly spikes?: Map<string, Tensor[]>;
}

const keepT = <T extends Tensor>(t: T): T => tf.keep(t);

export class TrainableNetwork {
  readonly dt: number;
  readonly steps: number;
  readonly nInputs: number;
  readonly nClasses: number;
  private readonly pops: PopState[];
  private readonly projs: ProjState[];
  private readonly groups: GroupState[];
  private readonly inputIndex: number;
  private readonly outputIndex: number;
  private readonly readout: ReadoutKind;
  private readonly detachReset: boolean;

  constructor(readonly ir: NetworkIR, readonly spec: TrainableSpec) {
    this.dt = ir.dt;
    this.steps = ir.steps;
    this.readout = spec.readout.kind;
    this.detachReset = spec.detachReset ?? true;
    const index = (id: string, field: string): number => {
      const k = ir.populations.findIndex((p) => p.id === id);
      if (k < 0) throw new TrainingSetupError(id, field, `training.${field} names "${id}", which is not a population of this network.`);
      return k;
    };
    this.inputIndex = index(spec.input, 'input');
    this.outputIndex = index(spec.readout.population, 'readout.population');
    this.validate();
    const taus = new Set(spec.taus ?? []);
    const trained = new Set(spec.projections);
    for (const id of trained) {
      if (!ir.projections.some((p) => p.id === id)) throw new TrainingSetupError(id, 'trainable', `"${id}" is marked trainable but is not a projection of this network.`);
    }
    this.nInputs = ir.populations[this.inputIndex].size;
    this.nClasses = ir.populations[this.outputIndex].size;
    this.pops = ir.populations.map((p, k) => this.population(p, k === this.inputIndex, taus.has(p.id)));
    const csrs = connectNetwork(ir);
    this.projs = ir.projections.map((p, k) => this.projection(k, csrs[k], trained.has(p.id)));
    this.groups = ir.synapseGroups.map((g) => ({ post: g.post, decay: Math.exp(-ir.dt / g.synapse.params.tau), projections: g.projections }));
  }

  private validate(): void {
    const { ir } = this;
    const input = ir.populations[this.inputIndex];
    if (input.model !== 'SpikeTimes') throw new TrainingSetupError(input.id, 'model', `The task's input "${input.id}" must be a SpikeTimes population (it is ${input.model}); the task writes each sample's spikes into it.`);
    for (const p of ir.populations) {
      if (p === input) continue;
      if (p.model !== 'LIF') throw new TrainingSetupError(p.id, 'model', `Training supports LIF populations; "${p.id}" is ${p.model}. Change its model or leave it out of the trained network.`);
    }
    if (this.outputIndex === this.inputIndex) throw new TrainingSetupError(input.id, 'readout.population', 'The readout population must be a LIF population, not the task input.');
    for (const i of ir.inputs) throw new TrainingSetupError(i.id, 'model', `Training runs on the task's spikes only; remove the current input "${i.id}" (or train without it).`);
    for (const p of ir.projections) {
      if (p.delaySteps !== 0) throw new TrainingSetupError(p.id, 'delay', `Training supports projections without delay; "${p.id}" has ${p.delaySteps} steps.`);
      if (p.plasticity) throw new TrainingSetupError(p.id, 'plasticity', `"${p.id}" has ${p.plasticity.model} plasticity; remove it to train this network by gradients.`);
      if (p.post === this.inputIndex) throw new TrainingSetupError(p.id, 'to', `"${p.id}" targets the task's input population, which only replays the samples.`);
    }
    for (const g of ir.synapseGroups) {
      const id = ir.projections[g.projections[0]].id;
      if (g.synapse.model !== 'Expon') throw new TrainingSetupError(id, 'synapse.model', `Training supports the Expon synapse; "${id}" uses ${g.synapse.model}.`);
      if (g.output.model !== 'CUBA') throw new TrainingSetupError(id, 'output.model', `Training supports the CUBA output; "${id}" uses ${g.output.model}.`);
    }
  }

  private population(p: PopulationIR, isInput: boolean, trainTau: boolean): PopState {
    const n = p.size;
    const seed = this.ir.seed;
    const scalar = (x: number): Tensor => keepT(tf.scalar(x));
    if (isInput) {
      const z = scalar(0);
      return { ir: p, kind: 'input', hard: false, rest: z, R: z, vth: z, vreset: z, jump: z, decay: z, tau: null, v0: keepT(tf.zeros([n])) };
    }
    const par = (name: string): Tensor => keepT(paramTensor(need(p.params, name, p.id), n, seed, p.id, name));
    const tauValues = paramArray(need(p.params, 'tau', p.id), n, seed, p.id, 'tau');
    const init = p.init.V ?? { kind: 'scalar', value: 0 };
    const v0 = new Float64Array(n);
    fillValues(init, v0, isRandom(init) ? streamFor(seed, 'init', p.id, 'V') : null, `${p.id}.init.V`);
    const vth = par('V_th');
    const vreset = par('V_reset');
    return {
      ir: p,
      kind: 'lif',
      hard: (p.choices.reset ?? 'soft') === 'hard',
      rest: par('V_rest'),
      R: par('R'),
      vth,
      vreset,
      jump: keepT(tf.sub(vth, vreset)),
      decay: keepT(compactTensor(tauValues.map((t) => Math.exp(-this.ir.dt / t)))),
      tau: trainTau ? tf.variable(tf.tensor1d(Float32Array.from(tauValues)), true, `${p.id}.tau`) : null,
      v0: keepT(tf.tensor1d(Float32Array.from(v0))),
    };
  }

  private projection(k: number, csr: Csr, trained: boolean): ProjState {
    const p = this.ir.projections[k];
    const { rowPtr, col, nPre, nPost } = csr;
    const w = resolveValues32(p.weight, col.length, isRandom(p.weight) ? streamFor(this.ir.seed, 'weight', p.id) : null, `${p.id}.weight`);
    const dense = new Float32Array(nPre * nPost);
    const multiplicity = new Float32Array(nPre * nPost);
    for (let i = 0; i < nPre; i++) {
      for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
        dense[i * nPost + col[e]] += w[e];
        multiplicity[i * nPost + col[e]] += 1;
      }
    }
    const W0 = tf.tensor2d(dense, [nPre, nPost]);
    const W = trained ? tf.variable(W0, true, `${p.id}.weight`) : keepT(W0);
    if (trained) W0.dispose();
    const mask = trained ? keepT(tf.tensor2d(multiplicity.map((m) => (m > 0 ? 1 : 0)), [nPre, nPost])) : null;
    return { id: p.id, pre: p.pre, post: p.post, group: p.group, csr, W, mask, multiplicity };
  }

  /** The tensors the optimizer updates. */
  variables(): Variable[] {
    const out: Variable[] = [];
    for (const p of this.projs) if (p.mask) out.push(p.W as Variable);
    for (const p of this.pops) if (p.tau) out.push(p.tau);
    return out;
  }

  /**
   * Run a batch: `inputs` are T tensors [B, nInputs] (0/1, the input's spikes of each step).
   * Returns class scores: the output population's spike count, or its maximum V (mV) over the run.
   * Call inside a tidy (or an optimizer's minimize); every tensor made here is intermediate.
   */
  forward(inputs: readonly Tensor[], spike: SpikeFn, record = false): ForwardResult {
    const B = inputs[0].shape[0] as number;
    const T = inputs.length;
    const V: (Tensor | null)[] = this.pops.map((p) => (p.kind === 'lif' ? tf.tile(tf.expandDims(p.v0, 0), [B, 1]) : null));
    let spk: Tensor[] = this.pops.map((p, k) =>
      p.kind === 'lif' ? tf.cast(tf.greaterEqual(V[k] as Tensor, p.vth), 'float32') : tf.zeros([B, p.ir.size]),
    );
    const g: Tensor[] = this.groups.map((grp) => tf.zeros([B, this.pops[grp.post].ir.size]));
    const W = this.projs.map((p) => (p.mask ? tf.mul(p.W, p.mask) : p.W));
    const decay = this.pops.map((p) => (p.tau ? tf.exp(tf.div(-this.dt, p.tau)) : p.decay));
    let score: Tensor | null = null;
    const spikes = record ? new Map<string, Tensor[]>(this.pops.map((p) => [p.ir.id, []])) : undefined;
    for (let t = 0; t < T; t++) {
      // Phase 2-3: the spikes stored at the end of step t-1 reach the synapses of step t.
      for (let k = 0; k < this.groups.length; k++) {
        let due: Tensor | null = null;
        for (const j of this.groups[k].projections) {
          const inc = tf.matMul(spk[this.projs[j].pre], W[j]);
          due = due ? tf.add(due, inc) : inc;
        }
        g[k] = exponStep(g[k], this.groups[k].decay, due);
      }
      // Phase 5: every population updates from the same previous spikes.
      const next: Tensor[] = [];
      for (let k = 0; k < this.pops.length; k++) {
        const p = this.pops[k];
        if (p.kind === 'input') {
          next.push(inputs[t]);
          continue;
        }
        let I: Tensor | null = null;
        for (let q = 0; q < this.groups.length; q++) if (this.groups[q].post === k) I = I ? tf.add(I, g[q]) : g[q];
        const s = this.detachReset ? detach(spk[k]) : spk[k];
        const v = V[k] as Tensor;
        const vReset = p.hard ? tf.add(tf.mul(v, tf.sub(1, s)), tf.mul(p.vreset, s)) : tf.sub(v, tf.mul(p.jump, s));
        const vNew = lifCubaIntegrate(vReset, I, p.rest, p.R, decay[k]);
        V[k] = vNew;
        next.push(spike(tf.sub(vNew, p.vth)));
      }
      spk = next;
      if (spikes) for (let k = 0; k < this.pops.length; k++) (spikes.get(this.pops[k].ir.id) as Tensor[]).push(spk[k]);
      const o = this.outputIndex;
      const now = this.readout === 'count' ? spk[o] : (V[o] as Tensor);
      score = score === null ? now : this.readout === 'count' ? tf.add(score, now) : tf.maximum(score, now);
    }
    return { logits: score as Tensor, ...(spikes ? { spikes } : {}) };
  }

  /** Current values of everything trained, to restore the best epoch (early stopping). */
  snapshot(): Tensor[] {
    return this.variables().map((v) => tf.keep(tf.clone(v)));
  }

  restore(values: readonly Tensor[]): void {
    this.variables().forEach((v, k) => v.assign(values[k]));
  }

  /** Per-synapse weights of a trained projection in CSR order (internal units), pair weights split evenly over multapses. */
  synapseWeights(id: string): Float64Array {
    const p = this.projs.find((q) => q.id === id);
    if (!p) throw new Error(`No projection "${id}" in the trained network.`);
    const W = p.W.dataSync();
    const { rowPtr, col, nPre, nPost } = p.csr;
    const out = new Float64Array(col.length);
    for (let i = 0; i < nPre; i++) {
      for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) out[e] = W[i * nPost + col[e]] / p.multiplicity[i * nPost + col[e]];
    }
    return out;
  }

  /** Trained tau (ms) per neuron of a population, or null when its tau is not trained. */
  trainedTau(id: string): Float64Array | null {
    const p = this.pops.find((q) => q.ir.id === id);
    return p?.tau ? Float64Array.from(p.tau.dataSync()) : null;
  }

  /** Number of trained numbers (weights of connected pairs and taus). */
  parameterCount(): number {
    let n = 0;
    for (const p of this.projs) if (p.mask) n += p.multiplicity.reduce((a, m) => a + (m > 0 ? 1 : 0), 0);
    for (const p of this.pops) if (p.tau) n += p.ir.size;
    return n;
  }

  dispose(): void {
    const seen = new Set<Tensor>();
    for (const p of this.pops) for (const t of [p.rest, p.R, p.vth, p.vreset, p.jump, p.decay, p.tau, p.v0]) if (t) seen.add(t);
    for (const p of this.projs) for (const t of [p.W, p.mask]) if (t) seen.add(t);
    for (const t of seen) t.dispose();
  }
}
