/**
 * A checked spec with some of its names replaced everywhere (declarations, equations, Jacobians,
 * bounds, initial values, threshold, resets): for targets where a name is taken, such as Brian2,
 * whose Synapses refuse a neuron variable named like a synaptic one (`w`).
 */
import type { Expr } from '../../shared/modelspec/ast';
import type { NeuronSpec } from '../../shared/modelspec/check';

function renameExpr(e: Expr, to: (name: string) => string): Expr {
  switch (e.kind) {
    case 'name':
      return { ...e, name: to(e.name) };
    case 'unary':
      return { ...e, arg: renameExpr(e.arg, to) };
    case 'binary':
      return { ...e, left: renameExpr(e.left, to), right: renameExpr(e.right, to) };
    case 'call':
      return { ...e, args: e.args.map((a) => renameExpr(a, to)) };
    default:
      return e;
  }
}

/** `spec` with each name in `map` renamed (names not in it unchanged). */
export function renameSpec(spec: NeuronSpec, map: ReadonlyMap<string, string>): NeuronSpec {
  if (map.size === 0) return spec;
  const to = (n: string): string => map.get(n) ?? n;
  const r = (e: Expr): Expr => renameExpr(e, to);
  return {
    ...spec,
    params: spec.params.map((p) => ({ ...p, name: to(p.name) })),
    inputs: spec.inputs.map((i) => ({ ...i, name: to(i.name) })),
    states: spec.states.map((s) => ({ ...s, name: to(s.name), rhs: r(s.rhs), jacobian: r(s.jacobian), init: r(s.init), ...(s.max ? { max: r(s.max) } : {}) })),
    subexpressions: new Map([...spec.subexpressions].map(([k, v]) => [to(k), { ...v, value: r(v.value) }])),
    ...(spec.threshold ? { threshold: { ...spec.threshold, condition: r(spec.threshold.condition) } } : {}),
    resets: spec.resets.map((x) => ({ ...x, statements: x.statements.map((st) => ({ ...st, target: to(st.target), value: r(st.value) })) })),
    ...(spec.refractory ? { refractory: r(spec.refractory) } : {}),
  };
}
