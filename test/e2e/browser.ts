/** Launch Debian's Chromium with playwright-core in a fresh profile, and helpers shared by the e2e tests. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.SNN_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh incognito context whose pages use the fallback file input and downloads (no native pickers headless). */
export async function newContext(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript({ content: 'delete window.showOpenFilePicker; delete window.showSaveFilePicker;' });
  return context;
}

export async function openApp(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  (page as unknown as { jsErrors: string[] }).jsErrors = errors;
  await page.goto(url);
  await page.waitForSelector('.topbar');
  return page;
}

export const jsErrors = (page: Page): string[] => (page as unknown as { jsErrors: string[] }).jsErrors;

/** Drag a palette entry onto the canvas at (x, y) relative to the canvas' top-left. */
export async function dropFromPalette(page: Page, testId: string, x: number, y: number): Promise<void> {
  const canvas = page.getByTestId('canvas');
  const box = await canvas.boundingBox();
  if (box && y + 80 > box.height) {
    // The canvas shares its height with the plots: give it more as a user would, with the
    // splitter's keyboard (End: as far as the plots' smallest size allows).
    await page.locator('#splitter-dock').focus();
    await page.keyboard.press('End');
  }
  await page.getByTestId(testId).dragTo(canvas, { targetPosition: { x, y } });
}

/** Drag a wire from one node's outlet to another node's inlet. */
export async function wire(page: Page, fromId: string, toId: string): Promise<void> {
  await settled(page);
  const from = page.locator(`.react-flow__node[data-id="${fromId}"] .react-flow__handle.source`);
  const to = page.locator(`.react-flow__node[data-id="${toId}"] .react-flow__handle.target`);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Wait until the problems shown are those of the current document (validation is debounced in a worker). */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
}

// Read through the locator API: the node tsconfig has no DOM lib, and a test that imports a React hook
// pulls in @types/react's empty Element stub, which has no getAttribute.
export const nodeIds = async (page: Page): Promise<string[]> =>
  Promise.all((await page.locator('.react-flow__node').all()).map(async (l) => (await l.getAttribute('data-id')) ?? ''));
export const edgeCount = (page: Page): Promise<number> => page.locator('.react-flow__edge').count();

/** Open the live parameters and run log beside the plots (a side section shown on demand, `L`). */
export async function showLive(page: Page): Promise<void> {
  const toggle = page.getByTestId('toggle-live');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByTestId('run-live').waitFor();
}

/**
 * Press Fit and evaluate `script` (which reads the canvas) every 300 ms until two reads in a row
 * give the same `key` and `ready` holds (the fit animates); the last read. Throws after 15 s.
 */
export async function fitAndHoldStill<T>(page: Page, script: string, key: (s: T) => unknown, ready: (s: T) => boolean): Promise<T> {
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  let last = '';
  for (let i = 0; i < 50; i++) {
    const state = (await page.evaluate(script)) as T;
    const k = JSON.stringify(key(state));
    if (k === last && ready(state)) return state;
    last = k;
    await page.waitForTimeout(300);
  }
  throw new Error('the canvas view did not hold still within 15 s of Fit');
}
