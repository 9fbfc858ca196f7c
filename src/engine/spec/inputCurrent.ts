/**
 * A current input's spec (src/shared/modelspec/inputs) prepared for the kernels of both backends
 * (backends/typed/inputs.ts, backends/tfjs/inputs.ts). The current I(t) is split once:
 * - every largest part that reads no per-neuron parameter (a step's `t >= start and t < stop`, a
 *   ramp's fraction, a sinusoid's sin(…)) is a "per-step" value, computed once per step in
 *   float64 by closures (closures.ts), as the hand-written kernels computed their factor;
 * - the rest (`amplitude * $0`, `from + (to - from) * $0`) is evaluated per neuron, on typed
 *   arrays in float64 or as tf ops on the per-neuron tensors (a per-step value enters as one
 *   scalar), in the spec's order of operations.
 * A current that reads t only through comparisons with single-valued parameters (a step) is
 * piecewise constant: `changeSteps` gives the steps where it may change, so the fused typed
 * driver runs between them without summing the inputs again.
 */
import type { Expr } from '../../shared/modelspec/ast';
import { dependsOn } from '../../shared/modelspec/derivative';
import { dimName } from '../../shared/modelspec/dimension';
import { INPUT_T, type InputSpec } from '../../shared/modelspec/inputs';
import { internalPerCoherent } from '../../shared/modelspec/registry';
import type { DimensionName } from '../../shared/units';
import type { InputIR, ValueIR } from '../ir';
import { scalarParam } from '../backends/common/params';
import { compileExpr, type Closure } from './closures';

/** Name of the k-th per-step value in the per-neuron expression (not a name a spec can write). */
export const hoisted = (k: number): string => `$step${k}`;

const none = (): undefined => undefined;

/** The first step k >= 0 with k·dt >= t (or > t when `strict`), computed as the kernels compute t = k·dt. */
export function firstStepAtOrAfter(t: number, dt: number, strict = false): number {
  const reached = (k: number): boolean => (strict ? k * dt > t : k * dt >= t);
  if (!strict && !(t > 0)) return 0;
  if (strict && !(t >= 0)) return 0;
  if (t === Infinity) return Infinity;
  let k = Math.max(0, Math.ceil(t / dt));
  while (k > 0 && reached(k - 1)) k--;
  while (!reached(k)) k++;
  return k;
}

/** A comparison of t with an expression of single-valued parameters: where a step current switches. */
interface Switch {
  /** The time (ms) compared with t. */
  readonly at: Closure;
  /** True when the comparison flips after t passes `at` (t > at, t <= at), false at it (t >= at, t < at). */
  readonly strict: boolean;
}

export class InputCurrent {
  /** Parameters one value per neuron, and their dimension. */
  readonly perNeuron: readonly string[];
  readonly timeVarying: boolean;
  /** The current with the per-step parts replaced by names `$step0`, …; a per-step value itself when the whole current is one. */
  readonly neuronExpr: Expr;
  /** Single-valued parameters and t, in coherent units, in the frame of the per-step closures (slot 0: t). */
  private readonly frame: Float64Array;
  private readonly slots: ReadonlyMap<string, number>;
  private readonly dims: ReadonlyMap<string, DimensionName>;
  private readonly steps: readonly Closure[];
  /** Where the current may switch, or null when it may change at any step. */
  private readonly switches: readonly Switch[] | null;

  constructor(readonly spec: InputSpec, private readonly input: InputIR) {
    const params = spec.spec.params;
    this.dims = new Map(params.map((p) => [p.name, dimName(p.dim) ?? 'dimensionless']));
    this.perNeuron = spec.perNeuron;
    const per = new Set(spec.perNeuron);
    const singles = params.filter((p) => !per.has(p.name));
    this.slots = new Map([[INPUT_T, 0], ...singles.map((p, k): [string, number] => [p.name, k + 1])]);
    this.frame = new Float64Array(singles.length + 1);
    for (const p of singles) this.setSingle(p.name, input.params[p.name]);
    this.timeVarying = spec.timeVarying;
    const scope = { frame: this.frame, slot: (n: string) => this.slots.get(n), leaf: none, subexpression: none };
    const parts: Expr[] = [];
    const readsNeuron = (e: Expr): boolean => spec.perNeuron.some((n) => dependsOn(e, n, none));
    const split = (e: Expr): Expr => {
      if (!readsNeuron(e)) {
        if (e.kind === 'number' || e.kind === 'unit' || e.kind === 'name') return e;
        parts.push(e);
        return { kind: 'name', name: hoisted(parts.length - 1), pos: e.pos };
      }
      switch (e.kind) {
        case 'unary': return { ...e, arg: split(e.arg) };
        case 'binary': return { ...e, left: split(e.left), right: split(e.right) };
        case 'call': return { ...e, args: e.args.map(split) };
        default: return e;
      }
    };
    // a current without per-neuron parameters is one per-step value (split would keep a bare name)
    this.neuronExpr = readsNeuron(spec.current) ? split(spec.current) : (parts.push(spec.current), { kind: 'name', name: hoisted(0), pos: spec.current.pos });
    this.steps = parts.map((e) => compileExpr(e, scope));
    this.switches = this.findSwitches(spec.current, scope);
  }

  /** Whether `name` is a parameter of this input. */
  has(name: string): boolean {
    return this.dims.has(name);
  }

  /** Internal units (a document's Hz) per coherent unit (the spec's 1/ms) of a parameter. */
  scale(name: string): number {
    return internalPerCoherent(this.dims.get(name) ?? 'dimensionless');
  }

  /** The IR value of a per-neuron parameter, or the spec's default. */
  neuronValue(name: string): ValueIR {
    return this.input.params[name] ?? { kind: 'scalar', value: (this.spec.spec.params.find((p) => p.name === name)?.default ?? 0) * this.scale(name) };
  }

  /** Set a single-valued parameter from its IR value (internal units), or its default. */
  setSingle(name: string, v: ValueIR | undefined): void {
    const p = this.spec.spec.params.find((q) => q.name === name);
    const slot = this.slots.get(name);
    if (!p || slot === undefined) throw new Error(`Input "${this.input.id}" (${this.input.model}) has no single-valued parameter "${name}".`);
    const scale = this.scale(name);
    this.frame[slot] = scalarParam(v, (p.default ?? 0) * scale, this.input.id, name) / scale;
  }

  /** The per-step values at step `step` (t = step·dt), into `out`. */
  stepValues(step: number, dt: number, out: Float64Array): void {
    this.frame[0] = step * dt;
    for (let k = 0; k < this.steps.length; k++) out[k] = this.steps[k]();
  }

  /** A time-varying current that changes only where t crosses a parameter (nextChange is a number). */
  get piecewiseConstant(): boolean {
    return this.timeVarying && this.switches !== null;
  }

  get stepCount(): number {
    return this.steps.length;
  }

  /** The first step after `step` at which the current may differ (Infinity: never), or undefined when it may change at every step. */
  nextChange(step: number, dt: number): number | undefined {
    if (!this.timeVarying) return Infinity;
    if (!this.switches) return undefined;
    let next = Infinity;
    for (const s of this.switches) {
      const k = firstStepAtOrAfter(s.at(), dt, s.strict);
      if (k > step && k < next) next = k;
    }
    return next;
  }

  /**
   * The comparisons through which alone the current reads t (t OP x, x OP t, x of single
   * parameters and numbers), or null when t enters otherwise (a ramp, a sinusoid).
   */
  private findSwitches(e: Expr, scope: Parameters<typeof compileExpr>[1]): Switch[] | null {
    const out: Switch[] = [];
    const isT = (x: Expr): boolean => x.kind === 'name' && x.name === INPUT_T;
    const readsT = (x: Expr): boolean => dependsOn(x, INPUT_T, none);
    const fixed = (x: Expr): boolean => !readsT(x) && !this.perNeuron.some((n) => dependsOn(x, n, none));
    const walk = (x: Expr): boolean => {
      if (!readsT(x)) return true;
      if (x.kind === 'binary' && (x.op === '<' || x.op === '<=' || x.op === '>' || x.op === '>=')) {
        // t >= a and t < a switch at the first step at or after a; t > a and t <= a at the first step after it
        if (isT(x.left) && fixed(x.right)) return void out.push({ at: compileExpr(x.right, scope), strict: x.op === '>' || x.op === '<=' }), true;
        if (isT(x.right) && fixed(x.left)) return void out.push({ at: compileExpr(x.left, scope), strict: x.op === '<' || x.op === '>=' }), true;
        return false;
      }
      if (x.kind === 'binary') return walk(x.left) && walk(x.right);
      if (x.kind === 'unary') return walk(x.arg);
      if (x.kind === 'call') return x.args.every(walk);
      return false;
    };
    return walk(e) ? out : null;
  }
}
