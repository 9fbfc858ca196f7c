/**
 * The transmitter pulse of a synapse spec (`pulse TT = T for T_dur`, modelspec/check.ts
 * SynapseParts.pulse), as every target reads it: its value while on and how many steps it lasts.
 * BrainPy's AMPA: `TT = ((t - spike_arrival) < T_dur) * T` with the arrival time set to t in the
 * step the spike arrives, so the pulse is on in that step and the following ones while
 * t − t_arrival < T_dur: ceil(T_dur / dt) steps (at least one), with the kernels' tolerance for the
 * binary rounding of dt (backends/common/steps.ts), so 0.5 ms / 0.1 ms stays 5 steps.
 * Written once for the typed and tfjs kernels and the Brian2 export.
 */
import type { Expr } from '../../shared/modelspec/ast';
import { internalPerCoherent, type SpecModel } from '../../shared/modelspec/registry';
import type { ModelIR } from '../ir';
import { stepsAtLeast } from '../backends/common/steps';
import { compileExpr } from './closures';

/** The parameters of a synapse group in the spec's coherent units (rates per ms), each checked finite. */
export function coherentParams(model: SpecModel, ir: ModelIR): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of model.catalog.params) {
    const v = ir.params[p.name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${model.name} synapse needs a value for ${p.name} (got ${String(v)}).`);
    out[p.name] = v / internalPerCoherent(p.dim);
  }
  return out;
}

/** A pulse for one group's parameters: its variable, value while on (the spec's unit) and length in steps. */
export interface Pulse {
  readonly name: string;
  readonly value: number;
  readonly steps: number;
}

/** Value of an expression of parameters (coherent units) and constants (a pulse's value, an initial value). */
export function constantOf(e: Expr, params: Readonly<Record<string, number>>): number {
  const names = Object.keys(params);
  const frame = Float64Array.from(names.map((n) => params[n]));
  const slots = new Map(names.map((n, j) => [n, j]));
  return compileExpr(e, { frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: () => undefined })();
}

/** The pulse of `model` with the group's coherent parameters, or undefined when the model has none. */
export function pulseOf(model: SpecModel, params: Readonly<Record<string, number>>, dt: number): Pulse | undefined {
  const p = model.spec.synapse?.pulse;
  if (!p) return undefined;
  const value = constantOf(p.value, params);
  const duration = constantOf(p.duration, params);
  if (!Number.isFinite(value)) throw new Error(`${model.name} synapse: its pulse ${p.name} has no finite value (got ${value}).`);
  if (!(duration > 0)) throw new Error(`${model.name} synapse: its pulse ${p.name} needs a duration > 0 (got ${duration} ms).`);
  return { name: p.name, value, steps: stepsAtLeast(duration, dt, 1) };
}
