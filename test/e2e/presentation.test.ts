/**
 * Presentation mode at 1366×768 (a laptop on a projector): for every bundled example, after
 * Fit the whole network is inside the canvas half of the window, every card's text is at least
 * PRESENTING_SCREEN_TEXT_PX on screen and no cards overlap. The one exception is named with its
 * reason: a network too big for any readable zoom is fitted to the readable limit instead.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { fitAndHoldStill, HAS_CHROMIUM, jsErrors, launch, newContext, openApp, settled } from './browser';
import { PRESENTING_MIN_FIT_ZOOM, PRESENTING_SCREEN_TEXT_PX } from '../../src/renderer/canvas/readable';

const VIEWPORT = { width: 1366, height: 768 } as const;
const EXAMPLES = readdirSync(resolve(import.meta.dirname, '../../resources/examples')).filter((f) => f.endsWith('.snn')).sort();
/**
 * working-memory-ring has 70 cards in a column 8000 flow px tall: at the 716 px of the canvas
 * its text would be 1.4 px. It is fitted at the readable limit (and panned) instead.
 */
const TOO_BIG = new Set(['working-memory-ring.snn']);

interface Box { x: number; y: number; width: number; height: number }
interface CardsState { smallest: number; smallestText: string; boxes: (Box & { id: string })[]; canvas: Box; zoom: number }

/** Runs in the page: card boxes on screen, the canvas' box, the zoom and the smallest card text drawn (font size × zoom). */
const READ_CARDS = `(() => {
  const cards = [...document.querySelectorAll('.react-flow__node')];
  let smallest = Infinity;
  let smallestText = '';
  for (const n of cards) {
    const zoom = n.getBoundingClientRect().width / n.offsetWidth;
    for (const el of n.querySelectorAll('*')) {
      const own = [...el.childNodes].filter((t) => t.nodeType === Node.TEXT_NODE).map((t) => t.textContent).join('').trim();
      const r = el.getBoundingClientRect();
      if (!own || r.height < 1 || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
      if (px < smallest) { smallest = px; smallestText = own; }
    }
  }
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  const m = /scale\\(([0-9.e-]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform);
  return {
    smallest, smallestText,
    boxes: cards.map((n) => ({ id: n.dataset.id, ...box(n) })),
    canvas: box(document.querySelector('[data-testid="canvas"]')),
    zoom: m ? Number(m[1]) : NaN,
  };
})()`;

function overlapping(boxes: readonly (Box & { id: string })[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x + 0.5 < b.x + b.width && b.x + 0.5 < a.x + a.width && a.y + 0.5 < b.y + b.height && b.y + 0.5 < a.y + a.height) out.push(`${a.id} / ${b.id}`);
    }
  }
  return out;
}

/** Cards not wholly inside the canvas (half a pixel of rounding allowed). */
function outside(boxes: readonly (Box & { id: string })[], canvas: Box): string[] {
  return boxes.filter((b) => b.x < canvas.x - 0.5 || b.y < canvas.y - 0.5 || b.x + b.width > canvas.x + canvas.width + 0.5 || b.y + b.height > canvas.y + canvas.height + 0.5).map((b) => b.id);
}

describe.skipIf(!HAS_CHROMIUM)('presentation mode at 1366×768', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every example fits the canvas half readable: cards inside, text at least 16 px on screen, none overlapping', async () => {
    const context = await newContext(browser, VIEWPORT);
    await context.addInitScript({ content: `localStorage.setItem('snn-workspace', '${JSON.stringify({ presentation: true })}')` });
    const page = await openApp(context, inject('baseUrl'));
    const failures: string[] = [];
    try {
      await page.waitForSelector('html[data-presentation]');
      for (const example of EXAMPLES) {
        // back to the start page (the brand) for the next example
        if (await page.locator('.brand').isVisible()) await page.locator('.brand').click();
        await page.getByTestId(`example-${example}`).click();
        await settled(page);
        const s = await fitAndHoldStill<CardsState>(page, READ_CARDS, (c) => [c.zoom, c.boxes], (c) => c.boxes.length > 0);
        console.log(`presentation ${example}: zoom ${s.zoom.toFixed(3)}, smallest card text ${s.smallest.toFixed(1)} px ("${s.smallestText}"), canvas ${Math.round(s.canvas.width)}×${Math.round(s.canvas.height)}`);
        if (s.smallest < PRESENTING_SCREEN_TEXT_PX - 0.05) failures.push(`${example}: card text "${s.smallestText}" is ${s.smallest.toFixed(1)} px`);
        const over = overlapping(s.boxes);
        if (over.length) failures.push(`${example}: cards overlap: ${over.join(', ')}`);
        const out = outside(s.boxes, s.canvas);
        if (TOO_BIG.has(example)) {
          if (out.length === 0) failures.push(`${example} now fits: take it off TOO_BIG`);
          if (Math.abs(s.zoom - PRESENTING_MIN_FIT_ZOOM) > 1e-3) failures.push(`${example}: fitted at zoom ${s.zoom}, not the readable limit ${PRESENTING_MIN_FIT_ZOOM}`);
        } else if (out.length) {
          failures.push(`${example}: cards outside the canvas: ${out.join(', ')}`);
        }
      }
      expect(failures).toEqual([]);
      expect(jsErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
