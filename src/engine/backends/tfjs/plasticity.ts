/**
 * A projection's plasticity rule (modelspec/plasticity/<folder>) on tensors, run from its spec with
 * the same statements in the same order as the typed backend (typed/plasticity.ts). Each step every
 * event-driven state first takes one step of its closed-form decay (X ← inf + (X − inf)·e^{rate·dt}),
 * then the statements run for the neurons that spiked: one assigning a neuron's state is taken
 * where that neuron's spike mask is set, one assigning w where the synapse's pre (on_pre) or post
 * (on_post) neuron spiked. A rule that transmits (STP, STD) runs in the propagation (`scale`), a
 * rule that changes w (STDP) in the plasticity phase (`update`) on the segment layout's
 * per-synapse weights (target-sorted order). Parameter-only arithmetic is done in float64 before it
 * meets a tensor, as the hand-written kernels did.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { AssignOp, BinaryOp, Expr } from '../../../shared/modelspec/ast';
import type { RuleStep } from '../../../shared/modelspec/check';
import { unitWord } from '../../../shared/modelspec/dimension';
import type { PlasticityIR } from '../../ir';
import type { SegmentPropagator } from './propagate';
import { Held } from './tensors';
import { plasticityRule, type PlasticityRule, statementValue, stepDecay } from '../common/plasticity';

type Value = number | Tensor;
type Env = (name: string) => Value;

const UNARY: Readonly<Record<string, [(x: number) => number, (x: Tensor) => Tensor]>> = {
  exp: [Math.exp, tf.exp], log: [Math.log, tf.log], sqrt: [Math.sqrt, tf.sqrt], abs: [Math.abs, tf.abs],
  sin: [Math.sin, tf.sin], cos: [Math.cos, tf.cos], tanh: [Math.tanh, tf.tanh],
};

const BINARY: Partial<Record<BinaryOp, [(a: number, b: number) => number, (a: Value, b: Value) => Tensor]>> = {
  '+': [(a, b) => a + b, tf.add], '-': [(a, b) => a - b, tf.sub], '*': [(a, b) => a * b, tf.mul],
  '/': [(a, b) => a / b, tf.div], '**': [(a, b) => a ** b, tf.pow],
};

/** Value of `e`: a number while only parameters and constants are involved, else a tensor. */
function evaluate(e: Expr, env: Env): Value {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'unit':
      return unitWord(e.name)?.value ?? NaN;
    case 'name':
      return env(e.name);
    case 'unary': {
      const a = evaluate(e.arg, env);
      if (e.op !== '-') throw new Error('"not" has no value in a plasticity rule.');
      return typeof a === 'number' ? -a : tf.neg(a);
    }
    case 'binary': {
      const f = BINARY[e.op];
      if (!f) throw new Error(`"${e.op}" has no value in a plasticity rule.`);
      const l = evaluate(e.left, env);
      const r = evaluate(e.right, env);
      if (typeof l === 'number' && typeof r === 'number') return f[0](l, r);
      // 1·x is x exactly: transmit's w at 1 costs no operation
      if (e.op === '*' && (l === 1 || r === 1)) return l === 1 ? r : l;
      return f[1](l, r);
    }
    case 'call': {
      const args = e.args.map((a) => evaluate(a, env));
      if (args.every((a) => typeof a === 'number')) {
        const n = args as number[];
        if (e.fn === 'clip') return Math.min(Math.max(n[0], n[1]), n[2]);
        if (e.fn === 'min') return Math.min(n[0], n[1]);
        if (e.fn === 'max') return Math.max(n[0], n[1]);
        return UNARY[e.fn][0](n[0]);
      }
      if (e.fn === 'clip') return tf.minimum(tf.maximum(args[0], args[1]), args[2]);
      if (e.fn === 'min') return tf.minimum(args[0], args[1]);
      if (e.fn === 'max') return tf.maximum(args[0], args[1]);
      const f = UNARY[e.fn];
      if (!f) throw new Error(`The tfjs plasticity kernel has no function "${e.fn}".`);
      return f[1](args[0] as Tensor);
    }
  }
}

/**
 * `x op v` where `mask` (0/1) is set, x elsewhere. An increment is masked by multiplying it (x ± 1·v
 * and x ± 0 are exact, so this gives the bits of a select, at a fraction of tf.where's cost on the
 * WebAssembly backend); other assignments select.
 */
function masked(op: AssignOp, x: Tensor, v: Value, mask: Tensor, select: () => Tensor): Tensor {
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

  /** `prop`: the segment propagator holding per-synapse weights (needed by a rule that changes w). */
  constructor(p: PlasticityIR, nPre: number, nPost: number, dt: number, private readonly prop: SegmentPropagator | null) {
    this.rule = plasticityRule(p);
    for (const s of this.rule.states) this.states.set(s.name, new Held(tf.fill([s.side === 'pre' ? nPre : nPost], s.init)));
    this.decay = new Map(this.rule.states.map((s) => [s.name, stepDecay(s, dt)]));
    this.sideOf = new Map(this.rule.states.map((s) => [s.name, s.side]));
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
    const factor = this.run(this.rule.onPre, 'pre', spk, now, null);
    this.keep(now);
    return factor ? tf.mul(spk, factor) : spk;
  }

  /** The plasticity phase: `pre` and `post` are this step's 0/1 spike masks. Call inside a tidy. */
  update(pre: Tensor, post: Tensor): void {
    const prop = this.prop as SegmentPropagator;
    const now = this.decayStep();
    const w = { value: prop.weightTensor() };
    this.run(this.rule.onPre, 'pre', pre, now, w);
    this.run(this.rule.onPost, 'post', post, now, w);
    prop.setWeightTensor(w.value);
    this.keep(now);
  }

  private keep(now: ReadonlyMap<string, Tensor>): void {
    for (const [name, x] of now) this.states.get(name)?.set(x);
  }

  /** Run one event's statements for the neurons of `side` whose mask is set; returns the transmit factor (per neuron), if any. */
  private run(steps: readonly RuleStep[], side: 'pre' | 'post', mask: Tensor, now: Map<string, Tensor>, w: { value: Tensor } | null): Value | undefined {
    const params = this.rule.params;
    let spiked: Tensor | null = null;
    const select = (): Tensor => (spiked ??= tf.greater(mask, 0));
    let factor: Value | undefined;
    let synMask: Tensor | null = null;
    let synSpiked: Tensor | null = null;
    for (const st of steps) {
      const s = st.statement;
      if (st.scope !== 'synapse') {
        const env: Env = (n) => (n === 'w' ? 1 : params.get(n) ?? (now.get(n) as Tensor));
        const v = evaluate(statementValue(s), env);
        if ('transmit' in s) factor = v; // w times a factor (check.ts): its value at w = 1
        else now.set(s.target, masked(s.op, now.get(s.target) as Tensor, v, mask, select));
        continue;
      }
      if (!w || 'transmit' in s) continue;
      const prop = this.prop as SegmentPropagator;
      const env: Env = (n) => {
        if (n === 'w') return w.value;
        const p = params.get(n);
        if (p !== undefined) return p;
        return tf.gather(now.get(n) as Tensor, this.sideOf.get(n) === 'pre' ? prop.pre : prop.post);
      };
      synMask ??= tf.gather(mask, side === 'pre' ? prop.pre : prop.post);
      const synSelect = (): Tensor => (synSpiked ??= tf.greater(synMask as Tensor, 0));
      w.value = masked(s.op, w.value, evaluate(s.value, env), synMask, synSelect);
    }
    return factor;
  }

  dispose(): void {
    for (const h of this.states.values()) h.dispose();
  }
}
