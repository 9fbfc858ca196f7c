/**
 * Examples that read well, in Chromium at 1366 × 768: every bundled example opened from the start
 * page and fitted shows every card, none on top of another, at the size the layout assumed
 * (cardSize), and no card text smaller than 10 px on screen; Tidy fixes a messy network in one
 * undo step. Screenshots of the Brunel and E/I examples at fit view go to the temp folder.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropFromPalette, HAS_CHROMIUM, jsErrors, launch, newContext, openApp, settled, wire } from './browser';
import { parseProjectFile } from '../../src/shared/projectFile';
import { cardSize } from '../../src/renderer/canvas/cardSize';
import { MIN_FIT_ZOOM, MIN_SCREEN_TEXT_PX } from '../../src/renderer/canvas/readable';

const EXAMPLES_DIR = resolve(import.meta.dirname, '../../resources/examples');
const VIEWPORT = { width: 1366, height: 768 };
const SCREENSHOTS = new Set(['brunel-ai.snn', '05-ei-balanced.snn']);

interface Box { id: string; x: number; y: number; width: number; height: number }
interface CanvasState {
  canvas: { x: number; y: number; width: number; height: number };
  transform: string;
  nodes: Array<Box & { offsetWidth: number; offsetHeight: number; flowX: number; flowY: number }>;
  /** Text drawn on cards: element, its font size and the on-screen size (font size × zoom). */
  texts: Array<{ id: string; text: string; fontPx: number; screenPx: number }>;
}

/** Runs in the page (plain JS: this file is compiled without the DOM types): where the cards are and how large their text is drawn. */
const READ_CANVAS = `(() => {
  const c = document.querySelector('.react-flow').getBoundingClientRect();
  const transform = document.querySelector('.react-flow__viewport').style.transform;
  const cards = [...document.querySelectorAll('.react-flow__node')];
  const nodes = cards.map((n) => {
    const r = n.getBoundingClientRect();
    const m = /translate\\(([-\\d.]+)px, ?([-\\d.]+)px\\)/.exec(n.style.transform);
    return { id: n.dataset.id, x: r.x, y: r.y, width: r.width, height: r.height, offsetWidth: n.offsetWidth, offsetHeight: n.offsetHeight,
      flowX: Number(m && m[1]), flowY: Number(m && m[2]) };
  });
  const texts = [];
  for (const n of cards) {
    const zoom = n.getBoundingClientRect().width / n.offsetWidth;
    for (const el of n.querySelectorAll('*')) {
      const own = [...el.childNodes].filter((t) => t.nodeType === Node.TEXT_NODE).map((t) => t.textContent).join('').trim();
      if (!own || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const fontPx = parseFloat(getComputedStyle(el).fontSize);
      texts.push({ id: n.dataset.id, text: own, fontPx, screenPx: fontPx * zoom });
    }
  }
  return { canvas: { x: c.x, y: c.y, width: c.width, height: c.height }, transform, nodes, texts };
})()`;

const read = (page: Page): Promise<CanvasState> => page.evaluate(READ_CANVAS) as Promise<CanvasState>;

/** Wait until the view stops moving (the fit animates) with every card measured. */
async function steady(page: Page): Promise<CanvasState> {
  let last = '';
  let state: CanvasState | null = null;
  await expect.poll(async () => {
    state = await read(page);
    const key = JSON.stringify([state.transform, state.nodes.map((n) => [n.x, n.y, n.width])]);
    const same = key === last && state.nodes.every((n) => n.width > 0);
    last = key;
    return same;
  }, { timeout: 15_000, interval: 300 }).toBe(true);
  return state!;
}

function overlaps(boxes: readonly Box[]): string[] {
  const out: string[] = [];
  const slack = 0.5; // sub-pixel rounding of touching cards
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x + slack < b.x + b.width && b.x + slack < a.x + a.width && a.y + slack < b.y + b.height && b.y + slack < a.y + a.height) out.push(`${a.id} / ${b.id}`);
    }
  }
  return out;
}

const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.snn')).sort();

describe.skipIf(!HAS_CHROMIUM)('examples that read well (1366 × 768)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await openApp(await newContext(browser, VIEWPORT), inject('baseUrl'));
  });
  afterAll(async () => {
    if (page) expect(jsErrors(page)).toEqual([]);
    await browser?.close();
  });

  it.each(examples)('%s at fit view: none covering another and text ≥ 10 px beside the plots; with the canvas enlarged every card in view, drawn at its layout size', async (name) => {
    const parsed = parseProjectFile(readFileSync(join(EXAMPLES_DIR, name), 'utf8'));
    if (!parsed.ok) throw new Error(`${name} does not parse`);
    const doc = parsed.document;
    // the default panel sizes (they are remembered per user; the previous example enlarged the canvas)
    await page.evaluate('localStorage.clear()');
    await page.reload();
    await page.waitForSelector('.topbar');
    if (await page.locator('.brand').isVisible()) await page.locator('.brand').click();
    await page.getByTestId(`example-${name}`).click();
    await settled(page);
    // In the default layout the canvas shares the height with the plots (about 300 px here): fit
    // view stops at its minimum zoom, so a large network may reach past the edge, but no card
    // covers another and its text stays readable.
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    const shared = await steady(page);
    expect(overlaps(shared.nodes)).toEqual([]);
    expect(shared.texts.filter((t) => t.screenPx < MIN_SCREEN_TEXT_PX - 0.01).map((t) => `${t.id}: ${t.screenPx.toFixed(1)}px`)).toEqual([]);
    // Given the room a user gives it while building (the splitter's End key: the plots at their
    // smallest), the whole network is in view.
    await page.locator('#splitter-dock').focus();
    await page.keyboard.press('End');
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    const s = await steady(page);

    expect(s.nodes.map((n) => n.id).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    expect(overlaps(s.nodes)).toEqual([]);
    // Fit stops at the smallest zoom whose text is readable: a network too large for the window
    // at that zoom (the working-memory ring's 70 cards) is then panned, not shrunk into unreadable
    // text. Only then may a card lie outside the canvas, and the network really is larger than it.
    const zoom = Number(/scale\(([\d.]+)\)/.exec(s.transform)?.[1] ?? NaN);
    const atReadableLimit = zoom <= MIN_FIT_ZOOM + 1e-3;
    if (atReadableLimit) {
      const width = Math.max(...s.nodes.map((n) => n.x + n.width)) - Math.min(...s.nodes.map((n) => n.x));
      const height = Math.max(...s.nodes.map((n) => n.y + n.height)) - Math.min(...s.nodes.map((n) => n.y));
      expect(width > s.canvas.width || height > s.canvas.height, `${name} fits at zoom ${zoom} but Fit stopped there`).toBe(true);
    }
    for (const n of s.nodes) {
      // the whole network is in view
      if (!atReadableLimit) {
        expect(n.x, `${n.id} left`).toBeGreaterThanOrEqual(s.canvas.x);
        expect(n.y, `${n.id} top`).toBeGreaterThanOrEqual(s.canvas.y);
        expect(n.x + n.width, `${n.id} right`).toBeLessThanOrEqual(s.canvas.x + s.canvas.width);
        expect(n.y + n.height, `${n.id} bottom`).toBeLessThanOrEqual(s.canvas.y + s.canvas.height);
      }
      // drawn at the size the layout placed it by
      const size = cardSize(doc.nodes.find((d) => d.id === n.id)!);
      expect([n.offsetWidth, n.offsetHeight], n.id).toEqual([size.width, size.height]);
    }
    expect(s.texts.length).toBeGreaterThanOrEqual(doc.nodes.length * 2); // every card shows at least a title and a line
    const small = s.texts.filter((t) => t.screenPx < MIN_SCREEN_TEXT_PX - 0.01).map((t) => `${t.id}: "${t.text}" ${t.fontPx}px → ${t.screenPx.toFixed(1)}px`);
    expect(small).toEqual([]);
    if (SCREENSHOTS.has(name)) await page.screenshot({ path: join(tmpdir(), `snn-tidy-${name.replace('.snn', '')}.png`) });
  });

  it('Tidy (Ctrl+Shift+L) lays out a messy hand-made network without overlaps, and one Ctrl+Z puts it back', async () => {
    if (await page.locator('.brand').isVisible()) await page.locator('.brand').click();
    await page.getByTestId('new').click();
    // right to left and crowded: a monitor on the left, the input on the right
    await dropFromPalette(page, 'palette-monitor-spikes', 90, 90);
    await dropFromPalette(page, 'palette-population-LIF', 420, 250);
    await dropFromPalette(page, 'palette-input-constant', 700, 90);
    await dropFromPalette(page, 'palette-projection', 420, 60);
    await dropFromPalette(page, 'palette-population-LIF', 120, 330);
    await wire(page, 'drive', 'pop');
    await wire(page, 'pop', 'proj');
    await wire(page, 'proj', 'pop2');
    await wire(page, 'pop', 'spikes');
    // drag pop2 onto pop
    const from = (await page.locator('.react-flow__node[data-id="pop2"] .card-title').boundingBox())!;
    const to = (await page.locator('.react-flow__node[data-id="pop"] .card-title').boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + 5);
    await page.mouse.down();
    await page.mouse.move(to.x + 40, to.y + 25, { steps: 8 });
    await page.mouse.up();
    const messy = await steady(page);
    expect(overlaps(messy.nodes)).not.toEqual([]);
    const flow = (st: CanvasState): Record<string, [number, number]> => Object.fromEntries(st.nodes.map((n) => [n.id, [n.flowX, n.flowY]]));

    await page.keyboard.press('Control+Shift+L');
    // the first Tidy loads ELK (1.5 MB of script): allow a loaded machine its time
    await expect.poll(async () => JSON.stringify(flow(await read(page))), { timeout: 20_000 }).not.toBe(JSON.stringify(flow(messy)));
    const tidy = await steady(page);
    expect(overlaps(tidy.nodes)).toEqual([]);
    const x = (id: string): number => flow(tidy)[id][0];
    expect(x('drive')).toBeLessThan(x('pop'));
    expect(x('pop')).toBeLessThan(x('proj'));
    expect(x('proj')).toBeLessThan(x('pop2'));
    expect(x('pop2')).toBeLessThan(x('spikes'));

    await page.keyboard.press('Control+Z');
    await expect.poll(async () => flow(await read(page)), { timeout: 5000 }).toEqual(flow(messy));
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => flow(await read(page)), { timeout: 5000 }).toEqual(flow(tidy));
  });
});
