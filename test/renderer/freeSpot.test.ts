/**
 * A card added from the palette lands in free space (issue 13: a projection added at the canvas's
 * centre could land on a population card): the pure search, and the editor store's addNode with
 * every bundled example loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_GAP, freeSpot, type PlacedCard } from '../../src/renderer/canvas/freeSpot';
import { cardSize } from '../../src/renderer/canvas/cardSize';
import { createEditorStore } from '../../src/renderer/store/editorStore';
import { parseProjectFile } from '../../src/shared/projectFile';
import type { Document, Node } from '../../src/shared/document';

const rectOf = (n: Node): PlacedCard => ({ x: n.position![0], y: n.position![1], ...cardSize(n) });
const apart = (a: PlacedCard, b: PlacedCard): boolean =>
  a.x + a.width + CARD_GAP <= b.x || b.x + b.width + CARD_GAP <= a.x || a.y + a.height + CARD_GAP <= b.y || b.y + b.height + CARD_GAP <= a.y;

describe('freeSpot', () => {
  const size = { width: 176, height: 100 };

  it('keeps the wanted place when it is free', () => {
    expect(freeSpot([0, 0], size, [{ x: 400, y: 0, width: 184, height: 120 }])).toEqual([0, 0]);
  });

  it('moves a card off another to the nearest free place', () => {
    const card = { x: 0, y: 0, width: 184, height: 120 };
    const [x, y] = freeSpot([10, 10], size, [card]);
    expect(apart({ x, y, ...size }, card)).toBe(true);
    // Nearest: six steps straight up (10 - 6 × 24 + 100 + 16 <= 0; six down would tie, up comes first),
    // not eight to the right.
    expect([x, y]).toEqual([10, -134]);
  });

  it('finds room among many cards', () => {
    const cards: PlacedCard[] = [];
    for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) if (i !== 2 || j !== 2) cards.push({ x: i * 220, y: j * 160, width: 184, height: 120 });
    const [x, y] = freeSpot([0, 0], size, cards);
    for (const c of cards) expect(apart({ x, y, ...size }, c)).toBe(true);
  });
});

describe('a card added by a palette click', () => {
  const dir = resolve(import.meta.dirname, '../../resources/examples');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.snn')).sort()) {
    it(`lands on no card of ${file}, wherever it was asked for`, async () => {
      const parsed = parseProjectFile(readFileSync(resolve(dir, file), 'utf8')) as { document?: Document };
      if (!parsed.document) throw new Error(`${file} does not load`);
      const store = createEditorStore();
      await store.getState().load(parsed.document, file, null);
      const doc = store.getState().doc;
      // Asked for on top of each card in turn (the canvas's centre may be anywhere).
      for (const target of doc.nodes.filter((n) => n.position)) {
        const added = store.getState().addNode({ kind: 'projection' }, [target.position![0] + 8, target.position![1] + 8], { x: -1e5, y: -1e5, width: 2e5, height: 2e5 });
        const others = store.getState().doc.nodes.filter((n) => n.id !== added.id && n.position);
        for (const o of others) expect(apart(rectOf(added), rectOf(o))).toBe(true);
        store.getState().undo();
      }
    });
  }
});

describe('freeSpot inside the canvas on screen', () => {
  it('prefers a free place wholly on screen to a nearer one partly off it, and falls back to any free place', () => {
    const size = { width: 176, height: 100 };
    const card = { x: 0, y: 0, width: 184, height: 120 };
    // Up (the nearest) is off screen above y = -20: the place found lies inside the view.
    const view = { x: -400, y: -20, width: 1000, height: 400 };
    const [x, y] = freeSpot([10, 10], size, [card], view);
    expect(apart({ x, y, ...size }, card)).toBe(true);
    expect(x >= view.x && y >= view.y && x + size.width <= view.x + view.width && y + size.height <= view.y + view.height).toBe(true);
    // A view too small for the card: the nearest free place all the same.
    expect(freeSpot([10, 10], size, [card], { x: 0, y: 0, width: 50, height: 50 })).toEqual([10, -134]);
  });
});
