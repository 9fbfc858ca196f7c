/**
 * The tfjs backend in the browser app (issue 6): the single-LIF example runs on typed and on
 * tfjs, the run panel's status line says which backend ran (tfjs-wasm: the worker loads
 * tfjs-backend-wasm's binaries from the URLs the page sends), and both count the same spikes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join, resolve } from 'node:path';
import { HAS_CHROMIUM, jsErrors, launch, newContext, openApp, showLive } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');

async function runOn(page: Page, backend: 'typed' | 'tfjs'): Promise<{ ran: string; spikes: number }> {
  await page.getByTestId('run-backend-choice').selectOption(backend);
  await page.getByTestId('run-start').click();
  await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 90_000 });
  await page.waitForSelector('[data-testid="plots"][data-live="no"]');
  return {
    ran: (await page.getByTestId('run-backend').textContent()) ?? '',
    spikes: Number(await page.getByTestId('plots').getAttribute('data-spikes')),
  };
}

describe.skipIf(!HAS_CHROMIUM)('tfjs backend in the app', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await openApp(await newContext(browser), inject('baseUrl'));
    await page.getByTestId('example-01-single-lif.snn').click();
    await page.waitForSelector('[data-testid="run-panel"]');
  });
  afterAll(async () => {
    expect(jsErrors(page)).toEqual([]);
    await browser?.close();
  });

  it('runs the single-LIF example on tfjs-wasm with the spike count of typed', async () => {
    const typed = await runOn(page, 'typed');
    expect(typed.ran).toBe('on typed');
    expect(typed.spikes).toBeGreaterThan(0);
    const tfjs = await runOn(page, 'tfjs');
    expect(tfjs.ran).toBe('on tfjs-wasm');
    expect(tfjs.spikes).toBe(typed.spikes);
    await page.getByTestId('run-panel').screenshot({ path: join(ROOT, 'docs/screenshots/run-panel-tfjs.png') });
    // No fallback warning in the run log (it appears only when WASM could not start).
    await showLive(page);
    expect(await page.getByTestId('run-log').textContent()).not.toContain('could not start WebAssembly');
  }, 180_000);
});
