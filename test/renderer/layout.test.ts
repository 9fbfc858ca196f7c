/**
 * The layout (ELK, left to right) on every bundled example and on a messy hand-made network:
 * no card covers another (at the sizes cards render at: cardSize, measured in test/e2e/tidy.test.ts)
 * and the network reads left to right.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardSize } from '../../src/renderer/canvas/cardSize';
import { layoutWires, tidyLayout } from '../../src/renderer/store/layout';
import { getModel } from '../../src/shared/catalog';
import type { Document, Node } from '../../src/shared/document';
import { EXAMPLES_DIR, loadExample } from '../examples/run';
import { actionFor } from '../../src/renderer/shell/shortcuts';
import { laneY } from '../../src/renderer/canvas/lanes';

interface Box { id: string; left: number; right: number; top: number; bottom: number }

const boxes = (doc: Document, at: (n: Node) => readonly [number, number]): Box[] => doc.nodes.map((n) => {
  const [x, y] = at(n);
  const { width, height } = cardSize(n);
  return { id: n.id, left: x, right: x + width, top: y, bottom: y + height };
});

function overlaps(bs: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < bs.length; i++) {
    for (let j = i + 1; j < bs.length; j++) {
      const [a, b] = [bs[i], bs[j]];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${a.id} / ${b.id}`);
    }
  }
  return out;
}

const column = (n: Node): 'sources' | 'middle' | 'monitors' =>
  n.kind === 'input' || (n.kind === 'population' && getModel('source', n.model)) ? 'sources' : n.kind === 'monitor' ? 'monitors' : 'middle';

/** Problems with reading `doc` left to right: sources, then populations and projections, then monitors; forward wires point right. */
function notLeftToRight(doc: Document, bs: readonly Box[]): string[] {
  const box = new Map(bs.map((b) => [b.id, b]));
  const group = (c: ReturnType<typeof column>): Box[] => doc.nodes.filter((n) => column(n) === c).map((n) => box.get(n.id)!);
  const out: string[] = [];
  const before = (a: Box[], b: Box[]): void => {
    for (const x of a) for (const y of b) if (x.right >= y.left) out.push(`${x.id} is not left of ${y.id}`);
  };
  before(group('sources'), [...group('middle'), ...group('monitors')]);
  before(group('middle'), group('monitors'));
  for (const w of layoutWires(doc)) {
    const [from, to] = [box.get(w.from)!, box.get(w.to)!];
    if (!w.feedback && from.right >= to.left) out.push(`wire ${w.from} -> ${w.to} runs right to left`);
    if (w.feedback && to.right >= from.left) out.push(`feedback wire ${w.from} -> ${w.to}: the projection is not right of its population`);
  }
  return out;
}

const bundled = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.snn')).sort();

describe('bundled examples as saved', () => {
  it('there are examples to check', () => expect(bundled.length).toBeGreaterThanOrEqual(14));

  it.each(bundled)('%s: no card covers another, and it reads left to right', (name) => {
    const doc = loadExample(name);
    const bs = boxes(doc, (n) => n.position ?? [Number.NaN, Number.NaN]);
    expect(bs.every((b) => Number.isFinite(b.left) && Number.isFinite(b.top)), 'every node has a position').toBe(true);
    expect(overlaps(bs)).toEqual([]);
    expect(notLeftToRight(doc, bs)).toEqual([]);
  });
});

describe('layout', () => {
  it('marks the wires of recurrent projections back to their population as feedback, and only those', () => {
    const doc = loadExample('05-ei-balanced.snn');
    const feedback = layoutWires(doc).filter((w) => w.feedback).map((w) => `${w.from}>${w.to}`).sort();
    expect(feedback).toEqual(['E->E>E', 'E->I>I', 'I->E>E', 'I->I>I']);
    // a feed-forward chain has none: pre -> projection -> post reads straight through
    expect(layoutWires(loadExample('04-two-neurons.snn')).some((w) => w.feedback)).toBe(false);
  });

  it('fixes a messy hand-made network (every card on the same spot) and is deterministic', async () => {
    const messy: Document = {
      simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'auto' },
      nodes: [
        { id: 'rec', kind: 'monitor', record: 'spikes', position: [0, 0] },
        { id: 'B->A', kind: 'projection', conn: { rule: 'all_to_all' }, weight: '-1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, position: [0, 0] },
        { id: 'A', kind: 'population', model: 'LIF', size: 10, params: {}, position: [0, 0] },
        { id: 'B', kind: 'population', model: 'LIF', size: 10, params: {}, position: [10, 5] },
        { id: 'A->B', kind: 'projection', conn: { rule: 'all_to_all' }, weight: '1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, position: [5, 5] },
        { id: 'kick', kind: 'input', model: 'constant', params: { amplitude: '1 nA' }, position: [3, 3] },
        { id: 'lonely', kind: 'population', model: 'LIF', size: 1, params: {} },
      ],
      wires: [
        { from: 'kick', to: 'A' }, { from: 'A', to: 'A->B' }, { from: 'A->B', to: 'B' }, { from: 'B', to: 'B->A' },
        { from: 'B->A', to: 'A' }, { from: 'B', to: 'rec' }, { from: 'A', to: 'rec' },
      ],
    };
    expect(overlaps(boxes(messy, (n) => n.position ?? [0, 0]))).not.toEqual([]);
    const pos = await tidyLayout(messy);
    const bs = boxes(messy, (n) => pos[n.id]);
    expect(overlaps(bs)).toEqual([]);
    expect(notLeftToRight(messy, bs)).toEqual([]);
    expect(await tidyLayout(messy)).toEqual(pos);
  });

  it('takes the card sizes it is given (a card showing a problem is taller)', async () => {
    const doc = loadExample('05-ei-balanced.snn');
    const tall = await tidyLayout(doc, (n) => ({ ...cardSize(n), height: cardSize(n).height + 200 }));
    const bs = doc.nodes.map((n) => ({ id: n.id, left: tall[n.id][0], right: tall[n.id][0] + cardSize(n).width, top: tall[n.id][1], bottom: tall[n.id][1] + cardSize(n).height + 200 }));
    expect(overlaps(bs)).toEqual([]);
  });
});

describe('Tidy command and back wires', () => {
  it('Ctrl+Shift+L (Cmd on macOS) is Tidy, not while typing', () => {
    expect(actionFor({ key: 'L', ctrlKey: true, shiftKey: true, metaKey: false }, false)).toBe('tidy');
    expect(actionFor({ key: 'L', ctrlKey: false, shiftKey: true, metaKey: true }, false)).toBe('tidy');
    expect(actionFor({ key: 'L', ctrlKey: true, shiftKey: true, metaKey: false }, true)).toBeNull();
  });

  it('a back wire\'s lane moves past every card in its way, and only those', () => {
    const cards = [
      { left: 0, right: 100, top: 0, bottom: 100 },
      { left: 200, right: 300, top: -60, bottom: 40 },
      { left: 500, right: 600, top: -500, bottom: 500 }, // outside the wire's span
    ];
    expect(laneY(cards, 50, 250, 50, -1)).toBe(-60 - 18);
    expect(laneY(cards, 50, 250, 50, 1)).toBe(100 + 18);
    expect(laneY(cards, 50, 250, 300, 1)).toBe(300);
  });
});
