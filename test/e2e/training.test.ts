/**
 * Training in Chromium at 1366×768 (issue 18): open a network, mark its projections trainable,
 * add a latency task, train twelve epochs (a small configuration, about 10 s), see the curves get a point per
 * epoch, apply the weights, save, reopen the saved file, and the test accuracy recomputed from the
 * saved weights equals the saved one; the trained network then runs in the simulator.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { HAS_CHROMIUM, jsErrors, launch, newContext, openApp, settled } from './browser';

/** Written when SNN_SCREENSHOTS is set (docs); otherwise into the test's temporary folder. */
const SCREENSHOT = resolve(import.meta.dirname, '../../docs/screenshots/training.png');

const LIF = { R: '10 MOhm', V_reset: '-65 mV', V_rest: '-65 mV', V_th: '-50 mV', reset: 'hard', tau: '10 ms' };

/** in (SpikeTimes, 8) -> hid (LIF, 12) -> out (LIF, 3, threshold out of reach: read by its peak V), all-to-all Expon + CUBA; nothing trainable yet. */
const NETWORK = {
  format: 'snn-studio',
  version: 1,
  document: {
    simulation: { dt: '1 ms', duration: '30 ms', seed: 3, backend: 'typed' },
    nodes: [
      { id: 'in', kind: 'population', model: 'SpikeTimes', size: 8, params: { indices: 0, times: '0 ms' }, position: [0, 0] },
      { id: 'hid', kind: 'population', model: 'LIF', size: 12, params: LIF, init: { V: '-65 mV' }, position: [440, 0] },
      { id: 'out', kind: 'population', model: 'LIF', size: 3, params: { ...LIF, V_th: '1000 mV' }, init: { V: '-65 mV' }, position: [880, 0] },
      { id: 'in->hid', kind: 'projection', conn: { rule: 'all_to_all' }, weight: { dist: 'normal', mean: '0.5 nA', std: '3 nA' }, synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, position: [220, 0] },
      { id: 'hid->out', kind: 'projection', conn: { rule: 'all_to_all' }, weight: { dist: 'normal', mean: '0.2 nA', std: '1 nA' }, synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' }, position: [660, 0] },
      { id: 'out spikes', kind: 'monitor', record: 'spikes', position: [1100, 0] },
    ],
    wires: [
      { from: 'in', to: 'in->hid' }, { from: 'in->hid', to: 'hid' }, { from: 'hid', to: 'hid->out' }, { from: 'hid->out', to: 'out' }, { from: 'hid', to: 'out spikes' }, { from: 'out', to: 'out spikes' },
    ],
  },
};

async function openFile(page: Page, path: string): Promise<void> {
  await page.waitForSelector('[data-testid="start-open"]');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('start-open').click()]);
  await chooser.setFiles(path);
  await page.waitForSelector('.react-flow__node[data-id="out"]');
}

async function saveToFile(page: Page, path: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save').click()]);
  await download.saveAs(path);
  return readFileSync(path, 'utf8');
}

async function markTrainable(page: Page, id: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${id}"]`).click();
  const box = page.locator('[data-testid="inspector"] [data-testid="trainable"]');
  await box.check();
  await expect.poll(() => box.isChecked()).toBe(true);
}

/** Set a number field of the task form (the form commits each valid value). */
async function setField(page: Page, testId: string, value: string): Promise<void> {
  const f = page.getByTestId(testId);
  await f.fill(value);
  await expect.poll(() => f.inputValue()).toBe(value);
}

const pct = (text: string | null): number => Number(/([\d.]+) %/.exec(text ?? '')?.[1] ?? NaN);

describe.skipIf(!HAS_CHROMIUM)('training in the app', () => {
  let browser: Browser;
  let context: BrowserContext;
  let dir: string;
  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser, { width: 1366, height: 768 });
    await context.addInitScript({ content: "localStorage.setItem('snn-theme', 'light')" });
    dir = mkdtempSync(join(tmpdir(), 'snn-train-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks weights trainable, adds a task, trains, saves, reopens and gets the saved accuracy', async () => {
    const netPath = join(dir, 'net.snn');
    writeFileSync(netPath, JSON.stringify(NETWORK));
    const page = await openApp(context, inject('baseUrl'));
    await openFile(page, netPath);
    await settled(page);
    // No training offered before anything is trainable.
    expect(await page.getByTestId('dock-training').count()).toBe(0);
    await markTrainable(page, 'in->hid');
    await markTrainable(page, 'hid->out');

    await page.getByTestId('dock-training').click();
    await page.waitForSelector('[data-testid="training-panel"]');
    expect(await page.getByTestId('train-start').isDisabled()).toBe(true);
    await page.getByTestId('train-task-kind').selectOption('latency');
    // Sizes come from the input (8) and the readout (3); make the data set and the training small.
    expect(await page.getByTestId('train-units').inputValue()).toBe('8');
    expect(await page.getByTestId('train-classes').inputValue()).toBe('3');
    // Peak membrane potential of the readout (the form's default); spike counts of 3 neurons learn slowly.
    expect(await page.getByTestId('train-readout-kind').inputValue()).toBe('max_v');
    await setField(page, 'train-samplesPerClass', '40');
    await page.getByTestId('train-duration').fill('30 ms');
    await setField(page, 'train-epochs', '12');
    await setField(page, 'train-lr', '0.02');
    await setField(page, 'train-batch', '16');
    await page.getByTestId('train-add-task').click();
    await expect.poll(() => page.getByTestId('train-start').isDisabled()).toBe(false);
    await expect.poll(() => page.getByTestId('dirty').count()).toBe(1);

    await page.getByTestId('train-start').click();
    await page.waitForSelector('[data-testid="train-progress"][data-status="training"]');
    // Curves get a point per epoch while it trains. Two epochs may land in one render, so the
    // count is seen to be at least 1 (not exactly 1: it failed 1 run in 5 waiting for "1").
    await expect.poll(async () => {
      const points = Number(await page.getByTestId('train-curves').getAttribute('data-points'));
      const status = await page.getByTestId('train-progress').getAttribute('data-status');
      return status === 'training' ? points : 0;
    }, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
    await page.waitForSelector('[data-testid="train-progress"][data-status="finished"]', { timeout: 120_000 }).catch(async () => {
      throw new Error(`training did not finish: ${await page.getByTestId('training-panel').textContent()}`);
    });
    expect(await page.getByTestId('train-error').count()).toBe(0);
    // Twelve epochs, or fewer if the validation loss stopped improving (early stopping, patience 5).
    const epochs = Number(await page.getByTestId('train-curves').getAttribute('data-points'));
    expect(epochs).toBeGreaterThanOrEqual(6);
    expect(epochs).toBeLessThanOrEqual(12);
    expect(await page.getByTestId('train-epoch').textContent()).toBe(`epoch ${epochs}/12`);
    expect(await page.getByTestId('train-backend').textContent()).toMatch(/backend tfjs-(wasm|cpu)/);
    expect(await page.getByTestId('chart-train-after').count()).toBe(1);
    // The panel after training, with the dock given most of the height (as a class would look at it).
    await page.locator('#splitter-dock').focus();
    await page.keyboard.press('Home');
    await page.getByTestId('training-panel').hover({ position: { x: 5, y: 5 } });
    await page.screenshot({ path: process.env.SNN_SCREENSHOTS ? SCREENSHOT : join(dir, 'training.png') });
    const trainedAccuracy = pct(await page.getByTestId('train-test-accuracy').textContent());
    expect(trainedAccuracy).toBeGreaterThanOrEqual(0);

    // Nothing changed in the project until Apply; Apply is one undo step.
    const beforeApply = JSON.parse(await saveToFile(page, join(dir, 'before.snn'))) as { document: { training?: { history?: unknown[] }; nodes: Array<{ id: string; trained?: unknown }> } };
    expect(beforeApply.document.training?.history ?? []).toEqual([]);
    expect(beforeApply.document.nodes.every((n) => n.trained === undefined)).toBe(true);
    await page.getByTestId('train-apply').click();
    await page.waitForSelector('[data-testid="train-saved-accuracy"]');
    expect(pct(await page.getByTestId('train-saved-accuracy').textContent())).toBe(trainedAccuracy);
    await page.keyboard.press('Control+z');
    await page.waitForSelector('[data-testid="train-saved-accuracy"]', { state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector('[data-testid="train-saved-accuracy"]');
    
    const savedPath = join(dir, 'trained.snn');
    const saved = JSON.parse(await saveToFile(page, savedPath)) as { document: { training: { history: unknown[]; testAccuracy: number }; nodes: Array<{ id: string; trained?: { weights: number[]; epochs: number } }> } };
    expect(saved.document.training.history).toHaveLength(epochs);
    expect(100 * saved.document.training.testAccuracy).toBeCloseTo(trainedAccuracy, 1);
    expect(saved.document.nodes.find((n) => n.id === 'hid->out')?.trained?.weights).toHaveLength(36);

    // Reopen the saved file: the saved accuracy is shown and recomputed from the saved weights.
    await page.reload();
    await openFile(page, savedPath);
    await page.getByTestId('dock-training').click();
    await page.waitForSelector('[data-testid="train-saved-accuracy"]');
    expect(await page.getByTestId('train-curves').getAttribute('data-points')).toBe(String(epochs));
    await page.getByTestId('train-evaluate').click();
    await page.waitForSelector('[data-testid="train-recomputed-accuracy"]', { timeout: 120_000 }).catch(async () => {
      throw new Error(`no recomputed accuracy: ${await page.getByTestId('training-panel').textContent()}`);
    });
    const recomputed = await page.getByTestId('train-recomputed-accuracy').textContent();
    expect(recomputed).toBe(await page.getByTestId('train-saved-accuracy').textContent());
    expect(pct(recomputed)).toBeCloseTo(100 * saved.document.training.testAccuracy, 1);

    // The trained network runs in the simulator.
    await page.getByTestId('dock-run').click();
    await page.getByTestId('run-start').click();
    await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 120_000 });
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  }, 300_000);

  it('a reopened project whose task reads a data file names the file it lacks, refuses to train, and takes it when chosen again', async () => {
    // saved elsewhere: the project keeps the file's name only, and this session has not loaded it
    const withFile = structuredClone(NETWORK) as { document: { nodes: Array<Record<string, unknown>>; training?: unknown } };
    for (const n of withFile.document.nodes) if (n.kind === 'projection') n.trainable = true;
    withFile.document.training = { task: { kind: 'file', path: 'my-spikes.csv' }, input: 'in', readout: { population: 'out', kind: 'max_v' }, epochs: 1 };
    const netPath = join(dir, 'file-task.snn');
    writeFileSync(netPath, JSON.stringify(withFile));
    const page = await openApp(context, inject('baseUrl'));
    await openFile(page, netPath);
    await settled(page);
    await page.getByTestId('dock-training').click();
    await page.waitForSelector('[data-testid="training-panel"]');
    const name = page.getByTestId('train-file-name');
    expect(await name.textContent()).toBe('my-spikes.csv');
    expect(await name.getAttribute('data-missing')).toBe('yes');
    expect(await page.getByTestId('train-form').textContent()).toContain('not loaded in this session');
    await page.getByTestId('train-start').click();
    await page.waitForSelector('[data-testid="train-error"]');
    expect(await page.getByTestId('train-error').textContent()).toMatch(/"my-spikes\.csv" is not loaded in this session.*choose it again under Task/);
    expect(await page.getByTestId('train-progress').getAttribute('data-status')).toBe('failed');
    expect(await page.getByTestId('train-epoch').count()).toBe(0);
    // chosen again (here under the same name): the form says nothing is missing
    const csv = join(dir, 'my-spikes.csv');
    const rows = ['sample,time_ms,unit,label'];
    for (let s = 0; s < 30; s++) rows.push(`s${s},${2 + (s % 3) * 5},${s % 8},${s % 3}`);
    writeFileSync(csv, rows.join('\n') + '\n');
    await page.getByTestId('train-file').setInputFiles(csv);
    await expect.poll(() => name.getAttribute('data-missing')).toBe('no');
    expect(await page.getByTestId('train-form').textContent()).not.toContain('not loaded in this session');
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
