/**
 * The tfjs backend's kernel for a model defined by its spec: the checked syntax tree compiled
 * once into functions of tensors (elementwise tf ops), then the spec kernel's step on all neurons
 * at once (specKernel.ts, interpreter.ts): reset where the stored spike is set, integrate by
 * scheme, hold refractory neurons, add voltage jumps, threshold. Same rules as the typed spec
 * kernel, in float32 (tfjs), so results agree with it within float32 rounding, not bit for bit.
 * Nothing is evaluated as text: each node of the tree becomes one tf op.
 */
import { modelWithMethod } from '../../shared/modelspec/method';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BinaryOp, Expr } from '../../shared/modelspec/ast';
import type { SpecState } from '../../shared/modelspec/check';
import { derivative } from '../../shared/modelspec/derivative';
import { dimName, unitWord } from '../../shared/modelspec/dimension';
import { internalPerCoherent, type SpecModel } from '../../shared/modelspec/registry';
import type { PopulationIR, ValueIR } from '../ir';
import { streamFor } from '../random';
import { fillValues, isRandom } from '../values';
import type { KernelContext, TfDrive, TfPopulationKernel } from '../backends/tfjs/kernels';
import { compactTensor, exprel, Held } from '../backends/tfjs/tensors';
import { need, paramArray } from '../backends/common/params';
import { notLiveParameter } from '../backends/common/liveParameters';
import { compileExpr } from './closures';
import { TfStatics } from './tfjsStatics';
import { stepsAtLeast } from '../backends/common/steps';

/** "Steps since the last spike" of a neuron that never spiked; exact in float32. */
const NEVER_STEPS = 2 ** 30;

/** Values a compiled expression reads: states, parameters, t and the input, by name. */
export type Values = (name: string) => Tensor | undefined;
export type TfFn = (v: Values) => Tensor;
/** A value of an expression compiled with float64 constants (compileTfMixed): a JS number or a tensor. */
export type TfValue = number | Tensor;
export type TfValueFn = (v: Values) => TfValue;

const truth = (x: TfValue): Tensor => tf.notEqual(x, 0);
const number = (b: Tensor): Tensor => tf.cast(b, 'float32');

function binaryOp(op: BinaryOp, l: TfValueFn, r: TfValueFn): TfValueFn {
  switch (op) {
    case '+': return (v) => tf.add(l(v), r(v));
    case '-': return (v) => tf.sub(l(v), r(v));
    case '*': return (v) => tf.mul(l(v), r(v));
    case '/': return (v) => tf.div(l(v), r(v));
    case '**': return (v) => tf.pow(l(v), r(v));
    case '<': return (v) => number(tf.less(l(v), r(v)));
    case '<=': return (v) => number(tf.lessEqual(l(v), r(v)));
    case '>': return (v) => number(tf.greater(l(v), r(v)));
    case '>=': return (v) => number(tf.greaterEqual(l(v), r(v)));
    case '==': return (v) => number(tf.equal(l(v), r(v)));
    case '!=': return (v) => number(tf.notEqual(l(v), r(v)));
    case 'and': return (v) => number(tf.logicalAnd(truth(l(v)), truth(r(v))));
    case 'or': return (v) => number(tf.logicalOr(truth(l(v)), truth(r(v))));
  }
}

const CALLS: Readonly<Record<string, (x: TfValue) => Tensor>> = {
  exp: tf.exp, log: tf.log, sqrt: tf.sqrt, abs: tf.abs, exprel: (x) => exprel(typeof x === 'number' ? tf.scalar(x) : x), sin: tf.sin, cos: tf.cos, tanh: tf.tanh,
};

/** Whether `e` is numbers and units only (no name). */
function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
    case 'unit':
      return true;
    case 'name':
      return false;
    case 'unary':
      return isConstant(e.arg);
    case 'call':
      return e.args.every(isConstant);
    case 'binary':
      return isConstant(e.left) && isConstant(e.right);
  }
}

/** A constant expression's value with the typed closures' float64 arithmetic (closures.ts). */
function constantValue(e: Expr): number {
  return compileExpr(e, { frame: new Float64Array(0), slot: () => undefined, leaf: () => undefined, subexpression: () => undefined })();
}

interface Mode {
  readonly subs: ReadonlyMap<string, Expr>;
  readonly statics?: TfStatics;
  /** Constants stay float64 JS numbers (compileTfMixed) instead of float32 scalars. */
  readonly float64: boolean;
}

function compileValue(e: Expr, mode: Mode, seen: ReadonlySet<string>): TfValueFn {
  const { subs, statics, float64 } = mode;
  if (statics && e.kind !== 'name' && statics.isStatic(e, subs, seen)) {
    const f = compileValue(e, { subs, float64 }, seen) as TfFn; // without float64 every value is a tensor
    return statics.memo(f);
  }
  if (float64 && isConstant(e)) {
    const x = constantValue(e);
    return () => x;
  }
  const c = (x: Expr, s = seen): TfValueFn => compileValue(x, mode, s);
  switch (e.kind) {
    case 'number': {
      const x = e.value;
      return () => tf.scalar(x);
    }
    case 'unit': {
      const x = unitWord(e.name)?.value;
      if (x === undefined) throw new Error(`"${e.name}" is not a unit.`);
      return () => tf.scalar(x);
    }
    case 'name': {
      const sub = subs.get(e.name);
      if (sub && !seen.has(e.name)) return c(sub, new Set([...seen, e.name]));
      const name = e.name;
      const unit = unitWord(name)?.value;
      return (v) => {
        const t = v(name);
        if (t) return t;
        if (unit !== undefined) return float64 ? unit : tf.scalar(unit);
        throw new Error(`The tfjs spec kernel has no value for "${name}".`);
      };
    }
    case 'unary': {
      const a = c(e.arg);
      return e.op === '-' ? (v) => tf.neg(a(v)) : (v) => number(tf.equal(a(v), 0));
    }
    case 'call': {
      const args = e.args.map((x) => c(x));
      if (e.fn === 'min' || e.fn === 'max') {
        const [a, b] = args;
        const f = e.fn === 'min' ? tf.minimum : tf.maximum;
        return (v) => f(a(v), b(v));
      }
      if (e.fn === 'clip') {
        // plasticity rules only (check.ts): low first, then high, as Brian2's clip
        const [x, lo, hi] = args;
        return (v) => tf.minimum(tf.maximum(x(v), lo(v)), hi(v));
      }
      const f = CALLS[e.fn];
      if (!f) throw new Error(`The tfjs spec kernel has no function "${e.fn}".`);
      const [a] = args;
      return (v) => f(a(v));
    }
    case 'binary':
      return binaryOp(e.op, c(e.left), c(e.right));
  }
}

/**
 * An expression as a function of tensors; named sub-expressions are inlined. With `statics`, a
 * part that reads parameters and constants only is computed once and kept (tfjsStatics.ts).
 */
export function compileTf(e: Expr, subs: ReadonlyMap<string, Expr>, seen: ReadonlySet<string> = new Set(), statics?: TfStatics): TfFn {
  // every leaf is a tensor (numbers become float32 scalars), so is every value
  return compileValue(e, { subs, statics, float64: false }, seen) as TfFn;
}

/**
 * An expression whose constant parts stay float64: a subtree of numbers and units is computed
 * once with the typed closures' arithmetic, and meets a tensor only as a tf op's operand (tfjs
 * takes it as a float32 scalar). A plasticity rule, its parameters folded into the tree first
 * (common/plasticity.ts foldConstants, which also drops its 1·x), so computes its parameter-only
 * arithmetic as the typed backend does. The value is a number when the whole expression is constant.
 */
export function compileTfMixed(e: Expr, subs: ReadonlyMap<string, Expr>): TfValueFn {
  return compileValue(e, { subs, float64: true }, new Set());
}

type Scheme = SpecState['scheme'];

export class TfSpecKernel implements TfPopulationKernel {
  readonly size: number;
  private readonly states: readonly SpecState[];
  private readonly s: Held[];
  private readonly p = new Map<string, Held>();
  private readonly paramScale = new Map<string, number>();
  private readonly spk: Held;
  private readonly since: Held;
  private readonly refSteps: Held;
  private readonly rhs: TfFn[];
  private readonly jac: TfFn[];
  private readonly dInput: (TfFn | null)[];
  private readonly bound: (TfFn | null)[];
  private readonly threshold: TfFn | null;
  private readonly rising: boolean;
  private readonly resets: readonly { target: number; op: string; value: TfFn }[];
  private readonly refractory: Expr | undefined;
  private readonly inputName: string | undefined;
  private readonly voltage: number;
  private readonly groups: readonly [Scheme, number[]][];
  private readonly index: ReadonlyMap<string, number>;
  private readonly statics: TfStatics;
  /** dt·exprel(dt·J) of an exact or exponential-Euler state whose Jacobian reads parameters only, kept (else null). */
  private readonly factor: (((v: Values) => Tensor) | null)[];
  /** This step's drive while update() runs. */
  private drive: TfDrive | null = null;

  constructor(private readonly pop: PopulationIR, private readonly ctx: KernelContext, private readonly model: SpecModel) {
    const { spec, catalog } = model;
    const n = (this.size = pop.size);
    this.states = spec.states;
    const currents = spec.inputs.filter((i) => dimName(i.dim) === 'current');
    if (spec.inputs.length > currents.length || currents.length > 1) {
      throw new Error(`${pop.model} "${pop.id}": the spec kernel feeds one current input (external plus synaptic); this spec declares ${spec.inputs.map((i) => i.name).join(', ')}.`);
    }
    this.inputName = currents[0]?.name;
    this.voltage = spec.states.findIndex((s) => dimName(s.dim) === 'voltage');
    const subs = new Map([...spec.subexpressions].map(([k, v]) => [k, v.value]));
    this.index = new Map(spec.states.map((s, k) => [s.name, k]));
    this.statics = new TfStatics(new Set(spec.params.map((p) => p.name)), new Set([...this.index.keys(), ...spec.inputs.map((i) => i.name), 't']));
    const statics = this.statics;
    const compile = (e: Expr): TfFn => compileTf(e, subs, new Set(), statics);
    this.rhs = spec.states.map((s) => compile(s.rhs));
    this.jac = spec.states.map((s) => compile(s.jacobian));
    const dt = ctx.dt;
    this.factor = spec.states.map((s, k) =>
      (s.scheme === 'exact' || s.scheme === 'exponential_euler') && statics.isStatic(s.jacobian, subs)
        ? statics.memo((v: Values) => tf.mul(dt, exprel(tf.mul(dt, this.jac[k](v)))))
        : null);
    this.dInput = spec.states.map((s) => {
      if (this.inputName === undefined) return null;
      const d = derivative(s.rhs, this.inputName, (name) => subs.get(name));
      return typeof d === 'string' || (d.kind === 'number' && d.value === 0) ? null : compile(d);
    });
    this.bound = spec.states.map((s) => (s.max ? compile(s.max) : null));
    this.threshold = spec.threshold ? compile(spec.threshold.condition) : null;
    this.rising = spec.threshold?.rising ?? false;
    const chosen = (c: string): string => pop.choices[c] ?? spec.choices.find((x) => x.name === c)?.options[0] ?? '';
    this.resets = spec.resets
      .filter((r) => !r.when || chosen(r.when.choice) === r.when.option)
      .flatMap((r) => r.statements.map((st) => ({ target: this.index.get(st.target) as number, op: st.op, value: compile(st.value) })));
    this.refractory = spec.refractory;
    const order = new Map<Scheme, number[]>();
    spec.states.forEach((s, k) => order.set(s.scheme, [...(order.get(s.scheme) ?? []), k]));
    this.groups = [...order];

    for (const p of catalog.params) this.paramScale.set(p.name, internalPerCoherent(p.dim));
    for (const p of spec.params) this.setParamValue(p.name, need(pop.params, p.name, pop.id));
    const defaults = this.coherentValues();
    this.s = spec.states.map((s) => {
      const init = pop.init[s.name];
      const x = new Float64Array(n);
      if (init) fillValues(init, x, isRandom(init) ? streamFor(ctx.seed, 'init', pop.id, s.name) : null, `${pop.id}.init.${s.name}`);
      else x.set(defaults.map((frame) => frame(s.init)));
      return new Held(tf.tensor1d(Float32Array.from(x)));
    });
    this.refSteps = new Held();
    this.derive();
    this.since = new Held(tf.fill([n], NEVER_STEPS));
    const threshold = this.threshold;
    this.spk = new Held(tf.tidy(() => (threshold ? number(truth(this.full(threshold(this.values(null))))) : tf.zeros([n]))));
  }

  /** Per neuron, a function evaluating an expression of parameters in JS (coherent units): refractory period, initial values. */
  private coherentValues(): ((e: Expr) => number)[] {
    const names = [...this.p.keys()];
    const values = names.map((name) => paramArray(need(this.pop.params, name, this.pop.id), this.size, this.ctx.seed, this.pop.id, name).map((x) => x / (this.paramScale.get(name) ?? 1)));
    const frame = new Float64Array(names.length);
    const slots = new Map(names.map((name, j) => [name, j]));
    return Array.from({ length: this.size }, (_, i) => (e: Expr) => {
      values.forEach((v, j) => (frame[j] = v[i]));
      return compileExpr(e, { frame, slot: (name) => slots.get(name), leaf: () => undefined, subexpression: () => undefined })();
    });
  }

  private setParamValue(name: string, v: ValueIR): void {
    const values = paramArray(v, this.size, this.ctx.seed, this.pop.id, name);
    const scale = this.paramScale.get(name) ?? 1;
    const t = compactTensor(values.map((x) => x / scale));
    const held = this.p.get(name);
    if (held) held.set(t);
    else this.p.set(name, new Held(t));
  }

  private derive(): void {
    const r = this.refractory;
    if (!r) {
      this.refSteps.set(tf.scalar(0));
      return;
    }
    const dt = this.ctx.dt;
    this.refSteps.set(compactTensor(Float64Array.from(this.coherentValues(), (f) => stepsAtLeast(f(r), dt))));
  }

  /** The current input at voltage v: external + CUBA + Σ g·(E - v) (nA), or zero. */
  private current(v?: Tensor): Tensor {
    const d = this.drive;
    let I: Tensor | null = null;
    const add = (x: Tensor): Tensor => (I ? tf.add(I, x) : x);
    if (d?.iext) I = add(d.iext);
    if (d?.isyn) I = add(d.isyn);
    if (d?.gsum && d.gesum && v) I = add(tf.sub(d.gesum, tf.mul(d.gsum, v)));
    return I ?? tf.scalar(0);
  }

  /** Name lookup over `x` (state tensors by index), the parameters, t and the input read at x's voltage. */
  private values(input: Tensor | null, x?: readonly Tensor[], t = 0): Values {
    const states = x ?? this.s.map((h) => h.value);
    const index = this.index;
    let I = input;
    return (name) => {
      const k = index.get(name);
      if (k !== undefined) return states[k];
      const p = this.p.get(name);
      if (p) return p.value;
      if (name === this.inputName) return (I ??= this.current(this.voltage >= 0 ? states[this.voltage] : undefined));
      if (name === 't') return tf.scalar(t);
      return undefined;
    };
  }

  private jacobian(k: number, v: Values): Tensor {
    const J = this.jac[k](v);
    const dI = this.dInput[k];
    const g = this.drive?.gsum;
    return g && dI && k === this.voltage ? tf.add(J, tf.mul(dI(v), tf.neg(g))) : J;
  }

  /** One step of state k alone, the other states as in `x`. */
  private single(k: number, x: Tensor[], t: number): Tensor {
    const dt = this.ctx.dt;
    const at = (value: Tensor): Values => {
      const y = [...x];
      y[k] = value;
      return this.values(null, y, t);
    };
    const xk = x[k];
    const f = (value: Tensor): Tensor => this.rhs[k](at(value));
    switch (this.states[k].scheme) {
      case 'exact':
      case 'exponential_euler': {
        const v = at(xk);
        const kept = this.factor[k];
        const factor = kept && !(this.drive?.gsum && this.dInput[k] && k === this.voltage) ? kept(v) : tf.mul(dt, exprel(tf.mul(dt, this.jacobian(k, v))));
        return tf.add(xk, tf.mul(factor, this.rhs[k](v)));
      }
      case 'euler':
        return tf.add(xk, tf.mul(dt, f(xk)));
      case 'rk2':
        return tf.add(xk, tf.mul(dt, f(tf.add(xk, tf.mul(dt / 2, f(xk))))));
      case 'rk4': {
        const k1 = f(xk);
        const k2 = f(tf.add(xk, tf.mul(dt / 2, k1)));
        const k3 = f(tf.add(xk, tf.mul(dt / 2, k2)));
        const k4 = f(tf.add(xk, tf.mul(dt, k3)));
        return tf.add(xk, tf.mul(dt / 6, tf.add(tf.add(k1, tf.mul(2, k2)), tf.add(tf.mul(2, k3), k4))));
      }
    }
  }

  /**
   * The states after one step. `jump` (voltage jumps of this step, mV) is added to V right after
   * V is integrated, before its bound, so states integrated after V in "sequential" order see it
   * (brainpy.state: `V = sum_delta_inputs(V)` before w's step; the typed kernels alike).
   */
  private integrate(x: Tensor[], t: number, jump: Tensor | null = null): Tensor[] {
    const dt = this.ctx.dt;
    const bounded = (k: number, value: Tensor, view: Tensor[]): Tensor => {
      const b = this.bound[k];
      const v = jump && k === this.voltage ? tf.add(value, jump) : value;
      return b ? tf.minimum(v, b(this.values(null, view, t))) : v;
    };
    if (this.model.spec.order === 'sequential') {
      const y = [...x];
      for (let k = 0; k < y.length; k++) y[k] = bounded(k, this.single(k, y, t), y);
      return y;
    }
    const next = [...x];
    for (const [scheme, group] of this.groups) {
      if (scheme === 'exact' || scheme === 'exponential_euler') {
        for (const k of group) next[k] = this.single(k, x, t);
        continue;
      }
      const derivs = (y: readonly Tensor[]): Tensor[] => {
        const view = [...x];
        group.forEach((k, j) => (view[k] = y[j]));
        const v = this.values(null, view, t);
        return group.map((k) => this.rhs[k](v));
      };
      const axpy = (a: readonly Tensor[], h: number, d: readonly Tensor[]): Tensor[] => a.map((y, j) => tf.add(y, tf.mul(h, d[j])));
      const y0 = group.map((k) => x[k]);
      const k1 = derivs(y0);
      let y: Tensor[];
      if (scheme === 'euler') y = axpy(y0, dt, k1);
      else if (scheme === 'rk2') y = axpy(y0, dt, derivs(axpy(y0, dt / 2, k1)));
      else {
        const k2 = derivs(axpy(y0, dt / 2, k1));
        const k3 = derivs(axpy(y0, dt / 2, k2));
        const k4 = derivs(axpy(y0, dt, k3));
        y = y0.map((v, j) => tf.add(v, tf.mul(dt / 6, tf.add(tf.add(k1[j], tf.mul(2, k2[j])), tf.add(tf.mul(2, k3[j]), k4[j])))));
      }
      group.forEach((k, j) => (next[k] = y[j]));
    }
    return next.map((value, k) => bounded(k, value, x));
  }

  spikes(): Tensor {
    return this.spk.value;
  }

  /** `t` as one value per neuron (parameters and constants may be scalars). */
  full(t: Tensor): Tensor {
    return t.rank === 0 ? tf.broadcastTo(t, [this.size]) : t;
  }

  update(step: number, drive: TfDrive, wantCurrent: boolean): Tensor | null {
    this.drive = drive;
    try {
      if (drive.gsum && this.voltage < 0) throw new Error(`${this.pop.model} "${this.pop.id}" has no voltage state, so a conductance (COBA) projection cannot drive it; use CUBA.`);
      const t = step * this.ctx.dt;
      const spiked = truth(this.spk.value);
      // Reset from the stored spike, statement by statement.
      let x = this.s.map((h) => h.value);
      for (const r of this.resets) {
        const value = r.value(this.values(null, x, t));
        const old = x[r.target];
        const updated = r.op === '=' ? value : r.op === '+=' ? tf.add(old, value) : r.op === '-=' ? tf.sub(old, value) : r.op === '*=' ? tf.mul(old, value) : tf.div(old, value);
        x = [...x];
        x[r.target] = tf.where(spiked, this.full(updated), old);
      }
      const before = this.rising && this.threshold ? truth(this.threshold(this.values(null, x, t))) : null;
      const current = wantCurrent ? this.current(this.voltage >= 0 ? x[this.voltage] : undefined) : null;
      const next = this.integrate(x, t, drive.delta && this.voltage >= 0 ? drive.delta : null);
      let y = next.map((v) => this.full(v));
      if (this.refractory) {
        const active = this.full(tf.greaterEqual(this.since.value, this.refSteps.value));
        y = y.map((v, k) => tf.where(active, v, x[k]));
      }
      let fired = this.threshold ? truth(this.full(this.threshold(this.values(null, y, t)))) : tf.zeros([this.size], 'bool');
      if (before) fired = tf.logicalAnd(fired, tf.logicalNot(before));
      y.forEach((v, k) => this.s[k].set(v));
      this.spk.set(number(fired));
      if (this.refractory) this.since.set(tf.add(tf.where(fired, tf.zerosLike(this.since.value), this.since.value), 1));
      return current ? this.full(current) : null;
    } finally {
      this.drive = null;
    }
  }

  /** The states integrated over one step from time t, with no input, reset or threshold: the start of a synapse spec's step (synapseTfjs.ts). */
  integrated(t: number): Tensor[] {
    return this.integrate(this.s.map((h) => h.value), t);
  }

  /** Name lookup over states `y` at time t (parameters included), as the compiled expressions read it. */
  valuesAt(y: readonly Tensor[], t: number): Values {
    return this.values(null, y, t);
  }

  /** Replace the state tensors (one value per neuron each). */
  setStates(y: readonly Tensor[]): void {
    y.forEach((v, k) => this.s[k].set(this.full(v)));
  }

  variable(name: string): Tensor | undefined {
    const k = this.states.findIndex((s) => s.name === name);
    return k < 0 ? undefined : this.s[k].value;
  }

  setParam(name: string, value: ValueIR): void {
    if (!this.p.has(name)) {
      throw notLiveParameter(this.pop.model, this.pop.id, name, this.p.keys());
    }
    this.setParamValue(name, value);
    this.statics.clear();
    this.derive();
  }

  dispose(): void {
    for (const h of [this.spk, this.since, this.refSteps, ...this.p.values(), ...this.s]) h.dispose();
    this.statics.clear();
  }
}

/** The tfjs kernel factory of a spec model. */
export function tfSpecKernelFactory(model: SpecModel): (pop: PopulationIR, ctx: KernelContext) => TfPopulationKernel {
  // the population's integration method (document field `method`) is applied to the spec here
  return (pop, ctx) => new TfSpecKernel(pop, ctx, modelWithMethod(model, pop.method));
}
