/**
 * Lessons in Chromium at 1366×768, as a student: open lesson 1 from the start page, run, answer a
 * step wrongly (the check says why and a hint appears), then rightly (it passes), and find the
 * progress again after a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HAS_CHROMIUM, jsErrors, launch, newContext, openApp } from './browser';

const LESSON = '01-lif.lesson.md';

async function waitForVerdict(page: Page, previous: string | null): Promise<string> {
  // The verdict comes when the run ends (checked automatically) — wait for a new one.
  await page.waitForFunction(
    (prev) => {
      const el = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="lesson-verdict"]');
      return el !== null && el.textContent !== prev;
    },
    previous,
    { timeout: 60_000 },
  );
  return (await page.getByTestId('lesson-verdict').textContent()) ?? '';
}

async function runAndWait(page: Page): Promise<void> {
  await page.getByTestId('run-start').click();
  await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 60_000 });
}

/** Type into the amplitude field the lesson's own link focuses (field:drive#params.amplitude). */
async function setAmplitude(page: Page, value: string): Promise<void> {
  await page.locator('.lesson-text a[href^="field:drive"]').click();
  const input = page.locator('.inspector [data-field="params.amplitude"]');
  // the link selected the node and focused its field in the inspector
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-field') ?? null)).toBe('params.amplitude');
  await input.fill(value);
  await input.press('Enter');
}

describe.skipIf(!HAS_CHROMIUM)('lesson 1 as a student', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser, { width: 1366, height: 768 });
    page = await openApp(context, inject('baseUrl'));
  });
  afterAll(async () => {
    expect(jsErrors(page)).toEqual([]);
    await browser?.close();
  });

  it('opens from the start page with its project and its first page', async () => {
    await page.getByTestId(`lesson-${LESSON}`).click();
    await page.getByTestId('lesson-panel').waitFor();
    expect(await page.locator('.react-flow__node[data-id="neuron"]').count()).toBe(1);
    // the introduction typesets its math with KaTeX
    expect(await page.locator('.lesson-text .katex').count()).toBeGreaterThan(0);
    const panel = await page.getByTestId('lesson-panel').boundingBox();
    const canvas = await page.getByTestId('canvas').boundingBox();
    expect(panel && canvas && panel.x + panel.width <= canvas.x + 1).toBe(true); // beside the canvas, not over it
  });

  it('passes the first step after a run, checked on its own when the run ends', async () => {
    await page.getByTestId('lesson-next').click();
    expect(await page.getByTestId('lesson-step-title').textContent()).toContain('Run it and count the spikes');
    await runAndWait(page);
    const verdict = await waitForVerdict(page, null);
    expect(verdict).toContain('fired 7 spikes');
    expect(verdict).toContain('Well done');
    expect(await page.getByTestId('lesson-panel').getAttribute('data-passed')).toBe('yes');
  });

  it('a wrong answer gets a verdict in words and the hint; the right one passes', async () => {
    await page.getByTestId('lesson-next').click();
    expect(await page.getByTestId('lesson-step-title').textContent()).toContain('Just below the threshold');
    expect(await page.getByTestId('lesson-hint').count()).toBe(0);
    // wrong: 1.6 nA is above the rheobase, so the neuron fires
    await setAmplitude(page, '1.6 nA');
    await runAndWait(page);
    let verdict = await waitForVerdict(page, null);
    expect(verdict).toMatch(/✗ "neuron" fired \d+ spikes; expected 0/);
    const hint = await page.getByTestId('lesson-hint').textContent();
    expect(hint).toContain('rheobase');
    expect(await page.getByTestId('lesson-panel').getAttribute('data-passed')).toBe('no');
    // a second Check without running again is a second wrong try: the second hint shows
    await page.getByTestId('lesson-check').click();
    await expect.poll(async () => (await page.getByTestId('lesson-hint').textContent()) ?? '').toContain('Set amplitude of drive to 1.4 nA');
    // right: 1.4 nA, V settles at -51 mV
    await setAmplitude(page, '1.4 nA');
    await page.getByTestId('lesson-check').click();
    const stale = await page.getByTestId('lesson-verdict').textContent();
    expect(stale).toContain('run it again');
    await runAndWait(page);
    verdict = await waitForVerdict(page, stale);
    expect(verdict).toContain('"neuron" fired 0 spikes');
    expect(verdict).toMatch(/highest V of "neuron" was -51(\.0)? mV/);
    expect(await page.getByTestId('lesson-panel').getAttribute('data-passed')).toBe('yes');
    expect(await page.getByTestId('lesson-hint').count()).toBe(0);
  }, 180_000);

  it('remembers the progress after a reload', async () => {
    await page.reload();
    await page.waitForSelector('.topbar');
    // the start page (or its recovery offer) lists the lesson with where the student was
    const card = page.getByTestId(`lesson-${LESSON}`);
    expect(await card.textContent()).toContain('step 3 of 5');
    expect(await card.textContent()).toContain('2/4 done');
    await card.click();
    await page.getByTestId('lesson-panel').waitFor();
    expect(await page.getByTestId('lesson-step-title').textContent()).toContain('Just below the threshold');
    expect(await page.getByTestId('lesson-panel').getAttribute('data-passed')).toBe('yes');
    expect(await page.getByTestId('lesson-dot-1').textContent()).toBe('✓');
    // resumed with the project as the earlier steps leave it: step 3's own set-up has not been solved for the student
    expect(await page.locator('.react-flow__node[data-id="drive"]').textContent()).toContain('2 nA');
  });
});
