/**
 * The exact step of a linear state, and the synaptic input written into a right-hand side:
 * written once, here, for the kernel generated from a spec (backends/typed/wasmgen/generate.ts)
 * and for the typed backend's JavaScript spec kernel (specKernel.ts), so both step LIF (and any
 * state of the same form) with the same IEEE operations in the same order, with or without
 * WebAssembly.
 *
 * For dx/dt = N / D where D reads no state and no input and N's own slope dN/dx is -1 (LIF:
 * (-(V - V_rest) + R·I) / tau), the step is x_inf + (x - x_inf)·decay:
 *   - current inputs only: x_inf = N at x = 0 (V_rest + R·I), decay = e^{-dt/D} by Math.exp
 *     (computed once per population and parameter change where D is shared);
 *   - with conductances (I = I_cur + Σg·E - Σg·V, SEMANTICS.md): leak = -dN/dx (1 + R·Σg),
 *     x_inf = N(0) / leak, decay = detExp(-(dt/D)·leak), the deterministic exp, per neuron.
 * Other states keep their scheme's step (exponential Euler's x + dt·exprel(dt·J)·f, ...).
 */
import type { Expr } from '../../shared/modelspec/ast';
import type { NeuronSpec, SpecState } from '../../shared/modelspec/check';
import { dependsOn, derivative } from '../../shared/modelspec/derivative';

/** Names of the synaptic terms in a right-hand side: I_ext + current slots, Σg·E, Σg (nA, nA, µS). */
export const CUR = '$cur';
export const GE = '$ge';
export const GS = '$gs';
/** Math.exp, in a generated expression (not a name a spec can write). */
export const MATH_EXP = '$math_exp';
/** The deterministic exp (detExp; lif.wat's $exp), in a generated expression. */
export const DET_EXP = '$det_exp';

const num = (value: number, at: Expr): Expr => ({ kind: 'number', value, pos: at.pos });
const nm = (name: string, at: Expr): Expr => ({ kind: 'name', name, pos: at.pos });
const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, pos: left.pos });
const isNum = (e: Expr, v: number): boolean => e.kind === 'number' && e.value === v;

/**
 * The right-hand side of state `s` and its J = d rhs/dx with the synaptic input written out: with
 * conductances the spec's current input becomes (I_cur + Σg·E) - Σg·V (sub-expressions inlined so
 * the input inside them is replaced too); without, the spec's own. Throws for a J it cannot take.
 */
export function synapticRhs(spec: NeuronSpec, s: SpecState, input: string | undefined, conductance: boolean): { rhs: Expr; jacobian: Expr } {
  if (!conductance || !input) return { rhs: s.rhs, jacobian: s.jacobian };
  const inline = (e: Expr): Expr => {
    switch (e.kind) {
      case 'name': {
        if (e.name === input) return bin('-', bin('+', nm(CUR, e), nm(GE, e)), bin('*', nm(GS, e), nm('V', e)));
        const sub = spec.subexpressions.get(e.name);
        return sub ? inline(sub.value) : e;
      }
      case 'unary': return { ...e, arg: inline(e.arg) };
      case 'binary': return { ...e, left: inline(e.left), right: inline(e.right) };
      case 'call': return { ...e, args: e.args.map(inline) };
      default: return e;
    }
  };
  const rhs = inline(s.rhs);
  const jacobian = derivative(rhs, s.name, () => undefined);
  if (typeof jacobian === 'string') throw new Error(`${spec.name}: d${s.name}/dt with conductance inputs: ${jacobian}.`);
  return { rhs, jacobian };
}

/** The exact step x_inf + (x - x_inf)·decay of a linear state. */
export interface LinearStep {
  readonly xinf: Expr;
  readonly decay: Expr;
}

/** -e, pushed inwards where that is exact (so -(−1 + R·(−Σg)) is 1 + R·Σg to the bit). */
function negate(e: Expr): Expr {
  if (e.kind === 'number') return num(-e.value, e);
  if (e.kind === 'unary' && e.op === '-') return e.arg;
  if (e.kind === 'binary' && e.op === '+') return bin('+', negate(e.left), negate(e.right));
  if (e.kind === 'binary' && e.op === '*' && e.right.kind === 'unary' && e.right.op === '-') return bin('*', e.left, e.right.arg);
  if (e.kind === 'binary' && e.op === '*' && e.left.kind === 'unary' && e.left.op === '-') return bin('*', e.left.arg, e.right);
  return { kind: 'unary', op: '-', arg: e, pos: e.pos };
}

/**
 * The exact step of state `s` whose right-hand side (synaptic input written out) is `rhs`, or
 * null when it is not of the form above. `inputs` are the names that vary per step (the spec's
 * inputs and the synaptic terms).
 */
export function linearStep(spec: NeuronSpec, s: SpecState, rhs: Expr, dt: number): LinearStep | null {
  if (s.scheme !== 'exact' && s.scheme !== 'exponential_euler') return null;
  if (rhs.kind !== 'binary' || rhs.op !== '/' || s.rhs.kind !== 'binary' || s.rhs.op !== '/') return null;
  const resolve = (name: string): Expr | undefined => spec.subexpressions.get(name)?.value;
  const varying = [...spec.states.map((x) => x.name), ...spec.inputs.map((i) => i.name), CUR, GE, GS];
  const readsAny = (e: Expr, names: readonly string[]): boolean => names.some((x) => dependsOn(e, x, resolve));
  if (readsAny(rhs.right, varying)) return null;
  const own = derivative(s.rhs.left, s.name, resolve);
  if (typeof own === 'string' || !isNum(own, -1)) return null;
  const slope = derivative(rhs.left, s.name, resolve);
  if (typeof slope === 'string' || readsAny(slope, spec.states.map((x) => x.name))) return null;
  const x0 = zero(rhs.left, s.name, resolve);
  const ratio = bin('/', num(dt, rhs), rhs.right);
  const minus = (e: Expr): Expr => ({ kind: 'unary', op: '-', arg: e, pos: e.pos });
  if (isNum(slope, -1)) return { xinf: x0, decay: { kind: 'call', fn: MATH_EXP, args: [minus(ratio)], pos: rhs.pos } };
  const leak = negate(slope);
  return { xinf: bin('/', x0, leak), decay: { kind: 'call', fn: DET_EXP, args: [bin('*', minus(ratio), leak)], pos: rhs.pos } };
}

/** `e` at x = 0: for LIF -(0 - V_rest) + R·I is V_rest + R·I to the bit; Σg·0 is dropped. */
function zero(e: Expr, x: string, resolve: (name: string) => Expr | undefined): Expr {
  const z = (a: Expr): Expr => zero(a, x, resolve);
  switch (e.kind) {
    case 'name': {
      if (e.name === x) return num(0, e);
      const sub = resolve(e.name);
      return sub && dependsOn(sub, x, resolve) ? z(sub) : e;
    }
    case 'unary': {
      const arg = z(e.arg);
      // -(-a) is a, and 0 - a below is -a: the zero's sign never shows
      return e.op === '-' && arg.kind === 'unary' && arg.op === '-' ? arg.arg : { ...e, arg };
    }
    case 'binary': {
      const left = z(e.left);
      const right = z(e.right);
      if (e.op === '-' && isNum(left, 0)) return { kind: 'unary', op: '-', arg: right, pos: e.pos };
      // a product with x's zero, and a term that is that product, vanish (I_cur + Σg·E - Σg·0)
      if (e.op === '*' && (isNum(left, 0) || isNum(right, 0))) return num(0, e);
      if ((e.op === '-' || e.op === '+') && isNum(right, 0) && !isNum(e.right, 0)) return left;
      return { ...e, left, right };
    }
    case 'call': return { ...e, args: e.args.map(z) };
    default: return e;
  }
}
