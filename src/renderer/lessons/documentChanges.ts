/**
 * The changes that turn one document into another, so a lesson's set-up or "show me" is one
 * undoable step of the editor's history like any edit (store/changes.ts).
 */
import type { Document, Node } from '../../shared/document';
import type { Change } from '../store/changes';

/** Horizontal room given to a node a lesson adds without a position, px. */
const NEW_NODE_SPACING = 240;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function changesBetween(from: Document, to: Document): Change[] {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const wireKey = (w: { from: string; to: string }): string => `${w.from}\u0000${w.to}`;
  const wiresAfter = new Set(to.wires.map(wireKey));
  const wiresBefore = new Set(from.wires.map(wireKey));
  const changes: Change[] = [];
  const goneWires = from.wires.filter((w) => !wiresAfter.has(wireKey(w)));
  if (goneWires.length) changes.push({ type: 'remove-wires', wires: goneWires });
  const gone = from.nodes.filter((n) => !after.has(n.id)).map((n) => n.id);
  if (gone.length) changes.push({ type: 'remove-nodes', ids: gone });
  const right = Math.max(0, ...from.nodes.map((n) => n.position?.[0] ?? 0));
  const added = to.nodes.filter((n) => !before.has(n.id)).map((n, i): Node => (n.position ? n : { ...n, position: [right + NEW_NODE_SPACING, i * 120] }));
  if (added.length) changes.push({ type: 'insert-nodes', entries: added.map((node) => ({ node })) });
  for (const n of to.nodes) {
    const old = before.get(n.id);
    if (old && !same(old, n)) changes.push({ type: 'replace-node', node: n });
  }
  const newWires = to.wires.filter((w) => !wiresBefore.has(wireKey(w)));
  if (newWires.length) changes.push({ type: 'insert-wires', entries: newWires.map((wire) => ({ wire })) });
  if (!same(from.simulation, to.simulation)) changes.push({ type: 'set-simulation', simulation: to.simulation });
  if (!same(from.meta, to.meta)) changes.push({ type: 'set-meta', meta: to.meta });
  return changes;
}
