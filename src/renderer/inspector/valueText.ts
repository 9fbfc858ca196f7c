/**
 * Values that are more than one quantity, as a student types them in one field: a list of spike
 * times ("10 ms, 15 ms"), a linspace across a population ("0 nA … 2 nA"), a normal or uniform
 * distribution ("N(-55 mV, 5 mV)", "U(0.1 nA, 0.3 nA)"). The text shown is the text parsed back.
 */
import type { ValueSpec } from '../../shared/document';
import { fieldValue, itemMessage, shapeMessage, type FieldResult, type FieldRule } from './fieldValue';

/** Which shapes besides one quantity a field takes. */
export type Shape = 'list' | 'linspace' | 'normal' | 'uniform';

const LINSPACE = /^(.+?)\s*(?:…|\.\.\.?)\s*(.+)$/;
const DIST = /^([NU])\s*\((.*)\)$/i;
/** Longer per-neuron arrays stay in the project file: a field is no place for 400 numbers. */
export const MAX_EDITABLE_ITEMS = 32;

/** The text a field shows for `v`, or null when the field cannot edit it (a long per-neuron array). */
export function valueText(v: ValueSpec | undefined): string | null {
  if (v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return null;
  if (Array.isArray(v)) return v.length <= MAX_EDITABLE_ITEMS ? v.join(', ') : null;
  switch (v.dist) {
    case 'normal': return `N(${v.mean}, ${v.std})`;
    case 'uniform': return `U(${v.low}, ${v.high})`;
    case 'linspace': return `${v.from} … ${v.to}`;
  }
}

/** Split on commas outside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

type ValueResult = { ok: true; value: ValueSpec } | Extract<FieldResult, { ok: false }>;

/** Each of `parts` checked against `rule`; the first refusal names its position. */
function each(parts: readonly string[], rules: readonly FieldRule[], names: readonly string[] | null): { ok: true; values: (string | number)[] } | Extract<FieldResult, { ok: false }> {
  const values: (string | number)[] = [];
  for (let i = 0; i < parts.length; i++) {
    const r = fieldValue(parts[i], rules[Math.min(i, rules.length - 1)]);
    if (!r.ok) return { ...r, reason: itemMessage(names ? names[i] : i + 1, r.reason) };
    values.push(r.value);
  }
  return { ok: true, values };
}

/**
 * Check `text` for a field taking one quantity or any of `shapes`. `kept` is the text the field
 * showed before the edit (named in the message when the field was emptied).
 */
export function parseValueText(text: string, rule: FieldRule, shapes: readonly Shape[], kept = ''): ValueResult {
  const t = text.trim();
  const spread: FieldRule = { dim: rule.dim, nonNegative: true }; // a std is never negative, whatever the mean's bounds
  const dist = DIST.exec(t);
  if (dist && t !== '') {
    const kind = dist[1].toUpperCase() === 'N' ? 'normal' : 'uniform';
    if (!shapes.includes(kind)) return { ok: false, code: 'shape', reason: shapeMessage(kind, shapes) };
    const parts = splitTop(dist[2]);
    if (parts.length !== 2) return { ok: false, code: 'shape', reason: shapeMessage(kind, shapes) };
    const r = kind === 'normal' ? each(parts, [rule, spread], ['mean', 'std']) : each(parts, [rule], ['low', 'high']);
    if (!r.ok) return r;
    const [a, b] = r.values;
    return { ok: true, value: kind === 'normal' ? { dist: 'normal', mean: a, std: b } : { dist: 'uniform', low: a, high: b } };
  }
  const range = shapes.includes('linspace') ? LINSPACE.exec(t) : null;
  if (range) {
    const r = each([range[1], range[2]], [rule], ['from', 'to']);
    return r.ok ? { ok: true, value: { dist: 'linspace', from: r.values[0], to: r.values[1] } } : r;
  }
  const parts = splitTop(t);
  if (parts.length > 1) {
    if (!shapes.includes('list')) return { ok: false, code: 'shape', reason: shapeMessage('list', shapes) };
    const r = each(parts, [rule], null);
    return r.ok ? { ok: true, value: r.values } : r;
  }
  return fieldValue(t, rule, kept);
}
