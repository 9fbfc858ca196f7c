/** Document -> React Flow nodes and edges (session data such as `measured` is carried over, never saved). */
import { MarkerType, type Edge, type Node as FlowNode } from '@xyflow/react';
import type { CardSize } from './cardSize';
import type { Document, Wire } from '../../shared/document';
import type { Problem } from '../../shared/problems';
import type { Selection } from '../store/editorStore';
import { flowType, type CardNode } from './nodes/NodeCard';

export const wireId = (w: Wire): string => JSON.stringify([w.from, w.to]);
export const wireOf = (edgeId: string): Wire => {
  const [from, to] = JSON.parse(edgeId) as [string, string];
  return { from, to };
};

const NO_PROBLEMS: readonly Problem[] = [];

export function problemsByNode(problems: readonly Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) if (p.nodeId) out.set(p.nodeId, [...(out.get(p.nodeId) ?? []), p]);
  return out;
}

/** Flow nodes for `doc`, reusing the previous node object when nothing it shows changed. */
export function syncNodes(prev: readonly CardNode[], doc: Document, selection: Selection, problems: Map<string, Problem[]>): CardNode[] {
  const before = new Map(prev.map((n) => [n.id, n]));
  const selected = new Set(selection.nodes);
  return doc.nodes.map((node, i) => {
    const old = before.get(node.id);
    const nodeProblems = problems.get(node.id) ?? NO_PROBLEMS;
    const position = node.position ? { x: node.position[0], y: node.position[1] } : { x: 0, y: i * 150 };
    const isSelected = selected.has(node.id);
    if (old && old.data.node === node && old.data.problems === nodeProblems && !!old.selected === isSelected && !old.dragging) return old;
    return { ...(old ?? {}), id: node.id, type: flowType(node.kind), position, selected: isSelected, data: { node, problems: nodeProblems } };
  });
}

export function toEdges(doc: Document, selection: Selection): Edge[] {
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  return doc.wires.map((w) => ({
    id: wireId(w),
    source: w.from,
    target: w.to,
    sourceHandle: 'out',
    targetHandle: 'in',
    type: 'wire',
    selected: selection.wires.some((s) => s.from === w.from && s.to === w.to),
    className: `wire wire-from-${kinds.get(w.from) ?? 'unknown'}`,
    // wires have a direction (pre -> post); the arrow makes it readable without following handles
    markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
  }));
}

/** Card sizes as drawn (a card showing a problem is taller than cardSize says), by node id; cards not yet measured are left out. */
export function measuredSizes(nodes: readonly FlowNode[]): Map<string, CardSize> {
  const out = new Map<string, CardSize>();
  for (const n of nodes) if (n.measured?.width && n.measured.height) out.set(n.id, { width: n.measured.width, height: n.measured.height });
  return out;
}
