/**
 * Symbolic derivative of a spec expression with respect to one variable, for the Jacobian
 * J = df/dx of exponential Euler (x <- x + dt·exprel(dt·J)·f) and for the linearity check of the
 * "exact" scheme. Named sub-expressions are inlined through `resolve`. Only rules a first-year
 * calculus course gives; terms that do not depend on x are kept whole, so J of a linear equation
 * reads like the hand-written one (for LIF: -1/tau).
 */
import type { Expr, Pos } from './ast';

/** The expression a name stands for when it is a named sub-expression, else undefined. */
export type Resolve = (name: string) => Expr | undefined;

const num = (value: number, pos: Pos): Expr => ({ kind: 'number', value, pos });
const isNum = (e: Expr, v: number): boolean => e.kind === 'number' && e.value === v;

function bin(op: '+' | '-' | '*' | '/' | '**', left: Expr, right: Expr, pos: Pos): Expr {
  // Fold the zeros and ones the product and chain rules produce, so J stays readable.
  if (op === '+') {
    if (isNum(left, 0)) return right;
    if (isNum(right, 0)) return left;
  }
  if (op === '-') {
    if (isNum(right, 0)) return left;
    if (isNum(left, 0)) return neg(right, pos);
  }
  if (op === '*') {
    if (isNum(left, 0) || isNum(right, 0)) return num(0, pos);
    if (isNum(left, 1)) return right;
    if (isNum(right, 1)) return left;
  }
  if (op === '/' && isNum(left, 0)) return num(0, pos);
  if (op === '/' && isNum(right, 1)) return left;
  return { kind: 'binary', op, left, right, pos };
}

function neg(e: Expr, pos: Pos): Expr {
  if (e.kind === 'number') return num(-e.value, pos);
  if (e.kind === 'unary' && e.op === '-') return e.arg;
  return { kind: 'unary', op: '-', arg: e, pos };
}

const call = (fn: string, args: Expr[], pos: Pos): Expr => ({ kind: 'call', fn, args, pos });

/** Whether `e` depends on `x` (through sub-expressions too). */
export function dependsOn(e: Expr, x: string, resolve: Resolve, seen: ReadonlySet<string> = new Set()): boolean {
  switch (e.kind) {
    case 'number':
    case 'unit':
      return false;
    case 'name': {
      if (e.name === x) return true;
      const sub = resolve(e.name);
      if (!sub || seen.has(e.name)) return false;
      return dependsOn(sub, x, resolve, new Set([...seen, e.name]));
    }
    case 'unary':
      return dependsOn(e.arg, x, resolve, seen);
    case 'binary':
      return dependsOn(e.left, x, resolve, seen) || dependsOn(e.right, x, resolve, seen);
    case 'call':
      return e.args.some((a) => dependsOn(a, x, resolve, seen));
  }
}

/** d e / d x, or a sentence saying why it has none (a comparison, a non-constant exponent of x). */
export function derivative(e: Expr, x: string, resolve: Resolve): Expr | string {
  const d = (a: Expr): Expr | string => derivative(a, x, resolve);
  const dep = (a: Expr): boolean => dependsOn(a, x, resolve);
  const p = e.pos;
  if (!dep(e)) return num(0, p);
  switch (e.kind) {
    case 'number':
    case 'unit':
      return num(0, p);
    case 'name': {
      if (e.name === x) return num(1, p);
      const sub = resolve(e.name);
      return sub ? d(sub) : num(0, p);
    }
    case 'unary': {
      if (e.op === 'not') return `"not" has no derivative`;
      const a = d(e.arg);
      return typeof a === 'string' ? a : neg(a, p);
    }
    case 'call':
      return callDerivative(e, d, p);
    case 'binary': {
      const { op, left: u, right: v } = e;
      if (op !== '+' && op !== '-' && op !== '*' && op !== '/' && op !== '**') return `the comparison "${op}" has no derivative`;
      const du = dep(u) ? d(u) : num(0, p);
      const dv = dep(v) ? d(v) : num(0, p);
      if (typeof du === 'string') return du;
      if (typeof dv === 'string') return dv;
      switch (op) {
        case '+':
        case '-':
          return bin(op, du, dv, p);
        case '*':
          if (!dep(u)) return bin('*', u, dv, p);
          if (!dep(v)) return bin('*', du, v, p);
          return bin('+', bin('*', du, v, p), bin('*', u, dv, p), p);
        case '/':
          if (!dep(v)) return bin('/', du, v, p);
          // (u/v)' = u'/v - u v'/v^2
          return bin('-', bin('/', du, v, p), bin('/', bin('*', u, dv, p), bin('**', v, num(2, p), p), p), p);
        default: {
          if (dep(v)) return 'an exponent that depends on the variable has no derivative here (write exp(...) instead)';
          // (u^n)' = n u^(n-1) u'
          return bin('*', bin('*', v, bin('**', u, bin('-', v, num(1, p), p), p), p), du, p);
        }
      }
    }
  }
}

function callDerivative(e: Extract<Expr, { kind: 'call' }>, d: (a: Expr) => Expr | string, p: Pos): Expr | string {
  const [a] = e.args;
  if (e.fn === 'min' || e.fn === 'max') return `${e.fn} has no derivative everywhere; use it only in resets or bounds`;
  const da = d(a);
  if (typeof da === 'string') return da;
  let outer: Expr;
  switch (e.fn) {
    case 'exp':
      outer = e;
      break;
    case 'log':
      outer = bin('/', num(1, p), a, p);
      break;
    case 'sqrt':
      outer = bin('/', num(0.5, p), e, p);
      break;
    case 'abs':
      outer = bin('/', a, e, p);
      break;
    case 'sin':
      outer = call('cos', [a], p);
      break;
    case 'cos':
      outer = neg(call('sin', [a], p), p);
      break;
    case 'tanh':
      outer = bin('-', num(1, p), bin('**', e, num(2, p), p), p);
      break;
    case 'exprel':
      // exprel'(z) = (z e^z - e^z + 1)/z^2 = (exp(z) - exprel(z))/z, finite at 0 where it is 1/2 (not used by any bundled model)
      outer = bin('/', bin('-', call('exp', [a], p), e, p), a, p);
      break;
    default:
      return `${e.fn} has no derivative rule`;
  }
  return bin('*', outer, da, p);
}
