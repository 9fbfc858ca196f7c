/**
 * Screenshots of the editor for docs/screenshots (not a test): an example open, both themes, two sizes.
 * Run after `npm run build:web`:  npx tsx test/e2e/takeScreenshots.ts [example.snn]
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch } from './browser';
import { serveStatic } from './staticServer';

const root = resolve(import.meta.dirname, '../..');
const example = process.argv[2] ?? '05-ei-balanced.snn';
const out = resolve(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const server = await serveStatic(resolve(root, 'dist-web'));
const browser = await launch();
try {
  for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
    for (const theme of ['dark', 'light'] as const) {
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
      await page.addInitScript({ content: `localStorage.setItem('snn-theme', '${theme}')` });
      await page.goto(server.url);
      if (width === 1280) await page.screenshot({ path: resolve(out, `start-${theme}-${width}x${height}.png`) });
      await page.getByTestId(`example-${example}`).click();
      await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
      const pop = page.locator('.react-flow__node').filter({ hasText: 'Population' }).first();
      await pop.click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: resolve(out, `editor-${theme}-${width}x${height}.png`) });
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
