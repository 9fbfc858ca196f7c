/**
 * The workspace on a laptop (issue 13), in Chromium at 1366×768 and 1280×800: after a run the
 * canvas, the raster and the rates are all on screen; splitters move with the keyboard and are
 * remembered (not in the document, not in undo); palette and inspector collapse; P gives the plots
 * the window; presentation mode enlarges the type and is remembered; run fields and live
 * parameters refuse bad values at the field. The run's speed readout is never cut; presenting,
 * every card's text at fit view is at least PRESENTING_SCREEN_TEXT_PX on screen, cards apart.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fitAndHoldStill, HAS_CHROMIUM, jsErrors, launch, newContext, openApp } from './browser';
import { MIN_SCREEN_TEXT_PX, PRESENTING_SCREEN_TEXT_PX } from '../../src/renderer/canvas/readable';

const EXAMPLE = '05-ei-balanced.snn';
const SIZES = [{ width: 1366, height: 768 }, { width: 1280, height: 800 }] as const;
/** Smallest heights, px, at which each view is still of use (a raster of two populations, a rate curve). */
const MIN_HEIGHT = { canvas: 150, 'chart-raster': 140, 'chart-rates': 110 } as const;

interface Box { x: number; y: number; width: number; height: number }

async function box(page: Page, testId: string): Promise<Box> {
  const b = await page.getByTestId(testId).boundingBox();
  if (!b) throw new Error(`${testId} is not on the page`);
  return b;
}

function inside(b: Box, viewport: { width: number; height: number }): boolean {
  return b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width + 0.5 && b.y + b.height <= viewport.height + 0.5;
}

async function openExampleAndRun(page: Page): Promise<void> {
  await page.getByTestId(`example-${EXAMPLE}`).click();
  await run(page);
}

async function run(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
  await page.getByTestId('run-start').click();
  await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="plots"][data-live="no"]');
}

/**
 * The speed readout ("8.44× real time") is drawn whole: inside the row of run numbers, on its
 * visible line, and its text not cut (an ellipsis or an overflow would make it wider inside).
 */
async function expectWholeReadout(page: Page): Promise<void> {
  const speed = page.getByTestId('run-speed');
  expect(await speed.textContent()).toMatch(/^\d+(\.\d+)?× real time$/);
  const s = (await speed.boundingBox())!;
  const row = (await page.locator('.run-numbers').boundingBox())!;
  expect(s.x >= row.x - 0.5 && s.x + s.width <= row.x + row.width + 0.5, `speed ${JSON.stringify(s)} within ${JSON.stringify(row)}`).toBe(true);
  // On the row's one visible line (an item that gave way sits on a hidden second line below it).
  const middle = s.y + s.height / 2;
  expect(middle >= row.y && middle <= row.y + row.height, `speed ${JSON.stringify(s)} on the visible line of ${JSON.stringify(row)}`).toBe(true);
  expect(await speed.evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth <= (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);
}

/** Runs in the page: card boxes on screen and the smallest card text drawn (font size × zoom), plain JS. */
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
  const boxes = cards.map((n) => { const r = n.getBoundingClientRect(); return { id: n.dataset.id, x: r.x, y: r.y, width: r.width, height: r.height }; });
  return { smallest, smallestText, boxes, transform: document.querySelector('.react-flow__viewport').style.transform };
})()`;

interface CardsState { smallest: number; smallestText: string; boxes: (Box & { id: string })[]; transform: string }

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

/** The few page globals the in-page callbacks use (this file type-checks without the DOM library). */
interface PageGlobals {
  getComputedStyle(el: unknown): { fontSize: string; getPropertyValue(name: string): string };
  document: { documentElement: { hasAttribute(name: string): boolean }; scrollingElement: { scrollHeight: number } };
  innerHeight: number;
}

/** Font size (px) of the first element matching `selector` as drawn on screen (the canvas' zoom included). */
const screenFontSize = (page: Page, selector: string): Promise<number> =>
  page.locator(selector).first().evaluate((el) => {
    const e = el as unknown as { offsetHeight: number; getBoundingClientRect(): { height: number } };
    return (Number.parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(el).fontSize) * e.getBoundingClientRect().height) / e.offsetHeight;
  });
/** Computed font size (px) of the first element matching `selector`. */
const fontSize = (page: Page, selector: string): Promise<number> =>
  page.locator(selector).first().evaluate((el) => Number.parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(el).fontSize));
const plotFontVar = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return w.getComputedStyle(w.document.documentElement).getPropertyValue('--plot-font-size').trim();
  });
const valueNow = async (page: Page, id: string): Promise<number> => Number(await page.locator(`#${id}`).getAttribute('aria-valuenow'));

describe.skipIf(!HAS_CHROMIUM)('the workspace on a laptop screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of SIZES) {
    it(`${viewport.width}×${viewport.height}: after Run the canvas, the raster and the rates are all on screen`, async () => {
      const context = await newContext(browser, viewport);
      const page = await openApp(context, inject('baseUrl'));
      try {
        await openExampleAndRun(page);
        for (const id of ['canvas', 'chart-raster', 'chart-rates'] as const) {
          const b = await box(page, id);
          expect(inside(b, viewport), `${id} ${JSON.stringify(b)} inside ${viewport.width}×${viewport.height}`).toBe(true);
          expect(b.height, `${id} height`).toBeGreaterThanOrEqual(MIN_HEIGHT[id]);
        }
        console.log(`${viewport.width}×${viewport.height}: canvas ${JSON.stringify(await box(page, 'canvas'))}, raster ${(await box(page, 'chart-raster')).height} px, rates ${(await box(page, 'chart-rates')).height} px`);
        await expectWholeReadout(page);
        // Nothing scrolled to get there: the page itself does not scroll.
        expect(await page.evaluate(() => {
          const w = globalThis as unknown as PageGlobals;
          return w.document.scrollingElement.scrollHeight <= w.innerHeight;
        })).toBe(true);
        expect(jsErrors(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  for (const example of ['05-ei-balanced.snn', 'brunel-ai.snn', '01-single-lif.snn']) {
    it(`presentation at 1366×768, ${example}: at fit view every card's text is at least ${PRESENTING_SCREEN_TEXT_PX} px on screen, no cards overlap, the readout is whole`, async () => {
      const viewport = SIZES[0];
      const context = await newContext(browser, viewport);
      await context.addInitScript({ content: `localStorage.setItem('snn-workspace', '${JSON.stringify({ presentation: true })}')` });
      const page = await openApp(context, inject('baseUrl'));
      try {
        await page.waitForSelector('html[data-presentation]');
        await page.getByTestId(`example-${example}`).click();
        await run(page);
        const s = await fitAndHoldStill<CardsState>(page, READ_CARDS, (c) => [c.transform, c.boxes], (c) => c.boxes.length > 0);
        console.log(`presentation ${example}: smallest card text ${s.smallest.toFixed(1)} px ("${s.smallestText}"), view ${s.transform}`);
        expect(s.smallest, `smallest card text "${s.smallestText}"`).toBeGreaterThanOrEqual(PRESENTING_SCREEN_TEXT_PX - 0.05);
        expect(overlapping(s.boxes)).toEqual([]);
        await expectWholeReadout(page);
        expect(jsErrors(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  describe('at 1366×768', () => {
    let context: BrowserContext;
    let page: Page;
    const viewport = SIZES[0];
    beforeAll(async () => {
      context = await newContext(browser, viewport);
      page = await openApp(context, inject('baseUrl'));
      await openExampleAndRun(page);
    }, 180_000);
    afterAll(async () => {
      expect(jsErrors(page)).toEqual([]);
      await context?.close();
    });

    it('splitters are focusable, move with the arrow keys, are remembered after a reload and never touch the document', async () => {
      const dock = page.locator('#splitter-dock');
      expect(await dock.getAttribute('role')).toBe('separator');
      expect(await dock.getAttribute('tabindex')).toBe('0');
      const before = await valueNow(page, 'splitter-dock');
      const canvasBefore = (await box(page, 'canvas')).height;
      await dock.focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
      await expect.poll(() => valueNow(page, 'splitter-dock')).toBeGreaterThan(before);
      expect((await box(page, 'canvas')).height).toBeGreaterThan(canvasBefore + 10);
      const palette = page.locator('#splitter-palette');
      const paletteBefore = (await page.locator('.palette').boundingBox())!.width;
      await palette.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await page.locator('.palette').boundingBox())!.width).toBeGreaterThan(paletteBefore + 10);
      // Session state: no undo step, no unsaved marker.
      await expect.poll(() => page.getByTestId('undo').isDisabled()).toBe(true);
      expect(await page.getByTestId('dirty').count()).toBe(0);
      const after = await valueNow(page, 'splitter-dock');
      const paletteAfter = (await page.locator('.palette').boundingBox())!.width;
      await page.reload();
      await page.getByTestId(`example-${EXAMPLE}`).click();
      await page.waitForSelector('#splitter-dock');
      await expect.poll(() => valueNow(page, 'splitter-dock')).toBeCloseTo(after, 0);
      expect(Math.abs((await page.locator('.palette').boundingBox())!.width - paletteAfter)).toBeLessThanOrEqual(2);
      // Back to the default split for the next tests (double-click resets a splitter).
      await dock.dblclick();
      await palette.dblclick();
      await run(page);
    }, 180_000);

    it('the palette and the inspector collapse from the top bar and with [ and ]', async () => {
      const canvasWidth = (await box(page, 'canvas')).width;
      await page.getByTestId('toggle-palette').click();
      await expect.poll(() => page.locator('.palette').count()).toBe(0);
      expect(await page.getByTestId('toggle-palette').getAttribute('aria-pressed')).toBe('false');
      await page.locator('body').press(']');
      await expect.poll(() => page.locator('.inspector').count()).toBe(0);
      await expect.poll(async () => (await box(page, 'canvas')).width).toBeGreaterThan(canvasWidth + 400);
      await page.locator('body').press('[');
      await page.getByTestId('toggle-inspector').click();
      await expect.poll(() => page.locator('.palette').count()).toBe(1);
      await expect.poll(() => page.locator('.inspector').count()).toBe(1);
      expect(Math.abs((await box(page, 'canvas')).width - canvasWidth)).toBeLessThanOrEqual(2);
    });

    it('P gives the plots the whole window and P gives it back', async () => {
      const raster = (await box(page, 'chart-raster')).height;
      await page.locator('body').press('p');
      await expect.poll(() => page.getByTestId('canvas').isVisible()).toBe(false);
      expect(await page.locator('.palette').count()).toBe(0);
      await expect.poll(async () => (await box(page, 'chart-raster')).height).toBeGreaterThan(raster + 50);
      const rates = await box(page, 'chart-rates');
      expect(inside(rates, viewport)).toBe(true);
      await page.locator('body').press('p');
      await expect.poll(() => page.getByTestId('canvas').isVisible()).toBe(true);
      expect(await page.locator('.palette').count()).toBe(1);
      await expect.poll(async () => Math.round((await box(page, 'chart-raster')).height)).toBe(Math.round(raster));
    });

    it('presentation mode enlarges the type, puts canvas and plots side by side and is remembered after a reload', async () => {
      const cardBefore = await screenFontSize(page, '.card-title');
      const small = { field: await fontSize(page, '[data-testid="run-duration"]'), tab: await fontSize(page, '[data-testid="tab-run"]'), body: await fontSize(page, 'body') };
      expect(await plotFontVar(page)).toBe('12px');
      await page.getByTestId('toggle-presentation').click();
      await page.waitForSelector('html[data-presentation]');
      const large = { field: await fontSize(page, '[data-testid="run-duration"]'), tab: await fontSize(page, '[data-testid="tab-run"]'), body: await fontSize(page, 'body') };
      // Card text on the canvas: cards keep their layout size; what counts is the size on screen (font × zoom).
      const cardAfter = await screenFontSize(page, '.card-title');
      console.log(`font sizes, px: normal ${JSON.stringify(small)}, presentation ${JSON.stringify(large)}; card titles on screen ${cardBefore.toFixed(1)} → ${cardAfter.toFixed(1)}`);
      expect(cardAfter).toBeGreaterThanOrEqual(MIN_SCREEN_TEXT_PX);
      for (const k of Object.keys(small) as (keyof typeof small)[]) expect(large[k], k).toBeGreaterThanOrEqual(1.3 * small[k]);
      expect(await plotFontVar(page)).toBe('18px');
      expect(await page.locator('.palette').count()).toBe(0);
      expect(await page.locator('.inspector').count()).toBe(0);
      const canvas = await box(page, 'canvas');
      await page.waitForSelector('[data-testid="chart-raster"]');
      const raster = await box(page, 'chart-raster');
      expect(canvas.x + canvas.width).toBeLessThanOrEqual(raster.x);
      expect(inside(canvas, viewport) && inside(raster, viewport)).toBe(true);
      await page.reload();
      await page.waitForSelector('html[data-presentation]');
      await page.getByTestId(`example-${EXAMPLE}`).click();
      expect(await page.getByTestId('toggle-presentation').getAttribute('aria-pressed')).toBe('true');
      await page.locator('body').press('Shift+P');
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.hasAttribute('data-presentation'))).toBe(false);
      expect(await plotFontVar(page)).toBe('12px');
      expect(await page.locator('.palette').count()).toBe(1);
    }, 120_000);

    it('run fields say what is wrong at the field, and Run is refused naming the field', async () => {
      await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
      const status = await page.getByTestId('run-panel').getAttribute('data-status');
      const cases: [string, string, RegExp][] = [
        ['run-dt', '0 ms', /dt must be greater than zero/],
        ['run-dt', 'abc', /abc/],
        ['run-dt', '', /dt is empty/],
        ['run-dt', '2000 ms', /shorter than the duration/],
        ['run-duration', '-5 ms', /Duration must be greater than zero/],
        ['run-seed', '', /Seed is empty/],
        ['run-seed', '1.5', /whole number/],
      ];
      for (const [testId, text, message] of cases) {
        const field = page.getByTestId(testId);
        const good = await field.inputValue();
        await field.fill(text);
        expect(await field.getAttribute('aria-invalid'), `${testId} = "${text}"`).toBe('true');
        const described = await field.getAttribute('aria-describedby');
        expect(await page.locator(`#${described}`).textContent()).toMatch(message);
        await page.getByTestId('run-start').click();
        const refusal = (await page.getByTestId('run-refusal').textContent()) ?? '';
        expect(refusal).toMatch(testId === 'run-dt' ? /dt:/ : testId === 'run-seed' ? /Seed:/ : /Duration:/);
        // Refused: no run started, nothing went to the engine.
        expect(await page.getByTestId('run-panel').getAttribute('data-status')).toBe(status);
        await field.fill(good);
        expect(await field.getAttribute('aria-invalid')).toBeNull();
        expect(await page.getByTestId('run-refusal').count()).toBe(0);
      }
    }, 60_000);

    it('a live parameter with a wrong unit is refused at the field and reverts to the value that holds', async () => {
      // 40 s: long enough to stay running at 1x; a 100 s run of this network without a refractory period is refused for its worst-case spike recording
      await page.getByTestId('run-duration').fill('40000 ms');
      await page.getByRole('button', { name: '1×', exact: true }).click();
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="run-panel"][data-status="running"]');
      if ((await page.getByTestId('toggle-live').getAttribute('aria-pressed')) !== 'true') await page.locator('body').press('l');
      const row = page.getByTestId('live-drive-params.amplitude');
      const text = row.locator('.run-live-text');
      await expect.poll(() => text.isEnabled()).toBe(true);
      const held = await text.inputValue();
      await text.fill('2 mV');
      await text.press('Enter');
      const error = page.getByTestId('live-drive-params.amplitude-error');
      await error.waitFor({ timeout: 30_000 });
      expect(await error.textContent()).toMatch(/Refused/);
      expect(await text.inputValue()).toBe(held);
      expect(await text.getAttribute('aria-invalid')).toBe('true');
      // A good value afterwards is taken and clears the error.
      await text.fill('0.6 nA');
      await text.press('Enter');
      await expect.poll(() => page.getByTestId('run-log').textContent(), { timeout: 30_000 }).toMatch(/drive\.params\.amplitude = 0\.6 nA/);
      expect(await error.count()).toBe(0);
      await page.getByTestId('run-stop').click();
      await page.waitForSelector('[data-testid="run-panel"][data-status="stopped"]', { timeout: 30_000 });
    }, 120_000);
  });
});
