/**
 * `npm start`'s browser fallback on a fresh clone (issue 13): it serves a production build (built
 * once into a cache folder), so nothing is optimised on first use and the page never reloads by
 * itself. Starts the real script, edits, runs an example on typed and on tfjs, and checks that
 * the page was never navigated or reloaded (a window marker survives) and never asked to leave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { dropFromPalette, HAS_CHROMIUM, launch, nodeIds } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD_TIMEOUT_MS = 600_000; // a cold production build on a loaded two-core machine

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise((ok) => server.close(ok));
  return typeof address === 'object' && address ? address.port : 0;
}

async function waitForServer(url: string, child: ChildProcess, log: string[]): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

async function runOn(page: Page, backend: 'typed' | 'tfjs'): Promise<string> {
  await page.getByTestId('run-backend-choice').selectOption(backend);
  await page.getByTestId('run-start').click();
  await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="plots"][data-live="no"]');
  return (await page.getByTestId('run-backend').textContent()) ?? '';
}

describe.skipIf(!HAS_CHROMIUM)('npm start in the browser', () => {
  let child: ChildProcess;
  let browser: Browser;
  let page: Page;
  let url: string;
  const log: string[] = [];
  const navigations: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    // its own process group, so the server it starts is stopped with it
    child = spawn(process.execPath, [resolve(ROOT, 'scripts/start.mjs'), '--web', '--port', String(port)], {
      cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SNN_NO_ELECTRON_DOWNLOAD: '1' },
    });
    child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    await waitForServer(url, child, log);
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss(); // a "leave this page?" would be refused, keeping the work
    });
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    await page.goto(url);
    await page.waitForSelector('.topbar');
    await page.evaluate(() => ((globalThis as unknown as { snnMarker: string }).snnMarker = 'first load'));
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  });

  it('serves the production build: no Vite client, no dependency optimisation', async () => {
    const html = await (await fetch(url)).text();
    expect(html).not.toContain('/@vite/client');
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/);
    // the preview server answers unknown paths with the app's page (a SPA fallback), never Vite's client
    expect((await fetch(`${url}@vite/client`)).headers.get('content-type')).not.toMatch(/javascript/);
    expect(log.join('')).not.toMatch(/optimiz|new dependencies/i);
  });

  it('keeps the page and the unsaved edit through runs on typed and on tfjs', async () => {
    await page.getByTestId('example-01-single-lif.snn').click();
    await page.waitForSelector('[data-testid="run-panel"]');
    await dropFromPalette(page, 'palette-population-LIF', 520, 120);
    await expect.poll(() => nodeIds(page)).toContain('pop');
    expect(await runOn(page, 'typed')).toBe('on typed');
    expect(await runOn(page, 'tfjs')).toMatch(/^on tfjs/);
    expect(await page.evaluate(() => (globalThis as unknown as { snnMarker?: string }).snnMarker)).toBe('first load');
    expect(await nodeIds(page)).toContain('pop');
    // a plot download is named after the project's title
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-raster-png').click()]);
    expect(png.suggestedFilename()).toBe('1-a-single-lif-neuron-under-constant-input-raster.png');
    expect(navigations).toEqual([url]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);
});
