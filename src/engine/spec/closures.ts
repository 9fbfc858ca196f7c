/**
 * Expressions of a checked spec turned, once, into a tree of closures over one frame of slots
 * (states, parameters, inputs, t): the kernel loads a neuron's values into the frame and calls
 * the closures. The syntax tree is walked at compile time only; nothing is evaluated as text.
 * Each closure does the arithmetic of the interpreter's `evaluate` in the same order, so both
 * give the same bits (test/spec/specKernel.test.ts checks identical spike steps).
 */
import type { BinaryOp, Expr } from '../../shared/modelspec/ast';
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
      return binary(e.op, compileExpr(e.left, scope, seen), compileExpr(e.right, scope, seen));
  }
}
