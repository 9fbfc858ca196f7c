/**
 * Turning document values (unit strings, arrays, distributions) into IR values in internal
 * units, checked against a parameter's spec. Every failure is reported, none thrown.
 */
import type { ParamSpec } from '../../shared/catalog';
import type { Quantity, ValueSpec } from '../../shared/document';
import { DIMENSIONS, parseQuantity, type DimensionName } from '../../shared/units';
import type { ValueIR } from '../ir';
import type { NodeReporter } from './context';

/**
 * parseQuantity goes through mathjs (~45 µs a call); a document repeats the same few texts
 * ("-65 mV", "10 ms") across nodes and across the rebuilds of every edit, so results are kept.
 * Bounded, so a hostile file of a million distinct texts cannot grow it without limit.
 */
const PARSED = new Map<string, ReturnType<typeof parseQuantity>>();
const MAX_PARSED = 10_000;

function parseCached(q: Quantity, dim: DimensionName): ReturnType<typeof parseQuantity> {
  const key = `${dim}\u0000${typeof q}\u0000${q}`;
  let r = PARSED.get(key);
  if (r === undefined) {
    r = parseQuantity(q, dim);
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    PARSED.set(key, r);
  }
  return r;
}

/** Parse one quantity of `dim`, reporting bad_quantity / wrong_dimension at `field`. */
export function quantity(q: Quantity, dim: DimensionName, field: string, report: NodeReporter): number | undefined {
  const r = parseCached(q, dim);
  if (r.ok) return r.value;
  const wrongDim = r.error.code === 'wrong_dimension' || r.error.code === 'no_unit';
  report(wrongDim ? 'wrong_dimension' : 'bad_quantity', field, `${field}: ${r.reason}`);
  return undefined;
}

/** Check a converted value against the spec's bounds. */
function checkBounds(x: number, spec: ParamSpec, field: string, report: NodeReporter): boolean {
  const unit = DIMENSIONS[spec.dim].internal;
  const shown = unit ? `${x} ${unit}` : String(x);
  if (spec.name === 'p' && (x < 0 || x > 1)) {
    report('bad_probability', field, `${field} is a probability and must lie in [0, 1] (got ${shown}).`);
    return false;
  }
  if (spec.positive && !(x > 0)) return fail(report, field, `${field} must be greater than zero (got ${shown}).`);
  if (spec.nonNegative && x < 0) return fail(report, field, `${field} cannot be negative (got ${shown}).`);
  if (spec.integer && !Number.isInteger(x)) return fail(report, field, `${field} must be a whole number (got ${shown}).`);
  if (spec.max !== undefined && x > spec.max) return fail(report, field, `${field} must be at most ${spec.max} (got ${shown}).`);
  return true;
}

function fail(report: NodeReporter, field: string, message: string): false {
  report('bad_value', field, message);
  return false;
}

/** A scalar parameter (not per neuron). */
export function scalarParam(value: ValueSpec | undefined, spec: ParamSpec, field: string, report: NodeReporter): number | undefined {
  const v = value ?? spec.default;
  if (v === undefined) {
    report('missing_param', field, `${field} is required (e.g. "${DIMENSIONS[spec.dim].example}").`);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') {
    report('bad_value', field, `${field} must be a single value here, not a list or distribution.`);
    return undefined;
  }
  const x = quantity(v, spec.dim, field, report);
  return x !== undefined && checkBounds(x, spec, field, report) ? x : undefined;
}

/**
 * A parameter that may differ per neuron: a single value, an array of `size` values, or a
 * distribution drawn at instantiation.
 */
export function perNeuronParam(
  value: ValueSpec | undefined,
  spec: ParamSpec,
  size: number,
  field: string,
  report: NodeReporter,
): ValueIR | undefined {
  const v = value ?? spec.default;
  if (v === undefined) {
    report('missing_param', field, `${field} is required (e.g. "${DIMENSIONS[spec.dim].example}").`);
    return undefined;
  }
  if (typeof v === 'boolean') {
    report('bad_value', field, `${field} must be a quantity, not true/false.`);
    return undefined;
  }
  if (typeof v === 'string' || typeof v === 'number') {
    const x = quantity(v, spec.dim, field, report);
    return x !== undefined && checkBounds(x, spec, field, report) ? { kind: 'scalar', value: x } : undefined;
  }
  if (Array.isArray(v)) {
    if (!spec.perNeuron) {
      report('bad_value', field, `${field} takes one value for the whole population, not a list.`);
      return undefined;
    }
    if (v.length !== size) {
      report('size_mismatch', field, `${field} has ${v.length} values but the population has ${size} neurons; give one value per neuron.`);
      return undefined;
    }
    const values = new Float64Array(v.length);
    let ok = true;
    for (let i = 0; i < v.length && ok; i++) {
      const x = quantity(v[i], spec.dim, `${field}[${i}]`, report);
      ok = x !== undefined && checkBounds(x, spec, `${field}[${i}]`, report);
      values[i] = x ?? 0;
    }
    return ok ? { kind: 'array', values } : undefined;
  }
  if (!spec.perNeuron) {
    report('bad_value', field, `${field} takes one value for the whole population, not a distribution.`);
    return undefined;
  }
  return distribution(v, spec.dim, field, report);
}

/** A normal / uniform / linspace value with its parts converted. */
export function distribution(
  v: Exclude<ValueSpec, Quantity | Quantity[] | boolean>,
  dim: DimensionName,
  field: string,
  report: NodeReporter,
): ValueIR | undefined {
  switch (v.dist) {
    case 'normal': {
      const mean = quantity(v.mean, dim, `${field}.mean`, report);
      const std = quantity(v.std, dim, `${field}.std`, report);
      if (mean === undefined || std === undefined) return undefined;
      if (std < 0) return void report('bad_value', `${field}.std`, `${field}.std cannot be negative.`);
      return { kind: 'normal', mean, std };
    }
    case 'uniform': {
      const low = quantity(v.low, dim, `${field}.low`, report);
      const high = quantity(v.high, dim, `${field}.high`, report);
      if (low === undefined || high === undefined) return undefined;
      if (high < low) return void report('bad_value', `${field}.high`, `${field}.high must not be below ${field}.low.`);
      return { kind: 'uniform', low, high };
    }
    case 'linspace': {
      const from = quantity(v.from, dim, `${field}.from`, report);
      const to = quantity(v.to, dim, `${field}.to`, report);
      if (from === undefined || to === undefined) return undefined;
      return { kind: 'linspace', from, to };
    }
  }
}

/** A list parameter (e.g. spike times): any length, each element checked. */
export function listParam(value: ValueSpec | undefined, spec: ParamSpec, field: string, report: NodeReporter): Float64Array | undefined {
  const v = value ?? spec.default;
  if (v === undefined) {
    report('missing_param', field, `${field} is required: a list such as ["${DIMENSIONS[spec.dim].example}"].`);
    return undefined;
  }
  const items = Array.isArray(v) ? v : typeof v === 'string' || typeof v === 'number' ? [v] : undefined;
  if (!items) {
    report('bad_value', field, `${field} must be a list of values.`);
    return undefined;
  }
  const out = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = quantity(items[i], spec.dim, `${field}[${i}]`, report);
    if (x === undefined || !checkBounds(x, spec, `${field}[${i}]`, report)) return undefined;
    out[i] = x;
  }
  return out;
}

/** Smallest and largest value a ValueIR can take (distributions: mean ± 3 std). */
export function valueRange(v: ValueIR): [number, number] {
  switch (v.kind) {
    case 'scalar':
      return [v.value, v.value];
    case 'array': {
      let lo = Infinity;
      let hi = -Infinity;
      for (const x of v.values) {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      return [lo, hi];
    }
    case 'normal':
      return [v.mean - 3 * v.std, v.mean + 3 * v.std];
    case 'uniform':
      return [v.low, v.high];
    case 'linspace':
      return [Math.min(v.from, v.to), Math.max(v.from, v.to)];
  }
}
