/**
 * What a typed field value becomes in the document. An empty field, a wrong dimension, a typo or
 * a value out of bounds is refused with a sentence and never reaches the document: the document
 * keeps its value until the field holds an acceptable one (or Escape restores the field).
 */
import { formatQuantity, parseQuantity, tidyQuantityText, type DimensionName, type UnitError } from '../../shared/units';

export interface FieldRule {
  readonly dim: DimensionName;
  readonly positive?: boolean;
  readonly nonNegative?: boolean;
  readonly integer?: boolean;
  /** Upper bound in internal units. */
  readonly max?: number;
  /** The value the engine uses when the document has none (named in the "empty" message). */
  readonly fallback?: string | number;
}

export type FieldErrorCode = 'empty' | 'unit' | 'not_positive' | 'negative' | 'not_integer' | 'above_max' | 'not_names' | 'not_indices' | 'shape';

/** Why a field refused its text: a code, the data for the message, and the message. */
export type FieldResult =
  | { ok: true; value: string | number }
  | { ok: false; code: FieldErrorCode; reason: string; unit?: UnitError };

interface MessageData {
  readonly rule: FieldRule;
  /** The value the document keeps, as shown in the field before the edit ('' when unset). */
  readonly kept: string;
}

const restore = (d: MessageData): string => (d.kept ? `Esc restores ${d.kept}` : 'Esc leaves it unset');

/** The inspector's own refusals, in one table; unit refusals come from the units' table. */
const MESSAGES: Record<Exclude<FieldErrorCode, 'unit' | 'shape'>, (d: MessageData) => string> = {
  empty: (d) =>
    `A value is needed here${d.rule.fallback !== undefined ? ` (default: ${String(d.rule.fallback)})` : ''}; ${restore(d)}.`,
  not_positive: () => 'Must be greater than zero.',
  negative: () => 'Cannot be negative.',
  not_integer: () => 'Must be a whole number.',
  not_names: () => 'Variables are names separated by commas, e.g. "V, g_e".',
  not_indices: () => 'Neuron indices are whole numbers separated by commas, e.g. "0, 1, 5".',
  above_max: (d) => `Must be at most ${d.rule.max !== undefined ? formatQuantity(d.rule.max, d.rule.dim, 10) : ''}.`,
};

const SHAPE_EXAMPLE = { list: '"10 ms, 15 ms"', linspace: '"0 nA … 2 nA"', normal: '"N(-55 mV, 5 mV)"', uniform: '"U(0.1 nA, 0.3 nA)"' } as const;
const SHAPE_NAME = { list: 'a list', linspace: 'a range', normal: 'a normal distribution', uniform: 'a uniform distribution' } as const;

/** `shape` is not taken here (or is malformed): say what the field takes. */
export function shapeMessage(shape: keyof typeof SHAPE_NAME, allowed: readonly (keyof typeof SHAPE_NAME)[]): string {
  const takes = allowed.map((s) => `${SHAPE_NAME[s]} such as ${SHAPE_EXAMPLE[s]}`);
  return allowed.includes(shape)
    ? `Write ${SHAPE_NAME[shape]} as ${SHAPE_EXAMPLE[shape]}.`
    : `This field takes one value${takes.length ? ` or ${takes.join(', or ')}` : ''}, not ${SHAPE_NAME[shape]}.`;
}

/** A refusal inside a list or distribution, naming the part ("std", item 2). */
export function itemMessage(part: string | number, reason: string): string {
  return `${typeof part === 'number' ? `Item ${part}` : `The ${part}`}: ${reason}`;
}

/** The message for a field refusal other than a unit's; exported so list fields share the table. */
export function fieldMessage(code: Exclude<FieldErrorCode, 'unit' | 'shape'>, rule: FieldRule, kept: string): string {
  return MESSAGES[code]({ rule, kept });
}

/**
 * Check `text` against `rule`; dimensionless values are stored as numbers, quantities as the
 * text typed (ASCII minus, single spaces). `kept` is what the document holds now, for the message.
 */
export function fieldValue(text: string, rule: FieldRule, kept = ''): FieldResult {
  const t = text.trim();
  const refuse = (code: Exclude<FieldErrorCode, 'unit' | 'shape'>): FieldResult => ({ ok: false, code, reason: fieldMessage(code, rule, kept) });
  if (t === '') return refuse('empty');
  const q = parseQuantity(t, rule.dim);
  if (!q.ok) return { ok: false, code: 'unit', reason: q.reason, unit: q.error };
  if (rule.positive && !(q.value > 0)) return refuse('not_positive');
  if (rule.nonNegative && q.value < 0) return refuse('negative');
  if (rule.integer && !Number.isInteger(q.value)) return refuse('not_integer');
  if (rule.max !== undefined && q.value > rule.max) return refuse('above_max');
  return { ok: true, value: rule.dim === 'dimensionless' ? q.value : tidyQuantityText(t) };
}

/** A comma-separated list of variable names, or the reason it is not one. */
export function checkNames(text: string): string | null {
  return text.split(',').every((s) => /^\s*[A-Za-z_]\w*\s*$/.test(s)) ? null : fieldMessage('not_names', { dim: 'dimensionless' }, '');
}

/** A comma-separated list of neuron indices, or the reason it is not one. */
export function checkIndices(text: string): string | null {
  return text.split(',').every((s) => /^\s*\d+\s*$/.test(s)) ? null : fieldMessage('not_indices', { dim: 'dimensionless' }, '');
}
