/**
 * What both backends read from an output spec (shared/modelspec/outputs): its parameter values
 * in the spec's coherent units, and its reversal potential. The kernels then keep the fast form
 * the spec's current has (a current, or a conductance toward E, times a gate evaluated at V).
 */
import type { ModelIR } from '../../ir';
import { OUTPUT_V, type OutputSpec } from '../../../shared/modelspec/outputs';
import { dimName } from '../../../shared/modelspec/dimension';
import { internalPerCoherent } from '../../../shared/modelspec/specModel';
import type { Expr } from '../../../shared/modelspec/ast';
import { compileExpr, type Scope } from '../../spec/closures';

/** The output's parameters (coherent units, the spec's default where the IR has none), in spec order. */
export function outputParamValues(out: OutputSpec, ir: ModelIR): Map<string, number> {
  const values = new Map<string, number>();
  for (const p of out.spec.params) {
    const given = ir.params[p.name];
    const named = dimName(p.dim);
    const v = given !== undefined ? given / internalPerCoherent(named ?? 'dimensionless') : p.default;
    if (v === undefined || !Number.isFinite(v)) throw new Error(`The ${out.name} output needs a finite value for ${p.name} (got ${given}).`);
    values.set(p.name, v);
  }
  return values;
}

/** A frame holding the output's parameters and V, and where each name lives in it. */
function outputFrame(out: OutputSpec, ir: ModelIR): { frame: Float64Array; slots: ReadonlyMap<string, number> } {
  const values = outputParamValues(out, ir);
  const names = [...values.keys(), OUTPUT_V];
  const frame = new Float64Array(names.length);
  names.forEach((n, k) => (frame[k] = values.get(n) ?? 0));
  return { frame, slots: new Map(names.map((n, k) => [n, k])) };
}

/** A reversal potential (mV) must be a finite number, or the neuron's exact step is undefined. */
export function checkedReversal(out: OutputSpec, E: number): number {
  if (!Number.isFinite(E)) throw new Error(`The ${out.name} output needs a finite reversal potential (mV); got ${E}.`);
  return E;
}

/**
 * A conductance output as both backends and the exporters read it: its frame (parameters and V)
 * and scope, its reversal potential E evaluated from the spec (kernels pass it through
 * checkedReversal), and its gate expression over V (absent: none); null for a current output.
 */
export function conductanceOutput(out: OutputSpec, ir: ModelIR): { frame: Float64Array; slots: ReadonlyMap<string, number>; scope: Scope; E: number; gate?: Expr } | null {
  const form = out.form;
  if (form.kind === 'current') return null;
  const { frame, slots } = outputFrame(out, ir);
  const scope: Scope = { frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: (n) => out.spec.subexpressions.get(n)?.value };
  const E = compileExpr(form.reversal, scope)();
  return { frame, slots, scope, E, ...(form.gate ? { gate: form.gate } : {}) };
}
