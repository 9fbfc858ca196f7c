/**
 * Plots in front of a class (issues 13 and 15), at the 1366×768 of a teaching laptop: the
 * white page (a live density raster took React down) does not come back, a long session of
 * runs of randomised size with the user busy everywhere ends with the app mounted, runs are
 * compared only when asked, and populations called hasOwnProperty or __proto__ work.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_CHROMIUM, jsErrors, launch, newContext, openApp, showLive } from './browser';

/** The few page globals the in-page callbacks use (this file type-checks without the DOM library). */
interface PageGlobals {
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } | null };
  };
}

const VIEWPORT = { width: 1366, height: 768 };
const HOSTILE = ['hasOwnProperty', '__proto__', 'constructor', 'toString'];

/** Seeded LCG: the session is random but the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const status = (page: Page): Promise<string | null> => page.getByTestId('run-panel').getAttribute('data-status');

/** Wait for `selector`, or fail at once when the app is gone (the white page) or threw. */
async function waitFor(page: Page, selector: string, timeout = 180_000): Promise<void> {
  await page.waitForFunction((sel) => {
    const d = (globalThis as unknown as PageGlobals).document;
    return d.querySelector(sel) !== null || d.querySelector('.topbar') === null;
  }, selector, { timeout, polling: 100 });
  expect(jsErrors(page)).toEqual([]);
  expect(await page.locator('.topbar').count(), 'the app is still mounted').toBe(1);
}

async function waitDone(page: Page): Promise<void> {
  await waitFor(page, '[data-testid="run-panel"]:is([data-status="done"], [data-status="stopped"], [data-status="error"])');
  await waitFor(page, '[data-testid="plots"][data-live="no"]');
}

/** The app is alive: no uncaught error, the top bar and the plots are there, no plot shows a failure. */
async function expectAlive(page: Page): Promise<void> {
  expect(jsErrors(page)).toEqual([]);
  expect(await page.locator('.topbar').count()).toBe(1);
  expect(await page.getByTestId('plots').count()).toBe(1);
  expect(await page.locator('[data-testid^="plot-failed-"]').count()).toBe(0);
}

async function openExample(page: Page, name: string): Promise<void> {
  await page.getByTestId(`example-${name}`).click();
  await page.waitForSelector('[data-testid="run-panel"]');
}

async function setSize(page: Page, node: string, size: number): Promise<void> {
  // On the node's title (its middle may lie under a wire).
  // A click during the canvas' fit animation after a project switch can land beside the card:
  // click again until the inspector shows the node.
  const id = page.locator('[data-testid="inspector"] input[data-field="id"]');
  for (let attempt = 0; ; attempt++) {
    await page.locator(`.react-flow__node[data-id="${node}"]`).click({ position: { x: 12, y: 8 } });
    const shown = await expect.poll(() => id.inputValue().catch(() => ''), { timeout: 2000 }).toBe(node).then(() => true, () => false);
    if (shown) break;
    if (attempt === 4) throw new Error(`clicking node ${node} did not select it (the inspector shows "${await id.inputValue().catch(() => 'no node')}")`);
  }
  const field = page.locator('[data-testid="inspector"] input[data-field="size"]');
  await field.fill(String(size));
  await field.press('Enter');
}

/** Pixels of a chart (to see that a legend click changed what is drawn). */
const shot = (page: Page, name: string): Promise<Buffer> => page.getByTestId(`chart-${name}`).screenshot();
/** A chart's picture once two shots in a row agree (the redraw after a legend click has finished). */
async function settledShot(page: Page, name: string): Promise<Buffer> {
  let last = await shot(page, name);
  for (let i = 0; i < 50; i++) {
    const next = await shot(page, name);
    if (next.equals(last)) return next;
    last = next;
  }
  throw new Error(`chart-${name} kept changing`);
}

/**
 * Click legend entry `index` of a chart whose legend is one right-aligned row at the top (ECharts'
 * layout: a 25 px icon, 5 px gap, the text, 10 px between entries; 8 px from the right edge).
 */
async function clickLegend(page: Page, chart: string, labels: readonly string[], index: number): Promise<void> {
  const box = (await page.getByTestId(`chart-${chart}`).boundingBox())!;
  const widths = await page.evaluate((texts) => {
    const ctx = (globalThis as unknown as PageGlobals).document.createElement('canvas').getContext('2d')!;
    ctx.font = '12px sans-serif';
    return texts.map((t) => ctx.measureText(t).width);
  }, [...labels]);
  const total = widths.reduce((a, w) => a + 30 + w, 0) + 10 * (widths.length - 1);
  let x = box.width - 8 - total;
  for (let i = 0; i < index; i++) x += 30 + widths[i] + 10;
  await page.mouse.click(box.x + x + 30 + widths[index] / 2, box.y + 11);
}

describe.skipIf(!HAS_CHROMIUM)('plots', () => {
  let browser: Browser;
  let context: BrowserContext;
  let dir: string;
  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser, VIEWPORT);
    dir = mkdtempSync(join(tmpdir(), 'snn-plots-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('issue 13: the E/I example with 20000 E neurons streams a live density raster and the app stays up', async () => {
    // Before the fix a live density raster with an empty opacity level threw in ECharts'
    // LargeSymbolPath a few seconds into this run, and React unmounted the whole app.
    const page = await openApp(context, inject('baseUrl'));
    await openExample(page, '05-ei-balanced.snn');
    await setSize(page, 'E', 20_000);
    await showLive(page);
    // 10 ms are enough: the first live redraw is already a density raster (some 100 000 spikes).
    await page.getByTestId('run-duration').fill('10 ms');
    await page.getByTestId('run-start').click();
    await waitFor(page, '[data-testid="plots"][data-live="yes"][data-raster-mode="density"]');
    // The user clicks into a live-parameter field mid-run, as in the report.
    if ((await status(page)) === 'running') await page.locator('.run-live-text').first().click();
    await waitDone(page);
    await expectAlive(page);
    expect(Number(await page.getByTestId('plots').getAttribute('data-spikes'))).toBeGreaterThan(30_000);
    await page.close();
  }, 300_000);

  it('issue 13: a live raster drawn as an image is repainted in place at every redraw (brette-coba, 71 000 spikes)', async () => {
    // Between live redraws the raster's option stays the same (its image is painted into the same
    // canvas) and the chart repaints the image without setOption; were that repaint lost, the plot
    // area would stay as it was until the next title change (up to a second later).
    const own = await newContext(browser, VIEWPORT);
    // At every raster redraw: the spike count and a checksum of the middle of the plot area (no title, no axes).
    await own.addInitScript({ content: `(() => {
      const seen = globalThis.__rasterSeen = [];
      addEventListener('DOMContentLoaded', () => new MutationObserver((changes) => {
        for (const c of changes) {
          const el = c.target;
          if (!el.matches('[data-testid="chart-raster"]')) continue;
          const canvas = el.querySelector('canvas');
          const plots = el.closest('[data-testid="plots"]');
          if (!canvas || !plots) continue;
          const h = canvas.height;
          const px = canvas.getContext('2d').getImageData(0, Math.round(h * 0.3), canvas.width, Math.round(h * 0.4)).data;
          let sum = 0;
          for (let i = 0; i < px.length; i++) sum = (sum + px[i] * (1 + (i % 7))) % 1000000007;
          seen.push({ live: plots.getAttribute('data-live') === 'yes', spikes: Number(plots.getAttribute('data-spikes')), sum });
        }
      }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-render-ms'] }));
    })();` });
    const page = await openApp(own, inject('baseUrl'));
    try {
      await openExample(page, 'brette-coba.snn');
      await page.getByRole('button', { name: 'Max', exact: true }).click();
      await page.getByTestId('run-start').click();
      await waitDone(page);
      await expectAlive(page);
      const seen = await page.evaluate(() => (globalThis as unknown as { __rasterSeen: { live: boolean; spikes: number; sum: number }[] }).__rasterSeen);
      // Live redraws of the image (over RASTER_IMAGE_FROM spikes) whose spike count grew since the one before.
      const live = seen.filter((x) => x.live && x.spikes >= 5000);
      const grew = live.slice(1).map((x, k) => [live[k], x] as const).filter(([a, b]) => b.spikes > a.spikes).map(([a, b]) => [a.sum, b.sum]);
      expect(grew.length, `live image redraws: ${JSON.stringify(live)}`).toBeGreaterThan(0);
      for (const [before, after] of grew) expect(after, 'the plot area changed with the spikes').not.toBe(before);
    } finally {
      await own.close();
    }
  }, 300_000);

  it('issue 13: a one-neuron raster shows its spikes as ticks, brette-cuba\'s 4000 neurons as dots of both populations (drawn as one image)', async () => {
    const page = await openApp(context, inject('baseUrl'));
    /** Per population of the stats table: its colour's pixels in the raster's canvases and the tallest vertical run of them. */
    const colourPixels = (): Promise<Record<string, { pixels: number; tallest: number; icon: { x: number; y: number } | null }>> => page.evaluate(() => {
      const d = (globalThis as unknown as PageGlobals).document as unknown as {
        querySelectorAll(q: string): ArrayLike<{ getAttribute(n: string): string | null; querySelector(q: string): { style: { background: string } } | null; width: number; height: number; clientWidth: number; getBoundingClientRect(): { left: number; top: number }; getContext(t: string): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null }>;
      };
      const out: Record<string, { pixels: number; tallest: number; icon: { x: number; y: number } | null }> = {};
      for (const row of Array.from(d.querySelectorAll('[data-testid="stats"] tbody tr'))) {
        const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(row.querySelector('.swatch')?.style.background ?? '');
        if (!m) continue;
        const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
        let pixels = 0;
        let tallest = 0;
        // The colour's topmost 12 px (its legend icon, above the plot area), in page px: what a click on the entry hits.
        let icon: { x: number; y: number } | null = null;
        for (const c of Array.from(d.querySelectorAll('[data-testid="chart-raster"] canvas'))) {
          const img = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
          if (!img) continue;
          // The population's colour at some opacity (0.3-1) over the white plot: dots are translucent, overlaps darker.
          const near = (x: number, y: number): boolean => {
            const o = (y * c.width + x) * 4;
            const ch: [number, number][] = [[img[o], r], [img[o + 1], g], [img[o + 2], b]];
            const [seen, want] = ch.reduce((a, e) => (255 - e[1] > 255 - a[1] ? e : a));
            const a = (255 - seen) / Math.max(1, 255 - want);
            return a >= 0.3 && a <= 1.05 && ch.every(([v, w]) => Math.abs(255 - a * (255 - w) - v) < 14);
          };
          const scale = c.width / Math.max(1, c.clientWidth);
          let [sx, sy, n, top] = [0, 0, 0, Infinity];
          for (let x = 0; x < c.width; x++) {
            let run = 0;
            for (let y = 0; y < c.height; y++) {
              if (near(x, y)) {
                pixels++;
                tallest = Math.max(tallest, ++run);
                top = Math.min(top, y);
              } else run = 0;
            }
          }
          for (let x = 0; x < c.width; x++) {
            for (let y = top; y < Math.min(c.height, top + 12 * scale); y++) if (near(x, y)) [sx, sy, n] = [sx + x, sy + y, n + 1];
          }
          if (n > 0 && !icon) {
            const box = c.getBoundingClientRect();
            icon = { x: box.left + sx / n / scale, y: box.top + sy / n / scale };
          }
        }
        out[row.getAttribute('data-population') ?? '?'] = { pixels, tallest, icon };
      }
      return out;
    });
    await openExample(page, '01-single-lif.snn');
    await page.getByTestId('run-start').click();
    await waitDone(page);
    await page.waitForTimeout(300);
    const single = Object.values(await colourPixels());
    expect(single).toHaveLength(1);
    // Ticks: marks taller than the legend's 14 px icon (a 1.5-3 px dot would be as short as the icon).
    expect(single[0].tallest).toBeGreaterThanOrEqual(25);
    await page.locator('.topbar .brand').click();
    await openExample(page, 'brette-cuba.snn');
    await page.getByTestId('run-start').click();
    await waitDone(page);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('plots').getAttribute('data-raster-mode')).toBe('points');
    const spikes = Number(await page.getByTestId('plots').getAttribute('data-spikes'));
    expect(spikes).toBeGreaterThan(5000);
    const cuba = await colourPixels();
    // Both populations' dots are on screen: over a thousand lit pixels of each colour (the legend's icon has 350).
    expect(Object.keys(cuba).sort()).toEqual(['E', 'I']);
    for (const p of Object.values(cuba)) expect(p.pixels).toBeGreaterThan(1000);
    // A click on I's legend entry leaves I's dots out of the image (the entry greys), a second brings them back.
    const iIcon = cuba.I.icon;
    expect(iIcon).not.toBeNull();
    await page.mouse.click(iIcon!.x, iIcon!.y);
    await page.waitForTimeout(400);
    const withoutI = await colourPixels();
    expect(withoutI.I.pixels).toBeLessThan(50);
    expect(withoutI.E.pixels).toBeGreaterThan(1000);
    await page.mouse.click(iIcon!.x, iIcon!.y);
    await page.waitForTimeout(400);
    expect((await colourPixels()).I.pixels).toBeGreaterThan(1000);
    await expectAlive(page);
    await page.close();
  }, 300_000);

  it('a long session: runs of random size stream into every plot while the user edits, switches, resizes and changes theme', async () => {
    const page = await openApp(context, inject('baseUrl'));
    const rand = rng(1366);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    await openExample(page, '05-ei-balanced.snn');
    await showLive(page);
    await page.getByRole('button', { name: '1×', exact: true }).click();
    const actions: ((p: Page) => Promise<unknown>)[] = [
      (p) => p.getByTestId('theme').click(),
      async (p) => {
        await p.getByTestId('tab-problems').click();
        await p.waitForTimeout(150);
        await p.getByTestId('tab-run').click();
      },
      (p) => p.setViewportSize(pick([VIEWPORT, { width: 1100, height: 700 }, { width: 1366, height: 600 }])),
      async (p) => {
        const field = p.locator('.run-live-text').first();
        if ((await field.count()) === 0 || !(await field.isEnabled())) return;
        // The run may end between the check and the fill, and an ended run disables its live
        // fields: then the fill times out, and the field must be disabled (not stuck enabled).
        const filled = await field.fill(`${(0.4 + rand() * 0.4).toFixed(2)} nA`, { timeout: 3000 }).then(() => true, () => false);
        if (!filled) {
          expect(await field.isEnabled()).toBe(false);
          return;
        }
        await field.press('Enter', { timeout: 3000 }).catch(async () => expect(await field.isEnabled()).toBe(false));
      },
      (p) => p.getByTestId('rate-window').selectOption(pick(['1', '5', '20', '50'])),
      (p) => p.getByTestId('rate-compare').click(),
      async (p) => {
        const box = await p.getByTestId('chart-raster').boundingBox();
        if (!box) return;
        await p.mouse.move(box.x + box.width * (0.2 + 0.6 * rand()), box.y + box.height / 2);
        await p.mouse.wheel(0, rand() < 0.5 ? -240 : 240);
      },
      async (p) => {
        // Best effort: after a resize the node may lie outside the canvas.
        const clicked = await p.locator('.react-flow__node[data-id="I"]').click({ position: { x: 12, y: 8 }, timeout: 3000 }).then(() => true, () => false);
        if (!clicked) return;
        const tau = p.locator('[data-testid="inspector"] input[data-field="params.tau"]');
        if (await tau.count()) {
          await tau.fill(`${10 + Math.floor(rand() * 20)} ms`);
          await tau.press('Enter');
        }
      },
    ];
    // Points with tall ticks (1 neuron), ticks and dots (40, 400, CUBA's 4000 neurons), a live
    // density (05 with 1500 E neurons runs away: over a million spikes), and project switches.
    const rounds: { example: string; size?: number; duration: string }[] = [
      { example: '05-ei-balanced.snn', size: 1, duration: pick(['300 ms', '800 ms']) },
      { example: '05-ei-balanced.snn', size: 40, duration: pick(['300 ms', '800 ms']) },
      { example: 'brette-cuba.snn', duration: '1000 ms' },
      { example: '05-ei-balanced.snn', size: 400, duration: pick(['300 ms', '800 ms']) },
      { example: '01-single-lif.snn', duration: '300 ms' },
      { example: 'brette-cuba.snn', duration: '1500 ms' },
      { example: '05-ei-balanced.snn', size: 1500, duration: '150 ms' },
    ];
    let open = '05-ei-balanced.snn';
    const modes = new Set<string | null>();
    for (const [round, r] of rounds.entries()) {
      await page.setViewportSize(VIEWPORT);
      if (r.example !== open) {
        await page.locator('.topbar .brand').click();
        await openExample(page, r.example);
        open = r.example;
      }
      if (r.size !== undefined) await setSize(page, 'E', r.size);
      await page.getByTestId('run-duration').fill(r.duration);
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="plots"]', { timeout: 120_000 });
      // Keep the user busy while batches stream in (and a few times after the run).
      for (let k = 0; k < 12 || (await status(page)) === 'running'; k++) {
        if (k > 60) break;
        await pick(actions)(page);
        await page.waitForTimeout(100 + rand() * 300);
        expect(jsErrors(page)).toEqual([]);
        modes.add(await page.getByTestId('plots').getAttribute('data-raster-mode'));
      }
      await page.setViewportSize(VIEWPORT);
      await waitDone(page);
      await expectAlive(page);
      await page.screenshot({ path: join(tmpdir(), `snn-plots-session-${round}.png`) });
    }
    // The session went through both raster modes.
    expect([...modes].sort()).toEqual(['density', 'points']);
    await page.close();
  }, 600_000);

  it('overlays earlier runs only when asked, only of the same project, matched by population id', async () => {
    const page = await openApp(context, inject('baseUrl'));
    await openExample(page, '02-fi-curve.snn');
    await page.getByTestId('run-start').click();
    await waitDone(page);
    // Another project (the start page's example): the F-I run is not part of its history.
    await page.locator('.topbar .brand').click();
    await openExample(page, '05-ei-balanced.snn');
    await page.getByTestId('run-duration').fill('300 ms');
    await page.getByTestId('run-start').click();
    await waitDone(page);
    // Comparison is off by default.
    expect(await page.getByTestId('rate-compare').isChecked()).toBe(false);
    await page.getByTestId('run-seed').fill('8');
    await page.getByTestId('run-start').click();
    await waitDone(page);
    expect(await page.getByTestId('rate-compared').count()).toBe(0);
    await page.getByTestId('rate-compare').check();
    // Only the first run of this project: the F-I example's 120 Hz curves are not drawn under 05's.
    expect(await page.getByTestId('rate-compared').textContent()).toBe('dashed: #1 seed 7');
    await expectAlive(page);
    await page.close();
  }, 300_000);

  it('issue 15: populations called hasOwnProperty, __proto__, constructor, toString run, and their legend entries toggle', async () => {
    const nodes: object[] = [];
    const wires: { from: string; to: string }[] = [];
    HOSTILE.forEach((id, k) => {
      nodes.push({ id: `drive ${k}`, kind: 'input', model: 'constant', position: [0, 120 * k], params: { amplitude: `${(1.7 + 0.3 * k).toFixed(1)} nA` } });
      nodes.push({ id, kind: 'population', model: 'LIF', size: 10, position: [250, 120 * k], params: { R: '10 MOhm', V_reset: '-65 mV', V_rest: '-65 mV', V_th: '-50 mV', tau: '10 ms' }, init: { V: '-65 mV' } });
      nodes.push({ id: `spikes of ${k}`, kind: 'monitor', record: 'spikes', position: [500, 120 * k] });
      wires.push({ from: `drive ${k}`, to: id }, { from: id, to: `spikes of ${k}` });
    });
    nodes.push({ id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0], position: [500, 500] });
    wires.push({ from: '__proto__', to: 'V' });
    const file = join(dir, 'hostile.snn');
    writeFileSync(file, JSON.stringify({ format: 'snn-studio', version: 1, document: { simulation: { dt: '0.1 ms', duration: '200 ms', seed: 1, backend: 'auto' }, nodes, wires } }));

    // A fresh context: the workspace sizes and theme the earlier tests left (remembered per user)
    // would move the legend, whose entries clickLegend finds by the default layout's geometry.
    const fresh = await newContext(browser, VIEWPORT);
    const page = await openApp(fresh, inject('baseUrl'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('start-open').click()]);
    await chooser.setFiles(file);
    await page.waitForSelector('[data-testid="run-panel"]');
    await page.getByTestId('run-start').click();
    await waitDone(page);
    for (const id of HOSTILE) {
      expect(Number(await page.locator(`[data-testid="stats"] tr[data-population="${id}"] [data-field="spikes"]`).textContent())).toBeGreaterThan(0);
    }
    for (const chart of ['raster', 'rates']) {
      await page.getByTestId(`chart-${chart}`).scrollIntoViewIfNeeded();
      for (let i = 0; i < HOSTILE.length; i++) {
        const before = await shot(page, chart);
        await clickLegend(page, chart, HOSTILE, i);
        // Poll for the redraw rather than sleeping a fixed time: a loaded machine paints late.
        await expect.poll(async () => (await shot(page, chart)).equals(before), { message: `${chart}: hiding ${HOSTILE[i]} changes the plot`, timeout: 15_000 }).toBe(false);
        const hidden = await settledShot(page, chart);
        await clickLegend(page, chart, HOSTILE, i);
        await expect.poll(async () => (await shot(page, chart)).equals(hidden), { message: `${chart}: showing ${HOSTILE[i]} again changes the plot`, timeout: 15_000 }).toBe(false);
        expect(jsErrors(page)).toEqual([]);
      }
    }
    await expectAlive(page);
    await page.close();
    await fresh.close();
  }, 300_000);

  it('a plot that fails shows what failed and a Redraw button; the app and the other plots go on', async () => {
    const page = await openApp(context, inject('baseUrl'));
    await openExample(page, '05-ei-balanced.snn');
    await page.getByTestId('run-duration').fill('300 ms');
    await page.getByTestId('run-start').click();
    await waitDone(page);
    // Break the raster's canvas: its next paint throws (as ECharts did in issue 13).
    await page.evaluate(() => {
      const g = globalThis as unknown as { CanvasRenderingContext2D: { prototype: Record<string, unknown> }; __fill?: unknown; __broken: boolean };
      const proto = g.CanvasRenderingContext2D.prototype;
      g.__fill = proto.fillRect;
      g.__broken = true;
      proto.fillRect = function (this: { canvas: { closest(s: string): unknown } }, ...args: unknown[]) {
        if (g.__broken && this.canvas.closest('[data-testid="chart-raster"]')) throw new Error('canvas broken by the test');
        return (g.__fill as (...a: unknown[]) => unknown).apply(this, args);
      };
    });
    await page.getByTestId('theme').click();
    await waitFor(page, '[data-testid="plot-failed-raster"]', 30_000);
    expect(await page.getByTestId('plot-failed-raster').textContent()).toContain('canvas broken by the test');
    expect(await page.getByTestId('chart-rates').count()).toBe(1);
    await page.evaluate(() => {
      (globalThis as unknown as { __broken: boolean }).__broken = false;
    });
    await page.getByTestId('redraw-raster').click();
    await waitFor(page, '[data-testid="chart-raster"]', 30_000);
    await expectAlive(page);
    await page.close();
  }, 300_000);
});
