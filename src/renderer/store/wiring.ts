/**
 * Whether a wire being drawn makes sense. The document's rules (which kinds a wire joins, spike
 * sources, self wires) and their sentences live in src/shared/structure.ts; this adds the
 * editor's own: no second copy of a wire, one pre and one post population per projection.
 */
import type { Document } from '../../shared/document';
import { STRUCTURE_TEXT, wireProblem } from '../../shared/structure';

export type WireCheck = { ok: true } | { ok: false; hint: string };

/** Can a wire go from `from` to `to` in `doc`? */
export function checkWire(doc: Document, fromId: string, toId: string): WireCheck {
  const from = doc.nodes.find((n) => n.id === fromId);
  const to = doc.nodes.find((n) => n.id === toId);
  if (!from || !to) return { ok: false, hint: STRUCTURE_TEXT.danglingWire(from ? toId : fromId) };
  if (doc.wires.some((w) => w.from === fromId && w.to === toId)) return { ok: false, hint: STRUCTURE_TEXT.alreadyWired(fromId, toId) };
  const bad = wireProblem(from, to);
  if (bad) return { ok: false, hint: bad };
  if (from.kind === 'projection' && doc.wires.some((w) => w.from === fromId)) return { ok: false, hint: STRUCTURE_TEXT.projectionHasTarget(fromId) };
  if (to.kind === 'projection' && doc.wires.some((w) => w.to === toId)) return { ok: false, hint: STRUCTURE_TEXT.projectionHasSource(toId) };
  return { ok: true };
}
