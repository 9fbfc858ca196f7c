/**
 * The size of a node card on the canvas, in flow pixels, from what the card shows. The card
 * renders at exactly this size (NodeCard sets it; test/e2e/tidy.test.ts measures it) and the
 * layout places cards by it, so a layout computed without a browser (the bundled examples,
 * written in Node) leaves no card on top of another.
 */
import type { Node } from '../../shared/document';
import { summarise } from './summary';

/** Card width by kind, px: populations widest (three parameter rows), monitors narrowest. */
export const CARD_WIDTH: Readonly<Record<Node['kind'], number>> = { population: 184, projection: 176, input: 168, monitor: 152 };

/**
 * Vertical rhythm of a card, px (app.css draws the same lines): borders (3 top, 1 bottom),
 * padding (6 top, 8 bottom), kind row, title line, subtitle line, and the parameter rows with
 * their separator (margin, padding, rule).
 */
export const CARD_LINES = { borders: 4, padding: 14, head: 16, title: 19, sub: 16, rowsFrame: 11, row: 16 } as const;

/** Height of the wire ports above the card's top edge: the middle of the title line, px. */
export const PORT_Y = 3 + 6 + CARD_LINES.head + Math.round(CARD_LINES.title / 2);

export interface CardSize {
  readonly width: number;
  readonly height: number;
}

export function cardSize(node: Node): CardSize {
  const rows = summarise(node).rows.length;
  const l = CARD_LINES;
  return {
    width: CARD_WIDTH[node.kind],
    height: l.borders + l.padding + l.head + l.title + l.sub + (rows ? l.rowsFrame + rows * l.row : 0),
  };
}
