/**
 * What the wires mean: a projection sits between its pre and post populations, inputs feed
 * populations, monitors listen to populations. Anything else is reported with its wire path.
 */
import type { Document, Node } from '../../shared/document';
import { STRUCTURE_TEXT, wireAllowed, wireProblem } from '../../shared/structure';
import type { BuildContext } from './context';

export interface Wiring {
  /** Pre population ids of each projection. */
  readonly pre: Map<string, string[]>;
  /** Post population ids of each projection. */
  readonly post: Map<string, string[]>;
  /** Target population ids of each input. */
  readonly inputTargets: Map<string, string[]>;
  /** Source population ids of each monitor. */
  readonly monitorSources: Map<string, string[]>;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function resolveWiring(doc: Document, byId: Map<string, Node>, ctx: BuildContext): Wiring {
  const w: Wiring = { pre: new Map(), post: new Map(), inputTargets: new Map(), monitorSources: new Map() };
  const seen = new Set<string>();
  doc.wires.forEach((wire, i) => {
    const path = `wires[${i}]`;
    const from = byId.get(wire.from);
    const to = byId.get(wire.to);
    if (!from) ctx.report('dangling_wire', `${path}.from`, STRUCTURE_TEXT.danglingWire(wire.from));
    if (!to) ctx.report('dangling_wire', `${path}.to`, STRUCTURE_TEXT.danglingWire(wire.to));
    if (!from || !to) return;
    const key = `${wire.from}\u0000${wire.to}`;
    if (seen.has(key)) return; // a repeated wire means the same thing once
    seen.add(key);
    const bad = wireProblem(from, to);
    if (bad) {
      // a wire into a spike source is about the source; any other bad wire about where it starts
      ctx.report('bad_wire', path, bad, wireAllowed(from.kind, to.kind) ? to.id : from.id);
      return;
    }
    if (from.kind === 'population' && to.kind === 'projection') push(w.pre, to.id, from.id);
    else if (from.kind === 'projection') push(w.post, from.id, to.id);
    else if (from.kind === 'input') push(w.inputTargets, from.id, to.id);
    else push(w.monitorSources, to.id, from.id);
  });
  return w;
}
