/**
 * The one automatic layout (ELK's layered algorithm, left to right): inputs and spike sources in
 * the first column, monitors in the last, and between them populations and the projections that
 * connect them. Used by the Tidy command, when a file without positions is opened, and (in Node)
 * to place the bundled examples.
 *
 * A projection is a node between its populations (pre -> projection -> post), so recurrent
 * connections make cycles. A projection's wire to its post population is feedback when the post
 * population reaches the pre population again (E->E, and E->I when I->E exists): ELK is given that
 * wire reversed, so the projection sits in the column right after the populations it connects and
 * its wire back reads as feedback. Every cycle has such a wire, so what ELK gets has none left.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Document, Node } from '../../shared/document';
import { getModel } from '../../shared/catalog';
import { cardSize, PORT_Y, type CardSize } from '../canvas/cardSize';
import type { Position } from './changes';

/** Room between cards in a column and between columns, flow px. */
export const NODE_GAP = 24;
export const COLUMN_GAP = 56;

/** ELK's options (https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html). */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': String(NODE_GAP),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(COLUMN_GAP),
  // room for a wire that passes a column, so it runs between cards rather than through one
  'elk.spacing.edgeNode': '16',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  // keep the document's order within a column (E above I, as the author wrote them)
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  // one set of columns for the whole canvas: an unwired population still sits among the populations
  'elk.separateConnectedComponents': 'false',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  'elk.randomSeed': '1',
};

/** True when no node has a position (a hand-written or generated file). */
export function needsLayout(doc: Document): boolean {
  return doc.nodes.length > 0 && doc.nodes.every((n) => !n.position);
}

const isSource = (n: Node): boolean => n.kind === 'input' || (n.kind === 'population' && !!getModel('source', n.model));

/** Wires of `doc` between existing, distinct nodes, with the feedback ones marked. */
export function layoutWires(doc: Document): Array<{ from: string; to: string; feedback: boolean }> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const wires = doc.wires.filter((w) => w.from !== w.to && ids.has(w.from) && ids.has(w.to));
  const next = new Map<string, string[]>();
  for (const w of wires) next.set(w.from, [...(next.get(w.from) ?? []), w.to]);
  const reaches = (from: string, goals: ReadonlySet<string>): boolean => {
    const seen = new Set([from]);
    const todo = [from];
    while (todo.length) {
      const id = todo.pop()!;
      if (goals.has(id)) return true;
      for (const n of next.get(id) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          todo.push(n);
        }
      }
    }
    return false;
  };
  const kind = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const pres = new Map<string, Set<string>>();
  for (const w of wires) if (kind.get(w.to) === 'projection') pres.set(w.to, (pres.get(w.to) ?? new Set()).add(w.from));
  return wires.map((w) => ({ ...w, feedback: kind.get(w.from) === 'projection' && reaches(w.to, pres.get(w.from) ?? new Set()) }));
}

/** The ELK graph for `doc`: one card per node with an inlet (west) and an outlet (east) at the title line. */
export function elkGraph(doc: Document, sizeOf: (node: Node) => CardSize = cardSize): ElkNode {
  const wires = layoutWires(doc);
  const hasIn = new Set(wires.map((w) => w.to));
  const hasOut = new Set(wires.map((w) => w.from));
  const port = (id: string, side: 'in' | 'out'): string => `${side}\u0000${id}`;
  // sources first and monitors last in model order too, so ties are broken the same way
  const rank = (n: Node): number => (isSource(n) ? 0 : n.kind === 'monitor' ? 2 : 1);
  const nodes = doc.nodes.map((node, index) => ({ node, index })).sort((a, b) => rank(a.node) - rank(b.node) || a.index - b.index);
  const children: ElkNode[] = nodes.map(({ node }) => {
    const { width, height } = sizeOf(node);
    const constraint = isSource(node) && !hasIn.has(node.id) ? 'FIRST_SEPARATE' : node.kind === 'monitor' && !hasOut.has(node.id) ? 'LAST_SEPARATE' : 'NONE';
    return {
      id: node.id, width, height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS', 'elk.layered.layering.layerConstraint': constraint },
      ports: [
        { id: port(node.id, 'in'), x: 0, y: PORT_Y, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } },
        { id: port(node.id, 'out'), x: width, y: PORT_Y, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST' } },
      ],
    };
  });
  const edges: ElkExtendedEdge[] = wires.map((w, i) => {
    const [from, to] = w.feedback ? [w.to, w.from] : [w.from, w.to];
    return { id: `wire${i}`, sources: [port(from, 'out')], targets: [port(to, 'in')] };
  });
  return { id: 'network', layoutOptions: LAYOUT_OPTIONS, children, edges };
}

type ElkInstance = { layout(graph: ElkNode): Promise<ElkNode> };
let elk: Promise<ElkInstance> | null = null;
/** ELK is large (1.6 MB): loaded on first use, and run in this thread (a layout of a network takes milliseconds). */
function loadElk(): Promise<ElkInstance> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    const ELK = (m as unknown as { default: new () => ElkInstance }).default;
    return new ELK();
  });
  return elk;
}

/** Top-left positions for every node, laid out left to right; `sizeOf` gives each card's size (default: cardSize). */
export async function tidyLayout(doc: Document, sizeOf?: (node: Node) => CardSize): Promise<Record<string, Position>> {
  if (doc.nodes.length === 0) return {};
  const result = await (await loadElk()).layout(elkGraph(doc, sizeOf));
  const out: Record<string, Position> = {};
  for (const c of result.children ?? []) out[c.id] = [Math.round(c.x ?? 0), Math.round(c.y ?? 0)];
  return out;
}
