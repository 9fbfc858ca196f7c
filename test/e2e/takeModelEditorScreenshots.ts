/**
 * The model editor at 1366×768 (not a test), each shot with a typical unit slip typed in so the
 * problem list and the marked line show:
 * - docs/screenshots/model-editor.png: a copy of AdExIF, V where the adaptation current w belongs;
 * - docs/screenshots/synapse-model.png: "New synapse model…" from Alpha, a voltage in on_pre.
 * A last shot (/tmp/synapse-inspector.png, for checking) shows the synapse model, saved, chosen on
 * a projection in the inspector.
 * Run after `npm run build:web`:  npx tsx test/e2e/takeModelEditorScreenshots.ts
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch } from './browser';
import { serveStatic } from './staticServer';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

/** Open the editor from `button`, start from `model`, type `slip` into its text and shoot `file`; returns the text before the slip. */
async function shootWithSlip(page: Page, button: string, model: string, slip: (text: string) => string, file: string): Promise<string> {
  await page.getByTestId(button).click();
  await page.getByTestId('model-start-from').selectOption(model);
  const source = page.getByTestId('model-source');
  const text = await source.inputValue();
  await source.fill(slip(text));
  await page.waitForSelector('[data-testid="model-problems"] li');
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(out, file) });
  console.log(`screenshot in ${out}/${file}`);
  return text;
}

const server = await serveStatic(resolve(root, 'dist-web'));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.addInitScript({ content: "localStorage.setItem('snn-theme', 'dark')" });
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.getByTestId('example-01-single-lif.snn').click();
  await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
  await shootWithSlip(page, 'palette-new-model', 'AdExIF', (t) => t.replace('dw/dt = (a*(V - V_rest) - w)', 'dw/dt = (a*(V - V_rest) - V)'), 'model-editor.png');
  await page.keyboard.press('Escape'); // "Discard the unsaved edits?": yes (the dialog handler above)
  await page.getByTestId('model-editor').waitFor({ state: 'hidden' });
  const alpha = await shootWithSlip(page, 'palette-new-synapse', 'Alpha', (t) => t.replace('on_pre h += w', 'on_pre h += w * 1 mV'), 'synapse-model.png');
  const source = page.getByTestId('model-source');
  await source.fill(alpha);
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
