/**
 * Screenshots of the editor for docs/screenshots (not a test): an example open, both themes, three
 * sizes; at 1366×768 (the class laptop) also after a run in both themes and in presentation mode.
 * Run after `npm run build:web`:  npx tsx test/e2e/takeScreenshots.ts [example.snn]
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';
import { serveStatic } from './staticServer';

const root = resolve(import.meta.dirname, '../..');
const example = process.argv[2] ?? '05-ei-balanced.snn';
const out = resolve(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

type Theme = 'dark' | 'light';

async function openPage(browser: Browser, width: number, height: number, theme: Theme, presentation = false): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await page.addInitScript({ content: `localStorage.setItem('snn-theme', '${theme}'); localStorage.setItem('snn-workspace', '${JSON.stringify({ presentation })}')` });
  await page.goto(server.url);
  return page;
}

async function openExample(page: Page): Promise<void> {
  await page.getByTestId(`example-${example}`).click();
  await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
}

async function run(page: Page): Promise<void> {
  await page.getByTestId('run-start').click();
  await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="plots"][data-live="no"]');
  // Move the pointer off the plots (their export buttons show on hover) and let the last redraw settle.
  await page.mouse.move(2, 300);
  await page.waitForTimeout(800);
}

const server = await serveStatic(resolve(root, 'dist-web'));
const browser = await launch();
try {
  for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
    for (const theme of ['dark', 'light'] as const) {
      const page = await openPage(browser, width, height, theme);
      if (width === 1280) await page.screenshot({ path: resolve(out, `start-${theme}-${width}x${height}.png`) });
      await openExample(page);
      const pop = page.locator('.react-flow__node').filter({ hasText: 'Population' }).first();
      await pop.click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: resolve(out, `editor-${theme}-${width}x${height}.png`) });
      await page.close();
    }
  }
  for (const theme of ['light', 'dark'] as const) {
    const page = await openPage(browser, 1366, 768, theme);
    await openExample(page);
    await run(page);
    await page.screenshot({ path: resolve(out, `editor-run-${theme}-1366x768.png`) });
    await page.close();
  }
  const page = await openPage(browser, 1366, 768, 'light', true);
  await openExample(page);
  await run(page);
  await page.screenshot({ path: resolve(out, 'editor-presentation-1366x768.png') });
  await page.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
