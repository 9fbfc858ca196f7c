/**
 * Typed document changes and the pure functions that apply them. Every edit the user makes is
 * one of these; applying a change returns the new document and the changes that undo it, so
 * history needs no snapshots and no knowledge of what a change means.
 */
import type { CustomModel, Document, Node, Simulation, Training, Wire } from '../../shared/document';

export type Position = readonly [number, number];

export type Change =
  /** Insert nodes; `index` places each (default: at the end). */
  | { readonly type: 'insert-nodes'; readonly entries: ReadonlyArray<{ readonly node: Node; readonly index?: number }> }
  /** Remove nodes and every wire touching them. */
  | { readonly type: 'remove-nodes'; readonly ids: readonly string[] }
  | { readonly type: 'insert-wires'; readonly entries: ReadonlyArray<{ readonly wire: Wire; readonly index?: number }> }
  | { readonly type: 'remove-wires'; readonly wires: readonly Wire[] }
  /** Replace one node (same id) with a new version. */
  | { readonly type: 'replace-node'; readonly node: Node }
  /** Rename a node and every wire end that names it. */
  | { readonly type: 'rename-node'; readonly from: string; readonly to: string }
  | { readonly type: 'move-nodes'; readonly positions: Readonly<Record<string, Position | null>> }
  | { readonly type: 'set-simulation'; readonly simulation: Simulation }
  | { readonly type: 'set-meta'; readonly meta: Document['meta'] }
  /** Set (or, undefined, remove) the surrogate-gradient training section (issue 18). */
  | { readonly type: 'set-training'; readonly training: Training | undefined }
  /** Replace the document's custom models (an empty list removes the field, so the file stays version 1). */
  | { readonly type: 'set-custom-models'; readonly models: readonly CustomModel[] };

export interface Applied {
  readonly doc: Document;
  /** Changes that, applied in order, restore the document before this change. */
  readonly inverse: Change[];
}

const sameWire = (a: Wire, b: Wire): boolean => a.from === b.from && a.to === b.to;

/** Apply one change; a change that does not fit the document (unknown id) is a no-op with no inverse. */
export function applyChange(doc: Document, change: Change): Applied {
  switch (change.type) {
    case 'insert-nodes': {
      const nodes = [...doc.nodes];
      const sorted = [...change.entries].sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
      for (const { node, index } of sorted) nodes.splice(index ?? nodes.length, 0, node);
      return { doc: { ...doc, nodes }, inverse: [{ type: 'remove-nodes', ids: change.entries.map((e) => e.node.id) }] };
    }
    case 'remove-nodes': {
      const ids = new Set(change.ids);
      const removedNodes = doc.nodes.flatMap((node, index) => (ids.has(node.id) ? [{ node, index }] : []));
      const removedWires = doc.wires.flatMap((wire, index) => (ids.has(wire.from) || ids.has(wire.to) ? [{ wire, index }] : []));
      if (removedNodes.length === 0) return { doc, inverse: [] };
      return {
        doc: { ...doc, nodes: doc.nodes.filter((n) => !ids.has(n.id)), wires: doc.wires.filter((w) => !ids.has(w.from) && !ids.has(w.to)) },
        inverse: [{ type: 'insert-nodes', entries: removedNodes }, ...(removedWires.length ? [{ type: 'insert-wires', entries: removedWires } as const] : [])],
      };
    }
    case 'insert-wires': {
      const wires = [...doc.wires];
      const fresh = change.entries.filter((e) => !wires.some((w) => sameWire(w, e.wire)));
      const sorted = [...fresh].sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
      for (const { wire, index } of sorted) wires.splice(index ?? wires.length, 0, wire);
      if (fresh.length === 0) return { doc, inverse: [] };
      return { doc: { ...doc, wires }, inverse: [{ type: 'remove-wires', wires: fresh.map((e) => e.wire) }] };
    }
    case 'remove-wires': {
      const removed = doc.wires.flatMap((wire, index) => (change.wires.some((w) => sameWire(w, wire)) ? [{ wire, index }] : []));
      if (removed.length === 0) return { doc, inverse: [] };
      return { doc: { ...doc, wires: doc.wires.filter((w) => !change.wires.some((x) => sameWire(x, w))) }, inverse: [{ type: 'insert-wires', entries: removed }] };
    }
    case 'replace-node': {
      const i = doc.nodes.findIndex((n) => n.id === change.node.id);
      if (i < 0) return { doc, inverse: [] };
      const nodes = [...doc.nodes];
      const before = nodes[i];
      nodes[i] = change.node;
      return { doc: { ...doc, nodes }, inverse: [{ type: 'replace-node', node: before }] };
    }
    case 'rename-node': {
      if (change.from === change.to || !doc.nodes.some((n) => n.id === change.from) || doc.nodes.some((n) => n.id === change.to)) return { doc, inverse: [] };
      const rename = (id: string): string => (id === change.from ? change.to : id);
      return {
        doc: {
          ...doc,
          nodes: doc.nodes.map((n) => (n.id === change.from ? { ...n, id: change.to } : n)),
          wires: doc.wires.map((w) => ({ from: rename(w.from), to: rename(w.to) })),
        },
        inverse: [{ type: 'rename-node', from: change.to, to: change.from }],
      };
    }
    case 'move-nodes': {
      const before: Record<string, Position | null> = {};
      const nodes = doc.nodes.map((n) => {
        if (!(n.id in change.positions)) return n;
        before[n.id] = n.position ?? null;
        const p = change.positions[n.id];
        if (p === null) {
          const { position: _drop, ...rest } = n;
          return rest as Node;
        }
        return { ...n, position: [p[0], p[1]] as [number, number] };
      });
      return { doc: { ...doc, nodes }, inverse: Object.keys(before).length ? [{ type: 'move-nodes', positions: before }] : [] };
    }
    case 'set-simulation':
      return { doc: { ...doc, simulation: change.simulation }, inverse: [{ type: 'set-simulation', simulation: doc.simulation }] };
    case 'set-meta':
      return { doc: { ...doc, meta: change.meta }, inverse: [{ type: 'set-meta', meta: doc.meta }] };
    case 'set-custom-models': {
      const { customModels: _old, ...rest } = doc;
      return { doc: change.models.length > 0 ? { ...rest, customModels: [...change.models] } : rest, inverse: [{ type: 'set-custom-models', models: doc.customModels ?? [] }] };
    }
    case 'set-training': {
      const { training: _old, ...rest } = doc;
      return { doc: change.training ? { ...rest, training: change.training } : rest, inverse: [{ type: 'set-training', training: doc.training }] };
    }
  }
}

/** Apply changes in order; the inverse undoes all of them (in reverse order). */
export function applyChanges(doc: Document, changes: readonly Change[]): Applied {
  let current = doc;
  const inverses: Change[][] = [];
  for (const change of changes) {
    const r = applyChange(current, change);
    current = r.doc;
    inverses.push(r.inverse);
  }
  return { doc: current, inverse: inverses.reverse().flat() };
}
