/**
 * Inspector fields at the class laptop's 1366×768: an emptied field is refused at the field and
 * the document keeps its value (no silent fall-back to the catalogue default), units typed the
 * way students type them are accepted or refused with a suggestion, Esc restores; the favicon loads.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { dropFromPalette, HAS_CHROMIUM, jsErrors, launch, openApp } from './browser';

describe.skipIf(!HAS_CHROMIUM)('inspector fields', () => {
  let browser: Browser;
  let page: Page;
  const failed: string[] = [];
  const consoleErrors: string[] = [];
  const inspector = (): Locator => page.getByTestId('inspector');
  const input = (field: string): Locator => inspector().locator(`[data-field="${field}"]`);
  /** The message under a field (the input and its message share the .field wrapper). */
  const errorOf = (field: string): Locator => inspector().locator(`.field:has([data-field="${field}"]) [data-testid="field-error"]`);
  const card = (id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
  const derivedTau = (): Promise<string | null> => inspector().locator('[data-testid="derived"] div[title="membrane time constant R·C"] dd').textContent();
  const enter = async (field: string, text: string): Promise<void> => {
    await input(field).fill(text);
    await input(field).press('Enter');
  };

  beforeAll(async () => {
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    context.on('response', (r: Response) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    context.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page = await openApp(context, inject('baseUrl'));
    await page.getByTestId('new').click();
    await dropFromPalette(page, 'palette-population-LIF', 160, 140);
    await card('pop').click();
  });
  afterAll(async () => {
    expect(jsErrors(page)).toEqual([]);
    await browser?.close();
  });

  it('refuses an emptied parameter at the field; the document keeps tau = 10 ms, not the default 5 ms', async () => {
    await expect.poll(() => input('params.tau').inputValue()).toBe('10 ms');
    await expect.poll(derivedTau).toBe('10 ms');
    const undoBefore = await page.getByTestId('undo').isEnabled();
    await enter('params.tau', '');
    await expect.poll(() => errorOf('params.tau').textContent()).toBe('A value is needed here (default: 5 ms); Esc restores 10 ms.');
    expect(await input('params.tau').getAttribute('aria-invalid')).toBe('true');
    await input('params.tau').blur();
    // the error stays at the field after it loses focus, and nothing reached the document
    expect(await errorOf('params.tau').count()).toBe(1);
    expect(await derivedTau()).toBe('10 ms');
    expect(await card('pop').textContent()).toContain('10 ms');
    expect(await page.getByTestId('undo').isEnabled()).toBe(undoBefore);
    await input('params.tau').press('Escape');
    await expect.poll(() => input('params.tau').inputValue()).toBe('10 ms');
    expect(await errorOf('params.tau').count()).toBe(0);
  });

  it('refuses an emptied size (a plain number) the same way', async () => {
    const size = await input('size').inputValue();
    await enter('size', '   ');
    await expect.poll(() => errorOf('size').textContent()).toMatch(new RegExp(`^A value is needed here .*Esc restores ${size}\\.$`));
    await input('size').press('Escape');
    await expect.poll(() => input('size').inputValue()).toBe(size);
    expect(await errorOf('size').count()).toBe(0);
  });

  it('accepts "−50 mV" with the Unicode minus the app itself prints', async () => {
    await enter('params.V_th', '−52 mV');
    await expect.poll(() => card('pop').textContent()).toContain('-52 mV');
    expect(await errorOf('params.V_th').count()).toBe(0);
  });

  it('refuses "-50 mv" with a suggestion at the field and leaves V_th as it was', async () => {
    await enter('params.V_th', '-50 mv');
    await expect.poll(() => errorOf('params.V_th').textContent()).toContain('Did you mean "-50 mV" (millivolts)?');
    expect(await card('pop').textContent()).toContain('-52 mV');
    // typing the suggestion fixes it and clears the message
    await enter('params.V_th', '-50 mV');
    await expect.poll(() => errorOf('params.V_th').count()).toBe(0);
    await expect.poll(() => card('pop').textContent()).toContain('-50 mV');
  });

  it('refuses "5 MS" for a time with the unit meant, and an emptied p on a projection', async () => {
    await dropFromPalette(page, 'palette-projection', 520, 300);
    await card('proj').click();
    await expect.poll(() => input('conn.p').inputValue()).toBe('0.1');
    await enter('conn.p', '');
    await expect.poll(() => errorOf('conn.p').textContent()).toMatch(/^A value is needed here.*; Esc restores 0\.1\.$/);
    await input('conn.p').press('Escape');
    await enter('delay', '2 MS');
    await expect.poll(() => errorOf('delay').textContent()).toContain('Did you mean "2 ms"');
    await input('delay').press('Escape');
    expect(await errorOf('delay').count()).toBe(0);
  });

  it('refuses an emptied list field (monitor variables)', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await dropFromPalette(page, 'palette-monitor-spikes', 700, 120);
    const monitor = page.locator('.react-flow__node').filter({ hasText: /monitor|spikes/i }).last();
    await monitor.click();
    await input('record').selectOption('state');
    await enter('variables', 'V');
    await expect.poll(() => input('variables').inputValue()).toBe('V');
    await enter('variables', '');
    await expect.poll(() => errorOf('variables').textContent()).toBe('A value is needed here (default: V); Esc restores V.');
    await input('variables').press('Escape');
    await expect.poll(() => input('variables').inputValue()).toBe('V');
    if (process.env.SNN_SCREENSHOT_DIR) {
      await enter('variables', 'V, 1x');
      await page.screenshot({ path: `${process.env.SNN_SCREENSHOT_DIR}/fields-list.png` });
      await input('variables').press('Escape');
    }
  });

  it('edits spike times as a list and a per-neuron value as a range; refuses a bad item by its position', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await dropFromPalette(page, 'palette-population-SpikeTimes', 160, 360);
    const source = page.locator('.react-flow__node').last();
    await source.click();
    await enter('params.times', '10 ms, 15 ms, 20 ms');
    await expect.poll(() => input('params.times').inputValue()).toBe('10 ms, 15 ms, 20 ms');
    expect(await errorOf('params.times').count()).toBe(0);
    await enter('params.times', '10 ms, 15 mS');
    await expect.poll(() => errorOf('params.times').textContent()).toMatch(/^Item 2: .*Did you mean "15 ms"/);
    await enter('params.times', '');
    await expect.poll(() => errorOf('params.times').textContent()).toBe('A value is needed here; Esc restores 10 ms, 15 ms, 20 ms.');
    await input('params.times').press('Escape');
    await card('pop').click();
    await enter('params.V_reset', '−70 mV … −60 mV');
    await expect.poll(() => input('params.V_reset').inputValue()).toBe('-70 mV … -60 mV');
    expect(await errorOf('params.V_reset').count()).toBe(0);
  });

  it('shows the error at the field, readable at 1366×768', async () => {
    await card('pop').click();
    await enter('params.V_th', '-50 mv');
    const box = await errorOf('params.V_th').boundingBox();
    expect(box).not.toBeNull();
    // inside the viewport, not clipped away under the fold
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    expect(box!.width).toBeGreaterThan(100);
    if (process.env.SNN_SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SNN_SCREENSHOT_DIR}/fields.png` });
    await input('params.V_th').press('Escape');
  });

  it('chooses the integration method from the keyboard; an unstable choice is refused at the field', async () => {
    await card('pop').click();
    const method = input('method');
    const note = inspector().locator('.field:has([data-field="method"]) [data-testid="method-note"]');
    await expect.poll(() => method.inputValue()).toBe('auto');
    expect(await note.textContent()).toContain("model's own schemes");
    // reachable with Tab from the field before it, and changed with the arrow keys
    await input('params.reset').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-field")')).toBe('method');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => method.inputValue()).toBe('euler');
    expect(await note.textContent()).toContain('forward Euler');
    // tau = 0.04 ms at dt = 0.1 ms: Euler is unstable (dt > 2·tau); the build says so at the method field
    await enter('params.tau', '0.04 ms');
    await expect.poll(() => errorOf('method').textContent(), { timeout: 15_000 }).toContain('unstable');
    // the inspector scrolls to it (below the parameters), and then it is on the screen
    await errorOf('method').scrollIntoViewIfNeeded();
    const box = await errorOf('method').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768 + 1); // scrolled flush to the bottom edge, up to sub-pixel rounding
    if (process.env.SNN_SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SNN_SCREENSHOT_DIR}/fields-method.png` });
    await method.selectOption('exponential_euler');
    await expect.poll(() => errorOf('method').count(), { timeout: 15_000 }).toBe(0);
    await method.selectOption('auto');
    await enter('params.tau', '10 ms');
  });

  it('loads the favicon: no request failed and no console error', async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/\.svg$/);
    const r = await page.request.get(new URL(href!, page.url()).toString());
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toContain('image/svg+xml');
    expect(failed).toEqual([]);
    expect(consoleErrors.filter((e) => /404|favicon/i.test(e))).toEqual([]);
  });
});
