/**
 * A spec neuron's step as pure functions of tensors, for autodiff (surrogate-gradient training,
 * training/network.ts): states in, states out, nothing held or written in place, so tfjs can take
 * gradients through every op, with any batch shape ([B, n] or [n]). The expressions are compiled
 * by the tfjs spec compiler (tfjsKernel.ts compileTf); a linear state (LIF's V) takes the exact
 * step x_inf + (x - x_inf)·e^{-dt/D} that the typed kernels take (linearStep.ts), other exact and
 * exponential-Euler states x + dt·exprel(dt·J)·f, Euler states x + dt·f. The reset is written as a
 * blend by the spike value s (0/1): x·(1 - s) + x'·s, so a gradient can flow through s when the
 * trainer does not detach it; the threshold `a >= b` is returned as the distance a - b that a
 * surrogate spike function reads.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Expr } from '../../shared/modelspec/ast';
import type { NeuronSpec } from '../../shared/modelspec/check';
import { dimName } from '../../shared/modelspec/dimension';
import { exprel } from '../backends/tfjs/tensors';
import { compileTf, type TfFn, type Values } from './tfjsKernel';
import { TfStatics } from './tfjsStatics';
import { DET_EXP, linearStep, MATH_EXP } from './linearStep';

/** Parameters by name (coherent units), as tensors or numbers; a trained one is a tf.Variable. */
export type TfParams = ReadonlyMap<string, Tensor>;

/** linearStep's exp markers as plain exp: in float32 tensors both are tf.exp. */
function plainExp(e: Expr): Expr {
  switch (e.kind) {
    case 'call': return { ...e, fn: e.fn === MATH_EXP || e.fn === DET_EXP ? 'exp' : e.fn, args: e.args.map(plainExp) };
    case 'unary': return { ...e, arg: plainExp(e.arg) };
    case 'binary': return { ...e, left: plainExp(e.left), right: plainExp(e.right) };
    default: return e;
  }
}

type StateStep = (x: Tensor, v: Values) => Tensor;

export class TfSpecStep {
  /** Index of the voltage state, or -1. */
  readonly voltage: number;
  private readonly index: ReadonlyMap<string, number>;
  private readonly inputName: string | undefined;
  private readonly steps: StateStep[];
  private readonly resets: readonly { target: number; op: string; value: TfFn }[];
  private readonly distance: TfFn;
  private readonly statics: TfStatics;

  /**
   * `choices`: the population's choices (reset = soft | hard); `dt` in ms; `fixed`: the parameters
   * that keep their values for the life of this step (not trained), so a part of an expression
   * that reads only them (LIF's e^{-dt/tau}) is computed once and kept (tfjsStatics.ts). Throws, naming the
   * model, for what this step cannot differentiate: a scheme other than exact, exponential Euler
   * or Euler; sequential order over several states; a refractory period; a threshold that is not
   * `a >= b` or `a > b`; an input other than one current.
   */
  constructor(private readonly spec: NeuronSpec, dt: number, choices: Readonly<Record<string, string>>, fixed: ReadonlySet<string> = new Set()) {
    const refuse = (why: string): never => {
      throw new Error(`${spec.name}: the differentiable spec step ${why}.`);
    };
    const currents = spec.inputs.filter((i) => dimName(i.dim) === 'current');
    if (spec.inputs.length > currents.length || currents.length > 1) refuse(`feeds one current input; this spec declares ${spec.inputs.map((i) => i.name).join(', ')}`);
    if (spec.refractory) refuse('has no refractory period');
    if (spec.order === 'sequential' && spec.states.length > 1) refuse('integrates states simultaneously only');
    this.inputName = currents[0]?.name;
    this.voltage = spec.states.findIndex((s) => dimName(s.dim) === 'voltage');
    this.index = new Map(spec.states.map((s, k) => [s.name, k]));
    const subs = new Map([...spec.subexpressions].map(([k, v]) => [k, v.value]));
    const dynamic = [...spec.states.map((x) => x.name), ...spec.inputs.map((i) => i.name), 't', ...spec.params.map((p) => p.name).filter((p) => !fixed.has(p))];
    this.statics = new TfStatics(fixed, new Set(dynamic));
    const compile = (e: Expr): TfFn => compileTf(e, subs, new Set(), this.statics);
    this.steps = spec.states.map((s): StateStep => {
      if (s.scheme === 'euler') {
        const f = compile(s.rhs);
        return (x, v) => tf.add(x, tf.mul(dt, f(v)));
      }
      if (s.scheme !== 'exact' && s.scheme !== 'exponential_euler') return refuse(`takes exact, exponential Euler or Euler states (${s.name} is ${s.scheme})`);
      const lin = linearStep(spec, s, s.rhs, dt);
      if (lin) {
        const xinf = compile(plainExp(lin.xinf));
        const decay = compile(plainExp(lin.decay));
        return (x, v) => {
          const inf = xinf(v);
          return tf.add(inf, tf.mul(tf.sub(x, inf), decay(v)));
        };
      }
      const f = compile(s.rhs);
      const J = compile(s.jacobian);
      return (x, v) => tf.add(x, tf.mul(tf.mul(dt, exprel(tf.mul(dt, J(v)))), f(v)));
    });
    const chosen = (c: string): string => choices[c] ?? spec.choices.find((x) => x.name === c)?.options[0] ?? '';
    this.resets = spec.resets
      .filter((r) => !r.when || chosen(r.when.choice) === r.when.option)
      .flatMap((r) => r.statements.map((st) => ({ target: this.index.get(st.target) as number, op: st.op, value: compile(st.value) })));
    const th = spec.threshold;
    const cond = th && !th.rising ? th.condition : undefined;
    if (cond?.kind !== 'binary' || (cond.op !== '>=' && cond.op !== '>')) throw new Error(`${spec.name}: the differentiable spec step needs a threshold of the form a >= b.`);
    this.distance = compile({ kind: 'binary', op: '-', left: cond.left, right: cond.right, pos: cond.pos });
  }

  /** Name lookup over states `x`, parameters and the input current `I` (nA; absent: 0). */
  private values(x: readonly Tensor[], params: TfParams, I: Tensor | null = null): Values {
    return (name) => {
      const k = this.index.get(name);
      if (k !== undefined) return x[k];
      const p = params.get(name);
      if (p) return p;
      if (name === this.inputName) return I ?? tf.scalar(0);
      return undefined;
    };
  }

  /** The spec's reset statements applied where `s` (0/1, the stored spike) is 1, statement by statement. */
  reset(x: readonly Tensor[], s: Tensor, params: TfParams): Tensor[] {
    let y = [...x];
    for (const r of this.resets) {
      const value = r.value(this.values(y, params));
      const old = y[r.target];
      const updated = r.op === '=' ? value : r.op === '+=' ? tf.add(old, value) : r.op === '-=' ? tf.sub(old, value) : r.op === '*=' ? tf.mul(old, value) : tf.div(old, value);
      y = [...y];
      // old·(1 - s) + new·s is exactly old or new for s = 0 or 1 (old + s·(new - old) would round)
      y[r.target] = tf.add(tf.mul(old, tf.sub(1, s)), tf.mul(updated, s));
    }
    return y;
  }

  /** Every state one step on, all reading the values before the step, with input current `I` (nA). */
  integrate(x: readonly Tensor[], params: TfParams, I: Tensor | null): Tensor[] {
    const v = this.values(x, params, I);
    return this.steps.map((step, k) => step(x[k], v));
  }

  /** The threshold's a - b (for LIF V - V_th, mV): the neuron spikes where it is >= 0. */
  thresholdDistance(x: readonly Tensor[], params: TfParams): Tensor {
    return this.distance(this.values(x, params));
  }

  /**
   * Compute the kept values of fixed parameters now (one reset, step and threshold on `x`), so
   * they exist from construction on and no tensor appears later (the trainer's tensor count).
   */
  warm(x: readonly Tensor[], params: TfParams): void {
    tf.tidy(() => {
      const y = this.integrate(this.reset(x, tf.onesLike(x[0]), params), params, null);
      this.thresholdDistance(y, params);
    });
  }

  /** The spec's parameter names. */
  get params(): readonly string[] {
    return this.spec.params.map((p) => p.name);
  }

  /** Free the kept values of fixed parameters. */
  dispose(): void {
    this.statics.clear();
  }
}
