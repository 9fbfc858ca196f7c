/** Files in Chromium: save (download), reload, open the file and get the same document; restore after a crash; every example opens cleanly. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropFromPalette, HAS_CHROMIUM, jsErrors, launch, newContext, nodeIds, openApp, settled, wire } from './browser';

/** Runs in the page: the autosaved project text in IndexedDB, or "". */
const READ_RECOVERY = `new Promise((ok) => {
  const req = indexedDB.open('snn-studio', 1);
  req.onsuccess = () => {
    const get = req.result.transaction('kv').objectStore('kv').get('recovery');
    get.onsuccess = () => ok(String(get.result?.text ?? ''));
  };
})`;

const EXAMPLES_DIR = resolve(import.meta.dirname, '../../resources/examples');

async function saveToFile(page: Page, dir: string, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save').click()]);
  const path = join(dir, name);
  await download.saveAs(path);
  return readFileSync(path, 'utf8');
}

describe.skipIf(!HAS_CHROMIUM)('files', () => {
  let browser: Browser;
  let context: BrowserContext;
  let dir: string;
  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    dir = mkdtempSync(join(tmpdir(), 'snn-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves, reloads, opens the saved file and gets an identical document', async () => {
    const page = await openApp(context, inject('baseUrl'));
    await page.getByTestId('new').click();
    await dropFromPalette(page, 'palette-input-constant', 80, 80);
    await dropFromPalette(page, 'palette-population-LIF', 360, 120);
    await dropFromPalette(page, 'palette-monitor-spikes', 640, 120);
    await wire(page, 'drive', 'pop');
    await wire(page, 'pop', 'spikes');
    await page.locator('.react-flow__node[data-id="pop"]').click();
    const tau = page.locator('[data-testid="inspector"] [data-field="params.tau"]');
    await tau.fill('20 ms');
    await tau.press('Enter');
    await expect.poll(() => page.getByTestId('dirty').count()).toBe(1);

    const first = await saveToFile(page, dir, 'first.snn');
    await expect.poll(() => page.getByTestId('dirty').count()).toBe(0);
    const saved = JSON.parse(first) as { document: { nodes: Array<{ id: string; params?: Record<string, unknown> }>; wires: unknown[] } };
    expect(saved.document.nodes.map((n) => n.id)).toEqual(['drive', 'pop', 'spikes']);
    expect(saved.document.nodes[1].params?.tau).toBe('20 ms');
    expect(saved.document.wires).toEqual([{ from: 'drive', to: 'pop' }, { from: 'pop', to: 'spikes' }]);

    await page.reload();
    await page.waitForSelector('[data-testid="start-open"]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('start-open').click()]);
    await chooser.setFiles(join(dir, 'first.snn'));
    await page.waitForSelector('.react-flow__node[data-id="spikes"]');
    expect(await nodeIds(page)).toEqual(['drive', 'pop', 'spikes']);
    expect(await page.getByTestId('doc-name').textContent()).toContain('first.snn');
    const second = await saveToFile(page, dir, 'second.snn');
    expect(second).toBe(first);
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('offers to restore unsaved work after a crash, and restores it', async () => {
    const page = await openApp(context, inject('baseUrl'));
    await page.getByTestId('new').click();
    await dropFromPalette(page, 'palette-population-LIFRef', 200, 150);
    await dropFromPalette(page, 'palette-population-Poisson', 200, 400);
    const before = await nodeIds(page);
    expect(before).toEqual(['pop', 'src']);
    // autosave runs every few seconds while dirty; wait until IndexedDB has this document
    await expect.poll(() => page.evaluate<string>(READ_RECOVERY), { timeout: 10_000 }).toContain('"src"');
    // a crash: the tab goes away without saving or unload handlers
    await page.close({ runBeforeUnload: false });

    const next = await openApp(context, inject('baseUrl'));
    await next.getByTestId('restore').click();
    await next.waitForSelector('.react-flow__node[data-id="src"]');
    expect(await nodeIds(next)).toEqual(before);
    expect(await next.getByTestId('dirty').count()).toBe(1);
    expect(jsErrors(next)).toEqual([]);
    await next.close();
  });

  it('opens every example without a build error', async () => {
    const names = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.snn')).sort();
    expect(names.length).toBeGreaterThan(0);
    const page = await openApp(context, inject('baseUrl'));
    for (const name of names) {
      await page.locator('.brand').click();
      await page.getByTestId(`example-${name}`).click();
      await page.waitForSelector('.react-flow__node');
      await settled(page);
      await page.getByTestId('tab-problems').click();
      const errors = await page.locator('.problems .sev-error').allTextContents();
      expect({ name, errors }).toEqual({ name, errors: [] });
      const expected = (JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8')) as { document: { nodes: unknown[] } }).document.nodes.length;
      expect(await page.locator('.react-flow__node').count()).toBe(expected);
    }
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });
});
