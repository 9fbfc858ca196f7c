/**
 * Layered auto-layout for a document opened without positions: inputs and spike sources on the
 * left, neuron populations in the middle, projections between, monitors on the right.
 */
import type { Document, Node } from '../../shared/document';
import { getModel } from '../../shared/catalog';
import type { Position } from './changes';

export const LAYER_GAP_X = 300;
export const ROW_GAP_Y = 170;

function layerOf(node: Node): number {
  switch (node.kind) {
    case 'input': return 0;
    case 'population': return getModel('source', node.model) ? 0 : 2;
    case 'projection': return 3;
    case 'monitor': return 4;
  }
}

/** True when no node has a position (a hand-written or generated file). */
export function needsLayout(doc: Document): boolean {
  return doc.nodes.length > 0 && doc.nodes.every((n) => !n.position);
}

/** Positions for every node, by layer and then in document order within the layer. */
export function layeredLayout(doc: Document): Record<string, Position> {
  const layers = new Map<number, Node[]>();
  for (const n of doc.nodes) {
    const l = layerOf(n);
    layers.set(l, [...(layers.get(l) ?? []), n]);
  }
  const tallest = Math.max(...[...layers.values()].map((l) => l.length));
  const out: Record<string, Position> = {};
  const used = [...layers.keys()].sort((a, b) => a - b);
  used.forEach((layer, column) => {
    const nodes = layers.get(layer)!;
    const offset = ((tallest - nodes.length) * ROW_GAP_Y) / 2; // centre short columns
    nodes.forEach((n, row) => {
      out[n.id] = [column * LAYER_GAP_X, offset + row * ROW_GAP_Y];
    });
  });
  return out;
}
