/**
 * A projection's plasticity rule as both backends run it (typed/plasticity.ts, tfjs/plasticity.ts):
 * its checked spec (modelspec/plasticity/<folder>) with the IR's parameter values, the statements
 * of the chosen options, and each event-driven state's closed form between events.
 */
import type { Expr, RuleStatement } from '../../../shared/modelspec/ast';
import type { NeuronSpec, PlasticityParts, RuleStep } from '../../../shared/modelspec/check';
import { dimName } from '../../../shared/modelspec/dimension';
import { getPlasticityModel } from '../../../shared/modelspec/plasticityModel';
import { internalPerCoherent } from '../../../shared/modelspec/specModel';
import type { PlasticityIR } from '../../ir';
import { compileExpr } from '../../spec/closures';

/**
 * An event-driven state: between events dX/dt = rate·X + drift, so after Δ ms
 * X ← inf + (X − inf)·e^{rate·Δ} with inf = −drift/rate (or X + drift·Δ when rate = 0).
 */
export interface RuleState {
  readonly name: string;
  readonly side: 'pre' | 'post';
  /** Initial value (before any event). */
  readonly init: number;
  /** d(dX/dt)/dX, per ms. */
  readonly rate: number;
  /** dX/dt at X = 0, per ms. */
  readonly drift: number;
  /** The value X decays to, −drift/rate (0 when rate = 0, where X drifts without bound instead). */
  readonly inf: number;
}

export interface PlasticityRule {
  readonly name: string;
  readonly spec: NeuronSpec;
  readonly parts: PlasticityParts;
  /** Parameter values in the spec's coherent units (weight parameters in the weight's unit). */
  readonly params: ReadonlyMap<string, number>;
  readonly states: readonly RuleState[];
  /** The statements of on_pre / on_post for the IR's chosen options, in order. */
  readonly onPre: readonly RuleStep[];
  readonly onPost: readonly RuleStep[];
}

/** X after `elapsed` ms without events (the exact solution of its linear equation). */
export function decayed(s: RuleState, x: number, elapsed: number): number {
  if (s.rate === 0) return x + s.drift * elapsed;
  const inf = s.inf; // computed once: a division per event was a tenth of an STP spike's time
  return inf + (x - inf) * Math.exp(s.rate * elapsed);
}

/** Factor and offset of one step without events: X ← inf + (X − inf)·factor (factor = e^{rate·dt}). */
export function stepDecay(s: RuleState, dt: number): { readonly inf: number; readonly factor: number; readonly add: number } {
  if (s.rate === 0) return { inf: 0, factor: 1, add: s.drift * dt };
  return { inf: s.inf, factor: Math.exp(s.rate * dt), add: 0 };
}

/** A parameter-and-constant expression's value (the closures' arithmetic). */
function constant(e: Expr, params: ReadonlyMap<string, number>, extra?: { name: string; value: number }): number {
  const names = [...params.keys(), ...(extra ? [extra.name] : [])];
  const frame = new Float64Array(names.length);
  names.forEach((n, k) => (frame[k] = n === extra?.name ? extra.value : (params.get(n) as number)));
  const slots = new Map(names.map((n, k) => [n, k]));
  return compileExpr(e, { frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: () => undefined })();
}

/** The rule a projection's PlasticityIR names, with its values; throws for an unknown rule (build refuses those first). */
export function plasticityRule(p: PlasticityIR): PlasticityRule {
  const model = getPlasticityModel(p.model);
  if (!model) throw new Error(`There is no plasticity rule "${p.model}".`);
  const { spec, rule } = model;
  const params = new Map<string, number>();
  for (const q of spec.params) {
    const v = p.params[q.name] ?? q.default;
    if (v === undefined) throw new Error(`Plasticity ${p.model}: no value for ${q.name}.`);
    // document units -> the spec's coherent ones (a rate in Hz -> per ms); weights stay in the weight's unit
    params.set(q.name, rule.weightParams.includes(q.name) ? v : v / internalPerCoherent(dimName(q.dim) ?? 'dimensionless'));
  }
  const states = spec.states.map((s) => {
    const rate = constant(s.jacobian, params, { name: s.name, value: 0 });
    const drift = constant(s.rhs, params, { name: s.name, value: 0 });
    return { name: s.name, side: s.eventDriven as 'pre' | 'post', init: constant(s.init, params), rate, drift, inf: rate === 0 ? 0 : -drift / rate };
  });
  const chosen = (st: RuleStep): boolean => !st.when || (p.choices[st.when.choice] ?? spec.choices.find((c) => c.name === st.when?.choice)?.options[0]) === st.when.option;
  return { name: p.model, spec, parts: rule, params, states, onPre: rule.onPre.filter(chosen), onPost: rule.onPost.filter(chosen) };
}

/** The expression a statement evaluates: an assignment's value, or what `transmit` delivers. */
export const statementValue = (s: RuleStatement): Expr => ('transmit' in s ? s.transmit : s.value);

/**
 * `e` with every subtree of parameters and constants replaced by its value (the same operations in
 * the same order, so the same bits), so a per-synapse statement does only the work that varies;
 * 1·x and x·1 become x (exact), so a transmit folded at w = 1 (its factor) multiplies by nothing.
 */
export function foldConstants(e: Expr, params: ReadonlyMap<string, number>): Expr {
  const isConst = (x: Expr): boolean => x.kind === 'number';
  const isOne = (x: Expr): boolean => x.kind === 'number' && x.value === 1;
  let folded: Expr;
  switch (e.kind) {
    case 'number':
    case 'unit':
      return e;
    case 'name':
      return params.has(e.name) ? { kind: 'number', value: params.get(e.name) as number, pos: e.pos } : e;
    case 'unary':
      folded = { ...e, arg: foldConstants(e.arg, params) };
      if (!isConst(folded.arg)) return folded;
      break;
    case 'binary':
      folded = { ...e, left: foldConstants(e.left, params), right: foldConstants(e.right, params) };
      if (e.op === '*' && isOne(folded.left)) return folded.right;
      if (e.op === '*' && isOne(folded.right)) return folded.left;
      if (!isConst(folded.left) || !isConst(folded.right)) return folded;
      break;
    case 'call':
      folded = { ...e, args: e.args.map((a) => foldConstants(a, params)) };
      if (!folded.args.every(isConst)) return folded;
      break;
  }
  return { kind: 'number', value: constant(folded, new Map()), pos: e.pos };
}

/** Whether `p` names a rule that changes the weights (one float64 per synapse), as STDP does. */
export function changesWeights(p: PlasticityIR | undefined): boolean {
  return p !== undefined && getPlasticityModel(p.model)?.rule.changesWeight === true;
}

/** Whether `p` names a rule that scales each spike's transmitted weight (STP, STD). */
export function scalesTransmission(p: PlasticityIR | undefined): boolean {
  return p !== undefined && getPlasticityModel(p.model)?.rule.transmits === true;
}
