/**
 * A synapse model typed as text at 1366×768 for docs/screenshots/synapse-model.png (not a test):
 * "New synapse model…" rewritten as an Alpha synapse with a unit slip in on_pre, so the problem
 * list shows. A second shot (/tmp/synapse-inspector.png, for checking) shows it chosen on a
 * projection in the inspector.
 * Run after `npm run build:web`:  npx tsx test/e2e/takeSynapseModelScreenshot.ts
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
  await page.getByTestId('palette-new-synapse').click();
  await page.getByTestId('model-start-from').selectOption('Alpha');
  const source = page.getByTestId('model-source');
  const text = await source.inputValue();
  await source.fill(text.replace('on_pre h += w', 'on_pre h += w * 1 mV'));
  await page.waitForSelector('[data-testid="model-problems"] li');
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(out, 'synapse-model.png') });
  await source.fill(text);
  await page.getByTestId('model-status').filter({ hasText: /^No problems/ }).waitFor();
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('model-editor').waitFor({ state: 'hidden' });
  await page.getByTestId('palette-projection').click();
  await page.locator('.react-flow__node[data-id="proj"]').click();
  await page.locator('[data-testid="inspector"] [data-field="synapse.model"]').selectOption('MyAlpha');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/synapse-inspector.png' });
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshot in ${out}/synapse-model.png`);
