/**
 * Expressions of a checked spec turned, once, into a tree of closures over one frame of slots
 * (states, parameters, inputs, t): the kernel loads a neuron's values into the frame and calls
 * the closures. The syntax tree is walked at compile time only; nothing is evaluated as text.
 * Each closure does the arithmetic of the interpreter's `evaluate` in the same order, so both
 * give the same bits (test/spec/specKernel.test.ts checks identical spike steps).
 */
import type { AssignOp, BinaryOp, Expr } from '../../shared/modelspec/ast';
import { unitWord } from '../../shared/modelspec/dimension';
import { exprel } from './exprel';
import { detExp } from '../math/detExp';
import { DET_EXP, MATH_EXP } from './linearStep';

/** A compiled expression: its value for the values now in the frame. */
export type Closure = () => number;

/** Where each name lives: a frame slot, a compiled leaf (an input), or a named sub-expression. */
export interface Scope {
  readonly frame: Float64Array;
  slot(name: string): number | undefined;
  /** A leaf the kernel supplies itself (the synaptic input, which may read V). */
  leaf(name: string): Closure | undefined;
  subexpression(name: string): Expr | undefined;
}

const UNARY_FN: Readonly<Record<string, (x: number) => number>> = {
  exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs, exprel, sin: Math.sin, cos: Math.cos, tanh: Math.tanh,
  // the two exponentials of a linear state's exact step (linearStep.ts), as the generated kernels compute them
  [MATH_EXP]: Math.exp, [DET_EXP]: detExp,
};

/** A constant or a frame slot: an operand read without a call of its own. */
type Leaf = { readonly value: number } | { readonly slot: number };

function leafOf(e: Expr, scope: Scope): Leaf | null {
  if (e.kind === 'number') return { value: e.value };
  if (e.kind === 'unit') {
    const v = unitWord(e.name)?.value;
    return v === undefined ? null : { value: v };
  }
  const slot = e.kind === 'name' ? scope.slot(e.name) : undefined;
  return slot === undefined ? null : { slot };
}

/**
 * + − × ÷ with a slot or a constant on either side as one closure instead of three (the same
 * operation on the same values, so the same bits): plasticity's per-event statements and the
 * kernels' right-hand sides are mostly such shapes, and the calls were most of their time.
 */
function arithmetic(op: '+' | '-' | '*' | '/', left: Expr, right: Expr, scope: Scope, seen: ReadonlySet<string>): Closure {
  const frame = scope.frame;
  const l = leafOf(left, scope);
  const r = leafOf(right, scope);
  if (l && 'slot' in l && r && 'value' in r) {
    const [a, b] = [l.slot, r.value];
    return op === '+' ? () => frame[a] + b : op === '-' ? () => frame[a] - b : op === '*' ? () => frame[a] * b : () => frame[a] / b;
  }
  if (l && 'value' in l && r && 'slot' in r) {
    const [a, b] = [l.value, r.slot];
    return op === '+' ? () => a + frame[b] : op === '-' ? () => a - frame[b] : op === '*' ? () => a * frame[b] : () => a / frame[b];
  }
  if (l && 'slot' in l && r && 'slot' in r) {
    const [a, b] = [l.slot, r.slot];
    return op === '+' ? () => frame[a] + frame[b] : op === '-' ? () => frame[a] - frame[b] : op === '*' ? () => frame[a] * frame[b] : () => frame[a] / frame[b];
  }
  if (l && 'slot' in l) {
    const [a, y] = [l.slot, compileExpr(right, scope, seen)];
    return op === '+' ? () => frame[a] + y() : op === '-' ? () => frame[a] - y() : op === '*' ? () => frame[a] * y() : () => frame[a] / y();
  }
  if (l && 'value' in l) {
    const [a, y] = [l.value, compileExpr(right, scope, seen)];
    return op === '+' ? () => a + y() : op === '-' ? () => a - y() : op === '*' ? () => a * y() : () => a / y();
  }
  if (r && 'slot' in r) {
    const [x, b] = [compileExpr(left, scope, seen), r.slot];
    return op === '+' ? () => x() + frame[b] : op === '-' ? () => x() - frame[b] : op === '*' ? () => x() * frame[b] : () => x() / frame[b];
  }
  if (r && 'value' in r) {
    const [x, b] = [compileExpr(left, scope, seen), r.value];
    return op === '+' ? () => x() + b : op === '-' ? () => x() - b : op === '*' ? () => x() * b : () => x() / b;
  }
  return binary(op, compileExpr(left, scope, seen), compileExpr(right, scope, seen));
}

function binary(op: BinaryOp, l: Closure, r: Closure): Closure {
  switch (op) {
    case '+': return () => l() + r();
    case '-': return () => l() - r();
    case '*': return () => l() * r();
    case '/': return () => l() / r();
    case '**': return () => l() ** r();
    case '<': return () => (l() < r() ? 1 : 0);
    case '<=': return () => (l() <= r() ? 1 : 0);
    case '>': return () => (l() > r() ? 1 : 0);
    case '>=': return () => (l() >= r() ? 1 : 0);
    case '==': return () => (l() === r() ? 1 : 0);
    case '!=': return () => (l() !== r() ? 1 : 0);
    case 'and': return () => (l() && r() ? 1 : 0);
    case 'or': return () => (l() || r() ? 1 : 0);
  }
}

/** Compile `e`; named sub-expressions are compiled where used (inlined, as the interpreter evaluates them). */
export function compileExpr(e: Expr, scope: Scope, seen: ReadonlySet<string> = new Set()): Closure {
  const frame = scope.frame;
  switch (e.kind) {
    case 'number': {
      const v = e.value;
      return () => v;
    }
    case 'unit': {
      const v = unitWord(e.name)?.value;
      if (v === undefined) throw new Error(`"${e.name}" is not a unit.`);
      return () => v;
    }
    case 'name': {
      const slot = scope.slot(e.name);
      if (slot !== undefined) return () => frame[slot];
      const leaf = scope.leaf(e.name);
      if (leaf) return leaf;
      const sub = scope.subexpression(e.name);
      if (sub && !seen.has(e.name)) return compileExpr(sub, scope, new Set([...seen, e.name]));
      const unit = unitWord(e.name)?.value;
      if (unit !== undefined) return () => unit;
      throw new Error(`The spec kernel has no value for "${e.name}".`);
    }
    case 'unary': {
      const a = compileExpr(e.arg, scope, seen);
      return e.op === '-' ? () => -a() : () => (a() ? 0 : 1);
    }
    case 'call': {
      const args = e.args.map((x) => compileExpr(x, scope, seen));
      if (e.fn === 'min') {
        const [a, b] = args;
        return () => Math.min(a(), b());
      }
      if (e.fn === 'max') {
        const [a, b] = args;
        return () => Math.max(a(), b());
      }
      if (e.fn === 'clip') {
        // plasticity rules only (check.ts): low first, then high, as Brian2's clip
        const [x, lo, hi] = args;
        if (e.args[1].kind === 'number' && e.args[2].kind === 'number') {
          const [l, h] = [e.args[1].value, e.args[2].value];
          return () => {
            const v = x();
            return v < l ? l : v > h ? h : v;
          };
        }
        return () => {
          const v = x();
          const l = lo();
          const h = hi();
          return v < l ? l : v > h ? h : v;
        };
      }
      const f = UNARY_FN[e.fn];
      if (!f) throw new Error(`The spec kernel has no function "${e.fn}".`);
      const [a] = args;
      return () => f(a());
    }
    case 'binary':
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') return arithmetic(e.op, e.left, e.right, scope, seen);
      return binary(e.op, compileExpr(e.left, scope, seen), compileExpr(e.right, scope, seen));
  }
}

/** A compiled statement: assigns its slot in the frame. */
export type Assignment = () => void;

/** `slot op= e` as one closure (a constant right-hand side read without a call). */
export function compileAssignment(slot: number, op: AssignOp, e: Expr, scope: Scope): Assignment {
  const frame = scope.frame;
  if (e.kind === 'number') {
    const v = e.value;
    switch (op) {
      case '=': return () => void (frame[slot] = v);
      case '+=': return () => void (frame[slot] += v);
      case '-=': return () => void (frame[slot] -= v);
      case '*=': return () => void (frame[slot] *= v);
      case '/=': return () => void (frame[slot] /= v);
    }
  }
  const f = compileExpr(e, scope);
  switch (op) {
    case '=': return () => void (frame[slot] = f());
    case '+=': return () => void (frame[slot] += f());
    case '-=': return () => void (frame[slot] -= f());
    case '*=': return () => void (frame[slot] *= f());
    case '/=': return () => void (frame[slot] /= f());
  }
}
