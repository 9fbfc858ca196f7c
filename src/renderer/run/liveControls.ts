/** Which document values can be changed live, and how a slider maps onto them. */
import type { Document } from '../../shared/document';

export interface LiveControl {
  readonly nodeId: string;
  /** Protocol field, e.g. "params.amplitude" or "weight". */
  readonly field: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** Slider range in the same unit. */
  readonly min: number;
  readonly max: number;
}

const QUANTITY = /^\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*([^\s\d].*)?$/i;

/** "1.6 nA" -> { value: 1.6, unit: "nA" }; null for distributions, lists and words. */
export function splitQuantity(v: unknown): { value: number; unit: string } | null {
  if (typeof v === 'number') return { value: v, unit: '' };
  if (typeof v !== 'string') return null;
  const m = QUANTITY.exec(v);
  return m ? { value: Number(m[1]), unit: (m[2] ?? '').trim() } : null;
}

function range(value: number): { min: number; max: number } {
  const mag = Math.abs(value) > 0 ? Math.abs(value) : 1;
  return value >= 0 ? { min: 0, max: 3 * mag } : { min: -3 * mag, max: 0 };
}

/** Input amplitudes (and offsets) and projection weights given as one quantity. */
export function liveControls(doc: Document): LiveControl[] {
  const out: LiveControl[] = [];
  for (const node of doc.nodes) {
    if (node.kind === 'input') {
      for (const name of ['amplitude', 'offset', 'mean']) {
        const q = splitQuantity(node.params[name]);
        if (q) out.push({ nodeId: node.id, field: `params.${name}`, label: `${node.label ?? node.id} · ${name}`, ...q, ...range(q.value) });
      }
    } else if (node.kind === 'projection') {
      const q = splitQuantity(node.weight);
      if (q) out.push({ nodeId: node.id, field: 'weight', label: `${node.label ?? node.id} · weight`, ...q, ...range(q.value) });
    }
  }
  return out;
}

/** The text sent to the engine for a slider value, e.g. "2.35 nA". */
export function formatValue(value: number, unit: string): string {
  const v = Number(value.toPrecision(4));
  return unit ? `${v} ${unit}` : String(v);
}
