/**
 * What a typed field value becomes in the document. A wrong dimension, a typo or a value out of
 * bounds is refused with a sentence and never reaches the document.
 */
import { parseQuantity, type DimensionName } from '../../shared/units';

export interface FieldRule {
  readonly dim: DimensionName;
  readonly positive?: boolean;
  readonly nonNegative?: boolean;
  readonly integer?: boolean;
  /** Upper bound in internal units. */
  readonly max?: number;
  /** Empty text means "use the default" (the parameter is removed from the document). */
  readonly optional?: boolean;
}

export type FieldResult = { ok: true; value: string | number | undefined } | { ok: false; reason: string };

/** Check `text` against `rule`; dimensionless values are stored as numbers, quantities as the text typed. */
export function fieldValue(text: string, rule: FieldRule): FieldResult {
  const t = text.trim();
  if (t === '') return rule.optional ? { ok: true, value: undefined } : { ok: false, reason: 'A value is required here.' };
  const q = parseQuantity(t, rule.dim);
  if (!q.ok) return { ok: false, reason: capitalise(q.reason) };
  if (rule.positive && !(q.value > 0)) return { ok: false, reason: 'Must be greater than zero.' };
  if (rule.nonNegative && q.value < 0) return { ok: false, reason: 'Cannot be negative.' };
  if (rule.integer && !Number.isInteger(q.value)) return { ok: false, reason: 'Must be a whole number.' };
  if (rule.max !== undefined && q.value > rule.max) return { ok: false, reason: `Must be at most ${rule.max}.` };
  return { ok: true, value: rule.dim === 'dimensionless' ? q.value : t.replace(/\s+/g, ' ') };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
