/**
 * Your own models in Chromium at 1366×768 (issue 16): type a model in the model editor with a
 * wrong unit, see the error at its line, fix it by keyboard, save it (Ctrl+Enter), use it in a
 * small network, run, save the project, reopen it and run again with identical spikes. Also:
 * Esc with unsaved edits asks first; a model in use cannot be deleted; .snnmodel export and import.
 * A synapse model typed as text: its error at its line, then used on a projection, run, and the
 * same spikes as the bundled Alpha it retypes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropFromPalette, HAS_CHROMIUM, jsErrors, launch, newContext, nodeIds, openApp, settled, wire } from './browser';

const VIEWPORT = { width: 1366, height: 768 };

/** Typed line by line; line 9 has the wrong unit (a current for the voltage V). */
const TYPED = [
  'model MyLIF',
  'param V_rest = -65 mV',
  'param V_th = -50 mV',
  'param V_reset = -65 mV',
  'param tau = 10 ms',
  'param R = 10 Mohm',
  'input I : nA',
  'dV/dt = (-(V - V_rest) + R*I) / tau : mV (exact)',
  'init V = -65 nA',
  'threshold V >= V_th',
  'reset V = V_reset',
];
const TYPO_LINE = 9;

async function download(page: Page, testId: string, path?: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  if (path) await dl.saveAs(path);
  return readFileSync(path ?? (await dl.path())!, 'utf8');
}

async function runToEnd(page: Page): Promise<string> {
  await page.getByTestId('run-start').click();
  await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="plots"][data-live="no"]');
  return download(page, 'export-raster-csv');
}

describe.skipIf(!HAS_CHROMIUM)('custom models', () => {
  let browser: Browser;
  let context: BrowserContext;
  let dir: string;
  const dialogs: string[] = [];
  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser, VIEWPORT);
    dir = mkdtempSync(join(tmpdir(), 'snn-model-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('type a model, see the wrong unit at its line, fix it, run it, save, reopen and run again with identical spikes', async () => {
    const page = await openApp(context, inject('baseUrl'));
    page.on('dialog', (d) => dialogs.push(d.message()));
    await page.getByTestId('new').click();
    await page.getByTestId('palette-new-model').click();
    const editor = page.getByTestId('model-editor');
    await editor.waitFor();
    // the whole dialog fits the 1366×768 window
    const box = (await editor.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(await page.getByTestId('model-name').inputValue()).toBe('MyLIF');

    const source = page.getByTestId('model-source');
    await source.fill('');
    await source.pressSequentially(`${TYPED.join('\n')}\n`);
    const problem = page.locator('[data-testid="model-problems"] li').first();
    await expect.poll(() => problem.getAttribute('data-line'), { timeout: 10_000 }).toBe(String(TYPO_LINE));
    expect(await problem.textContent()).toMatch(/line 9, column 10.*initial value of V is current, but V is voltage/);
    expect(await page.locator(`.code-gutter [data-line="${TYPO_LINE}"]`).getAttribute('class')).toBe('code-line-bad');
    expect(await page.getByTestId('model-status').textContent()).toBe('1 problem');

    // Save is refused while there is a problem
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('model-note').textContent()).toMatch(/Fix the problems/);
    expect(await editor.isVisible()).toBe(true);

    // a click on the problem puts the caret at line 9, column 10; the unit is retyped there
    await problem.locator('button').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('mV');
    await expect.poll(() => page.getByTestId('model-status').textContent()).toMatch(/^No problems\. parameters: V_rest, V_th, V_reset, tau, R · inputs: I · states: V/);
    await page.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'hidden' });

    // the model is in the palette; build drive -> MyLIF -> spikes
    await dropFromPalette(page, 'palette-input-constant', 80, 80);
    await dropFromPalette(page, 'palette-population-MyLIF', 360, 120);
    await dropFromPalette(page, 'palette-monitor-spikes', 640, 120);
    await wire(page, 'drive', 'pop');
    await wire(page, 'pop', 'spikes');
    await settled(page);
    expect(await page.locator('[data-testid="bottom-panel"] .sev-error').count()).toBe(0);
    await page.locator('.react-flow__node[data-id="pop"]').click();
    expect(await page.getByTestId('inspector-edit-model').textContent()).toBe('Edit model MyLIF…');

    const first = await runToEnd(page);
    const rows = first.trim().split('\n');
    expect(rows[0]).toBe('population,neuron,time_ms');
    // 2 nA into 10 MOhm: V_inf = -45 mV, 5 mV above threshold, so the closed form's period is
    // T = tau · ln(R·I / (R·I - (V_th - V_rest))) = 10 ms · ln(20/5) = 13.863 ms. Exact integration
    // on a 0.1 ms grid spikes on the first step at or after the crossing: within one dt of k·T.
    const T = 10 * Math.log(20 / 5);
    // every neuron of the population gets the same drive: neuron 0 stands for all
    const times = rows.slice(1).map((r) => r.split(',')).filter((r) => r[1] === '0').map((r) => Number(r[2]));
    expect(times[0]).toBeGreaterThanOrEqual(T - 0.1);
    expect(times[0]).toBeLessThanOrEqual(T + 0.1 + 1e-9);
    expect(times.length).toBeGreaterThanOrEqual(Math.floor(500 / (T + 0.1)));
    expect(times.length).toBeLessThanOrEqual(Math.floor(500 / T));

    const saved = await download(page, 'save', join(dir, 'mine.snn'));
    const file = JSON.parse(saved);
    expect(file.version).toBe(2);
    expect(file.document.customModels[0].name).toBe('MyLIF');
    expect(file.document.customModels[0].source).toContain('init V = -65 mV');
    expect(file.document.customModels[0].parsed.states).toEqual({ V: 'voltage' });

    await page.reload();
    await page.waitForSelector('[data-testid="start-open"]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('start-open').click()]);
    await chooser.setFiles(join(dir, 'mine.snn'));
    await page.waitForSelector('.react-flow__node[data-id="spikes"]');
    expect(await nodeIds(page)).toEqual(['drive', 'pop', 'spikes']);
    await page.getByTestId('palette-population-MyLIF').waitFor();
    const again = await runToEnd(page);
    expect(again).toBe(first);
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('Esc asks before dropping edits; a model in use is not deleted; .snnmodel export and import', async () => {
    const page = await openApp(context, inject('baseUrl'));
    dialogs.length = 0;
    page.on('dialog', (d) => dialogs.push(d.message()));
    await page.getByTestId('new').click();
    await dropFromPalette(page, 'palette-population-AdExIF', 300, 120);
    await page.locator('.react-flow__node[data-id="pop"]').click();
    await page.getByTestId('inspector-copy-model').click();
    expect(await page.getByTestId('model-name').inputValue()).toBe('MyAdExIF');
    expect(await page.getByTestId('model-source').inputValue()).toMatch(/^model MyAdExIF\n/);
    // an unedited copy closes without a question
    await page.keyboard.press('Escape');
    await page.getByTestId('model-editor').waitFor({ state: 'hidden' });
    expect(dialogs).toEqual([]);

    await page.getByTestId('inspector-copy-model').click();
    await page.getByTestId('model-source').press('End');
    await page.keyboard.type('\n# my change');
    await page.keyboard.press('Escape');
    await page.getByTestId('model-editor').waitFor({ state: 'hidden' }); // the question was answered yes
    expect(dialogs).toEqual(['Discard the unsaved edits to MyAdExIF?']);

    // save a copy, use it, then try to delete it
    await page.getByTestId('inspector-copy-model').click();
    await page.getByTestId('model-save').click();
    await page.getByTestId('model-editor').waitFor({ state: 'hidden' });
    await page.locator('.react-flow__node[data-id="pop"]').click();
    await page.locator('[data-testid="inspector"] [data-field="model"]').selectOption('MyAdExIF');
    await page.getByTestId('palette-edit-MyAdExIF').click();
    await page.getByTestId('model-delete').click();
    expect(await page.getByTestId('model-note').textContent()).toBe('MyAdExIF cannot be deleted: population "pop" uses it. Give it another model first.');

    const exported = JSON.parse(await download(page, 'model-export'));
    expect(exported).toMatchObject({ format: 'snn-studio-model', version: 1, name: 'MyAdExIF' });
    await page.getByTestId('model-cancel').click();

    // importing it again: the name is taken, so the editor says so until it is renamed
    const path = join(dir, 'MyAdExIF.snnmodel');
    writeFileSync(path, JSON.stringify(exported));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('palette-import-model').click()]);
    await chooser.setFiles(path);
    await page.getByTestId('model-editor').waitFor();
    await expect.poll(() => page.locator('[data-testid="model-problems"] li').first().textContent()).toMatch(/already called "MyAdExIF"/);
    await page.getByTestId('model-name').fill('Shared');
    await expect.poll(() => page.getByTestId('model-status').textContent()).toMatch(/^No problems/);
    expect(await page.getByTestId('model-source').inputValue()).toMatch(/^model Shared\n/);
    await page.getByTestId('model-save').click();
    await page.getByTestId('palette-population-Shared').waitFor();

    // a file that is not a model is refused with its reason
    const bad = join(dir, 'bad.snnmodel');
    writeFileSync(bad, '{"format": "snn-studio", "version": 1, "document": {}}');
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('palette-import-model').click()]);
    await chooser2.setFiles(bad);
    await page.getByText('bad.snnmodel could not be imported: This is a project (.snn), not a model file').waitFor();
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('type a synapse model, fix the error at its line, use it on a projection: the spikes of the bundled Alpha', async () => {
    const page = await openApp(context, inject('baseUrl'));
    page.on('dialog', (d) => dialogs.push(d.message()));
    await page.getByTestId('new').click();
    await page.getByTestId('palette-new-synapse').click();
    const editor = page.getByTestId('model-editor');
    await editor.waitFor();
    expect(await page.getByTestId('model-name').inputValue()).toBe('MyExpon');
    expect(await page.getByTestId('model-source').inputValue()).toMatch(/^synapse MyExpon\n/);
    await page.getByTestId('model-syntax-synapse').waitFor();
    const source = page.getByTestId('model-source');
    await source.fill('');
    // line 5 adds a time to the dimensionless h (states and w are in the weight's unit)
    await source.pressSequentially(['synapse MyAlpha', 'param tau = 5 ms', 'dh/dt = -h / tau : 1 (rk4)', 'dg/dt = (-g + h) / tau : 1 (rk4)', 'on_pre h += w * 1 ms', 'output g'].join('\n'));
    const problem = page.locator('[data-testid="model-problems"] li').first();
    await expect.poll(() => problem.getAttribute('data-line'), { timeout: 10_000 }).toBe('5');
    expect(await problem.textContent()).toMatch(/line 5, column 15.*"h \+= …" needs a plain number \(the weight's unit, as w\) on the right, not time/);
    await problem.locator('button').click();
    await page.keyboard.press('End');
    for (let k = 0; k < ' * 1 ms'.length; k++) await page.keyboard.press('Backspace');
    await expect.poll(() => page.getByTestId('model-status').textContent()).toBe('No problems. parameters: tau · states: h, g');
    expect(await page.getByTestId('model-name').inputValue()).toBe('MyAlpha');
    await page.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'hidden' });
    await page.getByTestId('palette-synapse-MyAlpha').waitFor();

    // drive -> pop -> proj -> pop2 -> spikes, the projection on MyAlpha with a strong weight
    await dropFromPalette(page, 'palette-input-constant', 80, 80);
    await dropFromPalette(page, 'palette-population-LIF', 300, 80);
    await dropFromPalette(page, 'palette-projection', 300, 300);
    await dropFromPalette(page, 'palette-population-LIF', 560, 300);
    await dropFromPalette(page, 'palette-monitor-spikes', 800, 300);
    await wire(page, 'drive', 'pop');
    await wire(page, 'pop', 'proj');
    await wire(page, 'proj', 'pop2');
    await wire(page, 'pop2', 'spikes');
    await page.locator('.react-flow__node[data-id="proj"]').click();
    const inspector = page.getByTestId('inspector');
    await inspector.locator('[data-field="synapse.model"]').selectOption('MyAlpha');
    expect(await page.getByTestId('inspector-edit-model').textContent()).toBe('Edit model MyAlpha…');
    await inspector.locator('[data-field="synapse.tau"]').waitFor();
    const weight = inspector.locator('[data-field="weight"]');
    await weight.fill('20 nA');
    await weight.press('Enter');
    await settled(page);
    expect(await page.locator('[data-testid="bottom-panel"] .sev-error').count()).toBe(0);
    const custom = await runToEnd(page);
    const rows = custom.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);

    await page.locator('.react-flow__node[data-id="proj"]').click();
    await inspector.locator('[data-field="synapse.model"]').selectOption('Alpha');
    await inspector.locator('[data-field="synapse.tau"]').fill('5 ms');
    await inspector.locator('[data-field="synapse.tau"]').press('Enter');
    await settled(page);
    const bundled = await runToEnd(page);
    expect(custom).toBe(bundled);
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });
});
