/**
 * Which wires make sense: population -> projection -> population, input -> population,
 * population -> monitor. A refused wire gets a sentence telling the user what to do instead.
 */
import type { Document, Node, NodeKind } from '../../shared/document';

export type WireCheck = { ok: true } | { ok: false; hint: string };

const ALLOWED: ReadonlyArray<readonly [NodeKind, NodeKind]> = [
  ['population', 'projection'],
  ['projection', 'population'],
  ['input', 'population'],
  ['population', 'monitor'],
];

/** Can a wire go from `from` to `to` in `doc`? */
export function checkWire(doc: Document, fromId: string, toId: string): WireCheck {
  const from = doc.nodes.find((n) => n.id === fromId);
  const to = doc.nodes.find((n) => n.id === toId);
  if (!from || !to) return { ok: false, hint: 'Both ends of a wire must be nodes on the canvas.' };
  if (doc.wires.some((w) => w.from === fromId && w.to === toId)) return { ok: false, hint: `"${fromId}" is already wired to "${toId}".` };
  if (!ALLOWED.some(([a, b]) => a === from.kind && b === to.kind)) return { ok: false, hint: hintFor(from, to) };
  if (from.kind === 'projection' && doc.wires.some((w) => w.from === fromId)) {
    return { ok: false, hint: `Projection "${fromId}" already has a target population; a projection connects one pre to one post population.` };
  }
  if (to.kind === 'projection' && doc.wires.some((w) => w.to === toId)) {
    return { ok: false, hint: `Projection "${toId}" already has a source population; add another projection for another source.` };
  }
  return { ok: true };
}

function hintFor(from: Node, to: Node): string {
  if (from.kind === 'population' && to.kind === 'population') return 'Populations connect through a Projection: drag one from the palette, then wire population → projection → population.';
  if (from.kind === 'input' && to.kind !== 'population') return 'An input injects current into a population: wire it to a population.';
  if (from.kind === 'monitor') return 'A monitor only receives: wire a population into it.';
  if (to.kind === 'input') return 'An input has no inlet: wire the input into a population instead.';
  if (from.kind === 'projection' && to.kind !== 'population') return 'A projection ends on a population (its postsynaptic target).';
  if (to.kind === 'monitor') return 'A monitor records a population: wire a population into it.';
  if (from.kind === 'projection' || to.kind === 'projection') return 'A projection goes from a population to a population.';
  return `A ${from.kind} cannot be wired to a ${to.kind}.`;
}
