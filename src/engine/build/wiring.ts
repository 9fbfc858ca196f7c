/**
 * What the wires mean: a projection sits between its pre and post populations, inputs feed
 * populations, monitors listen to populations. Anything else is reported with its wire path.
 */
import type { Document, Node } from '../../shared/document';
import { getPopulationModel } from '../../shared/catalog';
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

function isSource(node: Node): boolean {
  return node.kind === 'population' && getPopulationModel(node.model)?.family === 'source';
}

export function resolveWiring(doc: Document, byId: Map<string, Node>, ctx: BuildContext): Wiring {
  const w: Wiring = { pre: new Map(), post: new Map(), inputTargets: new Map(), monitorSources: new Map() };
  const seen = new Set<string>();
  doc.wires.forEach((wire, i) => {
    const path = `wires[${i}]`;
    const from = byId.get(wire.from);
    const to = byId.get(wire.to);
    if (!from) ctx.report('dangling_wire', `${path}.from`, `Wire ${i} starts at "${wire.from}", which is not a node in this document.`);
    if (!to) ctx.report('dangling_wire', `${path}.to`, `Wire ${i} ends at "${wire.to}", which is not a node in this document.`);
    if (!from || !to) return;
    const key = `${wire.from}\u0000${wire.to}`;
    if (seen.has(key)) return; // a repeated wire means the same thing once
    seen.add(key);
    const pair = `${from.kind} -> ${to.kind}`;
    if (pair === 'population -> projection') push(w.pre, to.id, from.id);
    else if (pair === 'projection -> population') {
      if (isSource(to)) {
        ctx.report('bad_wire', path, `"${to.id}" is a spike source; it cannot receive synapses from "${from.id}".`, to.id);
      } else push(w.post, from.id, to.id);
    } else if (pair === 'input -> population') {
      if (isSource(to)) ctx.report('bad_wire', path, `"${to.id}" is a spike source; a current input cannot drive it.`, to.id);
      else push(w.inputTargets, from.id, to.id);
    } else if (pair === 'population -> monitor') push(w.monitorSources, to.id, from.id);
    else {
      const hint =
        pair === 'population -> population'
          ? 'put a projection between them'
          : 'allowed wires are population -> projection -> population, input -> population and population -> monitor';
      ctx.report('bad_wire', path, `A wire from ${from.kind} "${from.id}" to ${to.kind} "${to.id}" makes no sense: ${hint}.`, from.id);
    }
  });
  return w;
}
