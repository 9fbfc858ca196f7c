/**
 * A network compiled for surrogate-gradient training: the same IR the simulator runs, stepped on
 * batched tensors [batch, neurons] with the simulator's order (SEMANTICS.md): spikes stored at the
 * end of step n-1 are propagated (spk · W), the Expon synapses decay and add them (exponStep), CUBA
 * hands g on as current, and each LIF population takes its spec's step (spec/tfjsStep.ts, compiled
 * from src/shared/modelspec/neurons/lif by the tfjs spec compiler, as the simulator's tfjs LIF is):
 * reset from the previous spike, the exact integration, and the threshold V >= V_th read as the
 * distance V - V_th by a spike function with a surrogate derivative. Weights and tau may be
 * tf.variables.
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
import { paramTensor } from '../backends/tfjs/tensors';
import { exponStep } from '../backends/tfjs/synapses';
import { getBundledNeuronModel, internalPerCoherent } from '../../shared/modelspec/registry';
import { constantValue } from '../../shared/modelspec/check';
import { dimName } from '../../shared/modelspec/dimension';
import { TfSpecStep } from '../spec/tfjsStep';
import { detach, type SpikeFn } from './surrogate';

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
  /** The spec's step (null for the input). */
  readonly step: TfSpecStep | null;
  /** The spec's parameters (coherent units), tau a variable when trained. */
  readonly params: ReadonlyMap<string, Tensor>;
  /** tau (ms) as a variable when trained. */
  readonly tau: Variable | null;
  /** Initial value [n] of each of the spec's states (LIF: V, mV). */
  readonly x0: readonly Tensor[];
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
    if (isInput) return { ir: p, kind: 'input', step: null, params: new Map(), tau: null, x0: [] };
    const { spec } = getBundledNeuronModel(p.model) ?? (() => {
      throw new TrainingSetupError(p.id, 'model', `No spec for ${p.model}.`);
    })();
    const params = new Map<string, Tensor>();
    let tau: Variable | null = null;
    for (const q of spec.params) {
      const scale = internalPerCoherent(dimName(q.dim) ?? 'dimensionless');
      if (q.name === 'tau' && trainTau) {
        const values = paramArray(need(p.params, 'tau', p.id), n, seed, p.id, 'tau').map((x) => x / scale);
        params.set(q.name, (tau = tf.variable(tf.tensor1d(Float32Array.from(values)), true, `${p.id}.tau`)));
      } else {
        const value = (): Tensor => paramTensor(need(p.params, q.name, p.id), n, seed, p.id, q.name);
        params.set(q.name, keepT(scale === 1 ? value() : tf.tidy(() => tf.div(value(), scale))));
      }
    }
    const fixed = new Set(spec.params.map((q) => q.name).filter((name) => !(name === 'tau' && trainTau)));
    const x0 = spec.states.map((st) => {
      const init = p.init[st.name] ?? { kind: 'scalar' as const, value: constantValue(st.init).value };
      const x = new Float64Array(n);
      fillValues(init, x, isRandom(init) ? streamFor(seed, 'init', p.id, st.name) : null, `${p.id}.init.${st.name}`);
      return keepT(tf.tensor1d(Float32Array.from(x)));
    });
    const step = new TfSpecStep(spec, this.ir.dt, p.choices, fixed);
    step.warm(x0, params);
    return { ir: p, kind: 'lif', step, params, tau, x0 };
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
    const X: Tensor[][] = this.pops.map((p) => p.x0.map((x) => tf.tile(tf.expandDims(x, 0), [B, 1])));
    const voltage = (k: number): Tensor => X[k][(this.pops[k].step as TfSpecStep).voltage];
    let spk: Tensor[] = this.pops.map((p, k) =>
      p.step ? tf.cast(tf.greaterEqual(p.step.thresholdDistance(X[k], p.params), 0), 'float32') : tf.zeros([B, p.ir.size]),
    );
    const g: Tensor[] = this.groups.map((grp) => tf.zeros([B, this.pops[grp.post].ir.size]));
    const W = this.projs.map((p) => (p.mask ? tf.mul(p.W, p.mask) : p.W));
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
        const step = p.step;
        if (!step) {
          next.push(inputs[t]);
          continue;
        }
        let I: Tensor | null = null;
        for (let q = 0; q < this.groups.length; q++) if (this.groups[q].post === k) I = I ? tf.add(I, g[q]) : g[q];
        const s = this.detachReset ? detach(spk[k]) : spk[k];
        X[k] = step.integrate(step.reset(X[k], s, p.params), p.params, I);
        next.push(spike(step.thresholdDistance(X[k], p.params)));
      }
      spk = next;
      if (spikes) for (let k = 0; k < this.pops.length; k++) (spikes.get(this.pops[k].ir.id) as Tensor[]).push(spk[k]);
      const o = this.outputIndex;
      const now = this.readout === 'count' ? spk[o] : voltage(o);
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
    for (const p of this.pops) {
      for (const t of [...p.params.values(), ...p.x0]) seen.add(t);
      p.step?.dispose();
    }
    for (const p of this.projs) for (const t of [p.W, p.mask]) if (t) seen.add(t);
    for (const t of seen) t.dispose();
  }
}
