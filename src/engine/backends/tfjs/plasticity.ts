/**
 * A projection's plasticity rule (modelspec/plasticity/<folder>) on tensors, run from its spec with
 * the same statements in the same order as the typed backend (typed/plasticity.ts). Each step every
 * event-driven state first takes one step of its closed-form decay (X ← inf + (X − inf)·e^{rate·dt}),
 * then the statements run for the neurons that spiked: one assigning a neuron's state is taken
 * where that neuron's spike mask is set, one assigning w where the synapse's pre (on_pre) or post
 * (on_post) neuron spiked. A rule that transmits (STP, STD) runs in the propagation (`scale`), a
 * rule that changes w (STDP) in the plasticity phase (`update`) on the segment layout's
 * per-synapse weights (target-sorted order). Parameter-only arithmetic is done in float64 before it
 * meets a tensor, as the hand-written kernels did: the parameters are folded into each statement
 * (common/plasticity.ts foldConstants), w too at 1 in a neuron's statement (its value per unit
 * weight), and the tfjs spec compiler keeps constants as float64 numbers (compileTfMixed).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { AssignOp, RuleStatement } from '../../../shared/modelspec/ast';
import type { RuleStep } from '../../../shared/modelspec/check';
import type { PlasticityIR } from '../../ir';
import { compileTfMixed, type TfValue, type TfValueFn, type Values } from '../../spec/tfjsKernel';
import type { SegmentPropagator } from './propagate';
import { Held } from './tensors';
import { foldConstants, plasticityRule, type PlasticityRule, statementValue, stepDecay } from '../common/plasticity';

/** A statement with its value compiled (tfjsKernel.ts compileTfMixed), its parameters folded in. */
interface Compiled {
  readonly step: RuleStep;
  readonly value: TfValueFn;
}

/**
 * `x op v` where `mask` (0/1) is set, x elsewhere. An increment is masked by multiplying it (x ± 1·v
 * and x ± 0 are exact, so this gives the bits of a select, at a fraction of tf.where's cost on the
 * WebAssembly backend); other assignments select.
 */
function masked(op: AssignOp, x: Tensor, v: TfValue, mask: Tensor, select: () => Tensor): Tensor {
  switch (op) {
    case '+=': return tf.add(x, v === 1 ? mask : tf.mul(mask, v));
    case '-=': return tf.sub(x, v === 1 ? mask : tf.mul(mask, v));
    case '=': return tf.where(select(), typeof v === 'number' ? tf.fill(x.shape, v) : v, x);
    case '*=': return tf.where(select(), tf.mul(x, v), x);
    case '/=': return tf.where(select(), tf.div(x, v), x);
  }
}

export class TfPlasticity {
  private readonly rule: PlasticityRule;
  private readonly states = new Map<string, Held>();
  private readonly decay: ReadonlyMap<string, ReturnType<typeof stepDecay>>;
  private readonly sideOf: ReadonlyMap<string, 'pre' | 'post'>;
  private readonly onPre: readonly Compiled[];
  private readonly onPost: readonly Compiled[];

  /** `prop`: the segment propagator holding per-synapse weights (needed by a rule that changes w). */
  constructor(p: PlasticityIR, nPre: number, nPost: number, dt: number, private readonly prop: SegmentPropagator | null) {
    this.rule = plasticityRule(p);
    for (const s of this.rule.states) this.states.set(s.name, new Held(tf.fill([s.side === 'pre' ? nPre : nPost], s.init)));
    this.decay = new Map(this.rule.states.map((s) => [s.name, stepDecay(s, dt)]));
    this.sideOf = new Map(this.rule.states.map((s) => [s.name, s.side]));
    const params = this.rule.params;
    const perUnitWeight = new Map([...params, ['w', 1]]);
    const compile = (step: RuleStep): Compiled => ({
      step,
      value: compileTfMixed(foldConstants(statementValue(step.statement), step.scope === 'synapse' ? params : perUnitWeight), new Map()),
    });
    this.onPre = this.rule.onPre.map(compile);
    this.onPost = this.rule.onPost.map(compile);
  }

  /** One step of every state's decay between events. */
  private decayStep(): Map<string, Tensor> {
    const now = new Map<string, Tensor>();
    for (const [name, held] of this.states) {
      const { inf, factor, add } = this.decay.get(name) as ReturnType<typeof stepDecay>;
      const x = held.value;
      now.set(name, add !== 0 ? tf.add(x, add) : inf === 0 ? tf.mul(x, factor) : tf.add(tf.mul(tf.sub(x, inf), factor), inf));
    }
    return now;
  }

  /** spk · (what each spike transmits, per unit weight) for this step's spikes; advances the states one step. Call inside a tidy. */
  scale(spk: Tensor): Tensor {
    const now = this.decayStep();
    const factor = this.run(this.onPre, 'pre', spk, now, null);
    this.keep(now);
    return factor ? tf.mul(spk, factor) : spk;
  }

  /** The plasticity phase: `pre` and `post` are this step's 0/1 spike masks. Call inside a tidy. */
  update(pre: Tensor, post: Tensor): void {
    const prop = this.prop as SegmentPropagator;
    const now = this.decayStep();
    const w = { value: prop.weightTensor() };
    this.run(this.onPre, 'pre', pre, now, w);
    this.run(this.onPost, 'post', post, now, w);
    prop.setWeightTensor(w.value);
    this.keep(now);
  }

  private keep(now: ReadonlyMap<string, Tensor>): void {
    for (const [name, x] of now) this.states.get(name)?.set(x);
  }

  /** Run one event's statements for the neurons of `side` whose mask is set; returns the transmit factor (per neuron), if any. */
  private run(steps: readonly Compiled[], side: 'pre' | 'post', mask: Tensor, now: Map<string, Tensor>, w: { value: Tensor } | null): TfValue | undefined {
    let spiked: Tensor | null = null;
    const select = (): Tensor => (spiked ??= tf.greater(mask, 0));
    const states: Values = (n) => now.get(n);
    let factor: TfValue | undefined;
    let synMask: Tensor | null = null;
    let synSpiked: Tensor | null = null;
    for (const { step, value } of steps) {
      const s: RuleStatement = step.statement;
      if (step.scope !== 'synapse') {
        const v = value(states);
        if ('transmit' in s) factor = v; // w times a factor (check.ts): its value at w = 1
        else now.set(s.target, masked(s.op, now.get(s.target) as Tensor, v, mask, select));
        continue;
      }
      if (!w || 'transmit' in s) continue;
      const prop = this.prop as SegmentPropagator;
      const values: Values = (n) => (n === 'w' ? w.value : tf.gather(now.get(n) as Tensor, this.sideOf.get(n) === 'pre' ? prop.pre : prop.post));
      synMask ??= tf.gather(mask, side === 'pre' ? prop.pre : prop.post);
      const synSelect = (): Tensor => (synSpiked ??= tf.greater(synMask as Tensor, 0));
      w.value = masked(s.op, w.value, value(values), synMask, synSelect);
    }
    return factor;
  }

  dispose(): void {
    for (const h of this.states.values()) h.dispose();
  }
}
