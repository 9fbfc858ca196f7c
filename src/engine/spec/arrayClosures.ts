/**
 * An expression compiled once into loops over whole arrays (one loop per operation), for an
 * expression evaluated for every neuron of a group at once, such as an output's gate at each
 * neuron's V. Parts that read no array are scalar closures (spec/closures.ts), computed once per
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

/** Compile `e` for arrays of length n. */
export function compileArrayExpr(e: Expr, scope: ArrayScope, n: number, seen: ReadonlySet<string> = new Set()): ArrayNode {
  if (!readsArray(e, scope, seen)) return { scalar: compileExpr(e, scope, seen) };
  const out = new Float64Array(n);
  switch (e.kind) {
    case 'name': {
      const a = scope.array(e.name);
      if (a) return { array: a };
      const sub = scope.subexpression(e.name);
      if (!sub) throw new Error(`No value for "${e.name}".`);
      return compileArrayExpr(sub, scope, n, new Set([...seen, e.name]));
    }
    case 'unary': {
      const a = asArray(compileArrayExpr(e.arg, scope, n, seen));
      if (e.op === '-') return { array: () => { const x = a(); for (let i = 0; i < n; i++) out[i] = -x[i]; return out; } };
      return { array: () => { const x = a(); for (let i = 0; i < n; i++) out[i] = x[i] ? 0 : 1; return out; } };
    }
    case 'call': {
      const args = e.args.map((x) => compileArrayExpr(x, scope, n, seen));
      if (e.fn === 'exp') {
        const a = asArray(args[0]);
        return { array: () => { const x = a(); for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]); return out; } };
      }
      if (e.fn === 'min' || e.fn === 'max') {
        const f = e.fn === 'min' ? Math.min : Math.max;
        const [a, b] = args.map((x) => element(x));
        return { array: () => { const fa = a(), fb = b(); for (let i = 0; i < n; i++) out[i] = f(fa(i), fb(i)); return out; } };
      }
      const f = FN[e.fn];
      if (!f) throw new Error(`No function "${e.fn}".`);
      const a = asArray(args[0]);
      return { array: () => { const x = a(); for (let i = 0; i < n; i++) out[i] = f(x[i]); return out; } };
    }
    case 'binary':
      return { array: binaryLoop(e.op, compileArrayExpr(e.left, scope, n, seen), compileArrayExpr(e.right, scope, n, seen), out) };
    default:
      throw new Error(`A ${e.kind} reads no array.`);
  }
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
function binaryLoop(op: BinaryOp, l: ArrayNode, r: ArrayNode, out: Float64Array): () => Float64Array {
  const n = out.length;
  if ('array' in l && 'array' in r) {
    const fa = l.array, fb = r.array;
    switch (op) {
      case '+': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] + b[i]; return out; };
      case '-': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] - b[i]; return out; };
      case '*': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] * b[i]; return out; };
      case '/': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] / b[i]; return out; };
    }
  } else if ('scalar' in l && 'array' in r) {
    const fa = l.scalar, fb = r.array;
    switch (op) {
      case '+': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a + b[i]; return out; };
      case '-': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a - b[i]; return out; };
      case '*': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a * b[i]; return out; };
      case '/': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a / b[i]; return out; };
    }
  } else if ('array' in l && 'scalar' in r) {
    const fa = l.array, fb = r.scalar;
    switch (op) {
      case '+': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] + b; return out; };
      case '-': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] - b; return out; };
      case '*': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] * b; return out; };
      case '/': return () => { const a = fa(), b = fb(); for (let i = 0; i < n; i++) out[i] = a[i] / b; return out; };
    }
  }
  const f = GENERIC[op];
  if (!f) throw new Error(`No operation "${op}".`);
  const a = element(l), b = element(r);
  return () => { const x = a(), y = b(); for (let i = 0; i < n; i++) out[i] = f(x(i), y(i)); return out; };
}
