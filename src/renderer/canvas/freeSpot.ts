/**
 * Where a card added by a palette click goes: the free place nearest to the canvas's centre, so it
 * never lands on top of another card (issue 13; a dropped card stays where the user put it). Pure:
 * cards as rectangles in flow pixels.
 */
import type { CardSize } from './cardSize';

/** A card on the canvas: its top-left corner and size, flow px. */
export interface PlacedCard {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Free room kept between the new card and every other, flow px (wires and handles need it). */
export const CARD_GAP = 16;
/** Step of the search around the wanted place, flow px. */
const STEP = 24;
/** How far (in steps) the search goes before giving up and using the wanted place. */
const MAX_RINGS = 40;

const overlaps = (x: number, y: number, size: CardSize, c: PlacedCard): boolean =>
  x < c.x + c.width + CARD_GAP && c.x < x + size.width + CARD_GAP && y < c.y + c.height + CARD_GAP && c.y < y + size.height + CARD_GAP;

/** A rectangle of the canvas in flow px (what the canvas shows). */
export interface FlowRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of the flow a canvas element shows: its screen box taken to flow px by `toFlow` (React Flow's screenToFlowPosition). */
export function flowRectOf(box: { x: number; y: number; width: number; height: number }, toFlow: (p: { x: number; y: number }) => { x: number; y: number }): FlowRect {
  const a = toFlow({ x: box.x, y: box.y });
  const b = toFlow({ x: box.x + box.width, y: box.y + box.height });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/**
 * The top-left corner nearest to `wanted` (by distance, then up before down and left before right)
 * at which a card of `size` keeps CARD_GAP from every card in `cards`, and lies wholly inside
 * `within` (the part of the canvas on screen) where such a place exists; `wanted` itself if it is
 * free, or if nothing within MAX_RINGS steps is.
 */
export function freeSpot(wanted: readonly [number, number], size: CardSize, cards: readonly PlacedCard[], within?: FlowRect): [number, number] {
  const [x0, y0] = wanted;
  const free = (x: number, y: number): boolean => !cards.some((c) => overlaps(x, y, size, c));
  const inside = (x: number, y: number): boolean =>
    !within || (x >= within.x && y >= within.y && x + size.width <= within.x + within.width && y + size.height <= within.y + within.height);
  if (free(x0, y0)) return [x0, y0];
  const search = (ok: (x: number, y: number) => boolean): [number, number] | null => {
    for (let ring = 1; ring <= MAX_RINGS; ring++) {
      // Every grid point on this square ring, nearest first.
      const points: [number, number][] = [];
      for (let i = -ring; i <= ring; i++) {
        points.push([i, -ring], [i, ring]);
        if (i !== -ring && i !== ring) points.push([-ring, i], [ring, i]);
      }
      points.sort((a, b) => a[0] ** 2 + a[1] ** 2 - (b[0] ** 2 + b[1] ** 2) || a[1] - b[1] || a[0] - b[0]);
      for (const [i, j] of points) {
        const x = x0 + i * STEP;
        const y = y0 + j * STEP;
        if (free(x, y) && ok(x, y)) return [x, y];
      }
    }
    return null;
  };
  return search(inside) ?? search(() => true) ?? [x0, y0];
}
