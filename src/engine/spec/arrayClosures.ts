/**
 * An expression compiled once into loops over whole arrays (one loop per operation), for an
 * expression evaluated for every neuron of a group at once, such as an output's gate at each
 * neuron's V, or a plasticity rule's statement for every synapse of a row or column
 * (backends/typed/plasticity.ts). Parts that read no array are scalar closures (spec/closures.ts), computed once per
 * call. Each element gets the arithmetic of closures.ts in the same order, so the results are the
 * same bits; the tight loops keep it at typed-array speed (a closure tree per element does not).
 */
import type { BinaryOp, Expr } from '../../shared/modelspec/ast';
import { compileExpr, type Closure, type Scope } from './closures';
import { exprel } from './exprel';

/** A compiled node: a scalar closure, or a function filling (and returning) its own array. */
export type ArrayNode = { readonly scalar: Closure } | { readonly array: () => Float64Array };

/** Scalar names come from the closures' scope; `arrays` names the per-element inputs (V). */
export interface ArrayScope extends Scope {
  array(name: string): (() => Float64Array) | undefined;
}

const FN: Readonly<Record<string, (x: number) => number>> = {
  log: Math.log, sqrt: Math.sqrt, abs: Math.abs, exprel, sin: Math.sin, cos: Math.cos, tanh: Math.tanh,
};

function readsArray(e: Expr, scope: ArrayScope, seen: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'number':
    case 'unit':
      return false;
    case 'name': {
      if (scope.array(e.name)) return true;
      const sub = scope.slot(e.name) === undefined ? scope.subexpression(e.name) : undefined;
      return sub !== undefined && !seen.has(e.name) && readsArray(sub, scope, new Set([...seen, e.name]));
    }
    case 'unary':
      return readsArray(e.arg, scope, seen);
    case 'binary':
      return readsArray(e.left, scope, seen) || readsArray(e.right, scope, seen);
    case 'call':
      return e.args.some((a) => readsArray(a, scope, seen));
  }
}

/**
 * How many elements the loops cover: `n`, set before each call when it varies (a plasticity rule's
 * row or column of synapses), up to `capacity` (the length of every node's own array).
 */
export interface Extent {
  n: number;
  readonly capacity: number;
}

/** Compile `e` for arrays of length n (or of the extent's length at each call). */
export function compileArrayExpr(e: Expr, scope: ArrayScope, n: number | Extent, seen: ReadonlySet<string> = new Set()): ArrayNode {
  const size = typeof n === 'number' ? { n, capacity: n } : n;
  if (!readsArray(e, scope, seen)) return { scalar: compileExpr(e, scope, seen) };
  const out = new Float64Array(size.capacity);
  switch (e.kind) {
    case 'name': {
      const a = scope.array(e.name);
      if (a) return { array: a };
      const sub = scope.subexpression(e.name);
      if (!sub) throw new Error(`No value for "${e.name}".`);
      return compileArrayExpr(sub, scope, size, new Set([...seen, e.name]));
    }
    case 'unary': {
      const a = asArray(compileArrayExpr(e.arg, scope, size, seen));
      if (e.op === '-') return { array: () => { const x = a(), n = size.n; for (let i = 0; i < n; i++) out[i] = -x[i]; return out; } };
      return { array: () => { const x = a(), n = size.n; for (let i = 0; i < n; i++) out[i] = x[i] ? 0 : 1; return out; } };
    }
    case 'call': {
      const args = e.args.map((x) => compileArrayExpr(x, scope, size, seen));
      if (e.fn === 'exp') {
        const a = asArray(args[0]);
        return { array: () => { const x = a(), n = size.n; for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]); return out; } };
      }
      if (e.fn === 'min' || e.fn === 'max') {
        const f = e.fn === 'min' ? Math.min : Math.max;
        const [a, b] = args.map((x) => element(x));
        return { array: () => { const fa = a(), fb = b(), n = size.n; for (let i = 0; i < n; i++) out[i] = f(fa(i), fb(i)); return out; } };
      }
      if (e.fn === 'clip') return { array: clipLoop(args, size, out) };
      const f = FN[e.fn];
      if (!f) throw new Error(`No function "${e.fn}".`);
      const a = asArray(args[0]);
      return { array: () => { const x = a(), n = size.n; for (let i = 0; i < n; i++) out[i] = f(x[i]); return out; } };
    }
    case 'binary':
      return { array: scaledLoop(e, scope, size, seen, out) ?? binaryLoop(e.op, compileArrayExpr(e.left, scope, size, seen), compileArrayExpr(e.right, scope, size, seen), size, out) };
    default:
      throw new Error(`A ${e.kind} reads no array.`);
  }
}

/**
 * a ∘ (s·b) and (s·b) ∘ a (∘ one of + − ×, s a scalar, a and b arrays) as one loop instead of two,
 * the same operations in the same order: the shape of a plasticity rule's update of w (w − A·x).
 */
function scaledLoop(e: Expr & { kind: 'binary' }, scope: ArrayScope, size: Extent, seen: ReadonlySet<string>, out: Float64Array): (() => Float64Array) | null {
  if (e.op !== '+' && e.op !== '-' && e.op !== '*') return null;
  const scaled = (x: Expr): { s: Closure; b: () => Float64Array } | null => {
    if (x.kind !== 'binary' || x.op !== '*') return null;
    const [l, r] = [readsArray(x.left, scope, seen), readsArray(x.right, scope, seen)];
    if (l === r) return null;
    const b = compileArrayExpr(l ? x.left : x.right, scope, size, seen);
    return 'array' in b ? { s: compileExpr(l ? x.right : x.left, scope, seen), b: b.array } : null; // s·b = b·s exactly
  };
  const right = readsArray(e.left, scope, seen) ? scaled(e.right) : null;
  const left = right === null && readsArray(e.right, scope, seen) ? scaled(e.left) : null;
  const sb = right ?? left;
  if (!sb) return null;
  const other = compileArrayExpr(right ? e.left : e.right, scope, size, seen);
  if (!('array' in other)) return null;
  const [fa, fs, fb] = [other.array, sb.s, sb.b];
  if (right) {
    switch (e.op) {
      case '+': return () => { const a = fa(), s = fs(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] + s * b[i]; return out; };
      case '-': return () => { const a = fa(), s = fs(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] - s * b[i]; return out; };
      case '*': return () => { const a = fa(), s = fs(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] * (s * b[i]); return out; };
    }
  }
  switch (e.op) {
    case '+': return () => { const a = fa(), s = fs(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = s * b[i] + a[i]; return out; };
    case '-': return () => { const a = fa(), s = fs(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = s * b[i] - a[i]; return out; };
    case '*': return () => { const a = fa(), s = fs(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = s * b[i] * a[i]; return out; };
  }
}

/** clip(x, low, high) as closures.ts computes it (low first, then high): one loop when the bounds are scalars. */
function clipLoop(args: readonly ArrayNode[], size: Extent, out: Float64Array): () => Float64Array {
  const [x, lo, hi] = args;
  if ('array' in x && 'scalar' in lo && 'scalar' in hi) {
    const [fx, fl, fh] = [x.array, lo.scalar, hi.scalar];
    return () => {
      const a = fx(), l = fl(), h = fh(), n = size.n;
      for (let i = 0; i < n; i++) {
        const v = a[i];
        out[i] = v < l ? l : v > h ? h : v;
      }
      return out;
    };
  }
  const [fx, fl, fh] = args.map((a) => element(a));
  return () => {
    const a = fx(), l = fl(), h = fh(), n = size.n;
    for (let i = 0; i < n; i++) {
      const v = a(i), lv = l(i), hv = h(i);
      out[i] = v < lv ? lv : v > hv ? hv : v;
    }
    return out;
  };
}

function asArray(node: ArrayNode): () => Float64Array {
  if ('array' in node) return node.array;
  throw new Error('Expected an array operand.');
}

/** Per element: i -> value, for the generic (rare) operations. */
function element(node: ArrayNode): () => (i: number) => number {
  if ('array' in node) return () => { const x = node.array(); return (i) => x[i]; };
  return () => { const v = node.scalar(); return () => v; };
}

const GENERIC: Readonly<Partial<Record<BinaryOp, (a: number, b: number) => number>>> = {
  '**': (a, b) => a ** b,
  '<': (a, b) => (a < b ? 1 : 0), '<=': (a, b) => (a <= b ? 1 : 0), '>': (a, b) => (a > b ? 1 : 0), '>=': (a, b) => (a >= b ? 1 : 0),
  '==': (a, b) => (a === b ? 1 : 0), '!=': (a, b) => (a !== b ? 1 : 0), and: (a, b) => (a && b ? 1 : 0), or: (a, b) => (a || b ? 1 : 0),
};

/** One loop per arithmetic operation and operand kind (array ∘ array, scalar ∘ array, array ∘ scalar). */
function binaryLoop(op: BinaryOp, l: ArrayNode, r: ArrayNode, size: Extent, out: Float64Array): () => Float64Array {
  if ('array' in l && 'array' in r) {
    const fa = l.array, fb = r.array;
    switch (op) {
      case '+': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] + b[i]; return out; };
      case '-': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] - b[i]; return out; };
      case '*': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] * b[i]; return out; };
      case '/': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] / b[i]; return out; };
    }
  } else if ('scalar' in l && 'array' in r) {
    const fa = l.scalar, fb = r.array;
    switch (op) {
      case '+': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a + b[i]; return out; };
      case '-': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a - b[i]; return out; };
      case '*': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a * b[i]; return out; };
      case '/': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a / b[i]; return out; };
    }
  } else if ('array' in l && 'scalar' in r) {
    const fa = l.array, fb = r.scalar;
    switch (op) {
      case '+': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] + b; return out; };
      case '-': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] - b; return out; };
      case '*': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] * b; return out; };
      case '/': return () => { const a = fa(), b = fb(), n = size.n; for (let i = 0; i < n; i++) out[i] = a[i] / b; return out; };
    }
  }
  const f = GENERIC[op];
  if (!f) throw new Error(`No operation "${op}".`);
  const a = element(l), b = element(r);
  return () => { const x = a(), y = b(), n = size.n; for (let i = 0; i < n; i++) out[i] = f(x(i), y(i)); return out; };
}
