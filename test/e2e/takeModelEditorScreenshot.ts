/**
 * The model editor at 1366×768 for docs/screenshots/model-editor.png (not a test): a copy of
 * AdExIF with a wrong unit typed in, so the problem list and the marked line show.
 * Run after `npm run build:web`:  npx tsx test/e2e/takeModelEditorScreenshot.ts
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch } from './browser';
import { serveStatic } from './staticServer';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const server = await serveStatic(resolve(root, 'dist-web'));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.addInitScript({ content: "localStorage.setItem('snn-theme', 'dark')" });
  await page.goto(server.url);
  await page.getByTestId('example-01-single-lif.snn').click();
  await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
  await page.getByTestId('palette-new-model').click();
  await page.getByTestId('model-start-from').selectOption('AdExIF');
  const source = page.getByTestId('model-source');
  const text = await source.inputValue();
  // a wrong unit on the adaptation current's equation: a student's typical slip
  await source.fill(text.replace('dw/dt = (a*(V - V_rest) - w)', 'dw/dt = (a*(V - V_rest) - V)'));
  await page.waitForSelector('[data-testid="model-problems"] li');
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(out, 'model-editor.png') });
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshot in ${out}/model-editor.png`);
