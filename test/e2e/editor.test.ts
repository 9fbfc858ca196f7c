/** The editor in Chromium: drag from the palette, wire, refuse a wrong unit inline, undo and redo. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dropFromPalette, edgeCount, HAS_CHROMIUM, jsErrors, launch, newContext, nodeIds, openApp, wire } from './browser';

describe.skipIf(!HAS_CHROMIUM)('editor', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await openApp(await newContext(browser), inject('baseUrl'));
    await page.getByTestId('new').click();
  });
  afterAll(async () => {
    expect(jsErrors(page)).toEqual([]);
    await browser?.close();
  });

  it('drags two populations and a projection from the palette and wires them', async () => {
    await dropFromPalette(page, 'palette-population-LIF', 140, 120);
    await dropFromPalette(page, 'palette-population-LIF', 140, 380);
    await dropFromPalette(page, 'palette-projection', 480, 250);
    expect(await nodeIds(page)).toEqual(['pop', 'pop2', 'proj']);
    await wire(page, 'pop', 'proj');
    await wire(page, 'proj', 'pop2');
    await expect.poll(() => edgeCount(page)).toBe(2);
    await expect.poll(() => page.locator('.react-flow__node[data-id="proj"] [data-testid="problem-badge"]').count()).toBe(0);
  });

  it('refuses a wire from a population straight to a population, with a hint', async () => {
    await wire(page, 'pop2', 'pop');
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain('Projection');
    await expect.poll(() => edgeCount(page)).toBe(2);
  });

  it('refuses "5 kg" for a voltage inline and leaves the document unchanged', async () => {
    await page.locator('.react-flow__node[data-id="pop"]').click();
    const field = page.locator('[data-testid="inspector"] [data-field="params.V_th"]');
    const undoSteps = await page.getByTestId('undo').isEnabled();
    await field.fill('5 kg');
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('field-error').textContent()).toMatch(/voltage/);
    await field.blur();
    expect(await page.locator('.react-flow__node[data-id="pop"] .card-rows').textContent()).toContain('-50 mV');
    expect(await page.getByTestId('undo').isEnabled()).toBe(undoSteps);
    await field.fill('-48 mV');
    await field.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node[data-id="pop"] .card-rows').textContent()).toContain('-48 mV');
    expect(await page.getByTestId('field-error').count()).toBe(0);
  });

  it('accepts a current in pA and shows the derived quantities', async () => {
    await dropFromPalette(page, 'palette-input-constant', 60, 40);
    await wire(page, 'drive', 'pop');
    await page.locator('.react-flow__node[data-id="drive"]').click();
    const amp = page.locator('[data-testid="inspector"] [data-field="params.amplitude"]');
    await amp.fill('2500 pA');
    await amp.press('Enter');
    await page.locator('.react-flow__node[data-id="pop"]').click();
    // R·I = 10 MOhm * 2.5 nA = 25 mV, V_inf = -65 + 25 = -40 mV
    await expect.poll(() => page.getByTestId('derived').textContent()).toContain('25 mV');
    expect(await page.getByTestId('derived').textContent()).toContain('-40 mV');
  });

  it('undoes and redoes edits, wires and drops', async () => {
    const card = page.locator('.react-flow__node[data-id="pop"] .card-rows');
    await page.getByTestId('canvas').click({ position: { x: 600, y: 30 } }); // focus the canvas, not a field
    await page.keyboard.press('Control+z'); // the amplitude edit
    await page.keyboard.press('Control+z'); // the drive -> pop wire
    await expect.poll(() => edgeCount(page)).toBe(2);
    await page.keyboard.press('Control+z'); // the drop of "drive"
    expect(await nodeIds(page)).toEqual(['pop', 'pop2', 'proj']);
    await page.keyboard.press('Control+z'); // V_th -48 mV
    await expect.poll(() => card.textContent()).toContain('-50 mV');
    await page.getByTestId('redo').click();
    await expect.poll(() => card.textContent()).toContain('-48 mV');
    await page.keyboard.press('Control+Shift+z');
    expect(await nodeIds(page)).toEqual(['pop', 'pop2', 'proj', 'drive']);
  });

  it('adds STDP to a projection: its bounds take the weight\'s unit, and "none" removes it', async () => {
    const card = page.locator('.react-flow__node[data-id="proj"]');
    await card.click();
    const inspector = page.getByTestId('inspector');
    await inspector.locator('[data-field="plasticity.model"]').selectOption('STDP');
    await expect.poll(() => card.textContent()).toContain('STDP');
    const wMax = inspector.locator('[data-field="plasticity.w_max"]');
    await wMax.fill('5 kg');
    await wMax.press('Enter');
    await expect.poll(() => page.getByTestId('field-error').textContent()).toMatch(/current/);
    await wMax.fill('2 nA');
    await wMax.press('Enter');
    await expect.poll(() => page.getByTestId('field-error').count()).toBe(0);
    await expect.poll(() => wMax.inputValue()).toBe('2 nA');
    await inspector.locator('[data-field="plasticity.model"]').selectOption('none');
    await expect.poll(() => card.textContent()).not.toContain('STDP');
    await page.keyboard.press('Control+z');
    await expect.poll(() => card.textContent()).toContain('STDP');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => card.textContent()).not.toContain('STDP');
  });

  it('deletes a population with its wires, copies and pastes with fresh ids', async () => {
    await page.locator('.react-flow__node[data-id="pop2"]').click();
    await page.keyboard.press('Delete');
    expect(await nodeIds(page)).not.toContain('pop2');
    await expect.poll(() => edgeCount(page)).toBe(1);
    // the projection now has no post population: build flags it on the node
    await expect.poll(() => page.locator('.react-flow__node[data-id="proj"] [data-testid="problem-badge"]').count()).toBe(1);
    // a click on the problem selects the node it concerns
    await page.getByTestId('tab-problems').click();
    await page.locator('.problems .problem', { hasText: 'proj' }).first().click();
    await expect.poll(() => page.locator('[data-testid="inspector"] .id-input').inputValue()).toBe('proj');
    await page.locator('.react-flow__node[data-id="pop"]').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    const ids = await nodeIds(page);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });
});
