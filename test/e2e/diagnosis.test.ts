/**
 * The tutorial's pitfall in the app: a LIF driven by 2 nA through R = 1 Ω. Before the run its R
 * field carries the threshold warning; after the run the run log says the population never
 * fired and why (R·I far below the rheobase), as the engine's diagnosis sent with `done`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropFromPalette, HAS_CHROMIUM, jsErrors, launch, newContext, openApp, showLive, wire } from './browser';

describe.skipIf(!HAS_CHROMIUM)('diagnosis in the run log', () => {
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser, { width: 1366, height: 768 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a LIF at R = 1 Ω: warned on R before the run, diagnosed as silent after it', async () => {
    const page = await openApp(context, inject('baseUrl'));
    await page.getByTestId('new').click();
    await dropFromPalette(page, 'palette-input-constant', 80, 80);
    await dropFromPalette(page, 'palette-population-LIF', 360, 120);
    await dropFromPalette(page, 'palette-monitor-spikes', 640, 120);
    await wire(page, 'drive', 'pop');
    await wire(page, 'pop', 'spikes');
    await page.locator('.react-flow__node[data-id="pop"]').click();
    const R = page.locator('[data-testid="inspector"] [data-field="params.R"]');
    await R.fill('1 Ohm');
    await R.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node[data-id="pop"] [data-testid="problem-badge"]').count()).toBe(1);
    await page.getByTestId('run-duration').fill('200 ms');
    await showLive(page);
    await page.getByTestId('run-start').click();
    const log = page.getByTestId('run-log');
    await expect.poll(() => log.textContent(), { timeout: 60_000 }).toMatch(/"pop" never fired: even its strongest input lifts V only .* R = 1 Ω/);
    await page.screenshot({ path: join(tmpdir(), 'snn-diagnosis-run-log.png') });
    expect(jsErrors(page)).toEqual([]);
  }, 120_000);
});
