/**
 * The run as it happens (issue 13), for every bundled example at Max speed in Chromium: the
 * progress line shows "building" with a moving fraction while a big network is built, spikes
 * reach the raster while a run longer than a second is still going, and the speed readout is
 * simulated time over the same wall time as "took". Checks wait for states, never for times: a
 * loaded machine makes runs slower, not these checks wrong. The time from the end of the build to
 * the first spikes drawn is printed (the numbers belong to `npm run bench:ui`).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HAS_CHROMIUM, jsErrors, launch, newContext, openApp } from './browser';
import { PROBE_SCRIPT, readProbe, timingsOf, type ProbeRecord } from '../../bench/ui/pageProbe';
import { build } from '../../src/engine/build';
import { expectedSynapses } from '../../src/engine/build/memory';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = readdirSync(resolve(ROOT, 'resources/examples')).filter((f) => f.endsWith('.snn')).sort();
/** A network with this many synapses takes long enough to build that its progress must show. */
const LONG_BUILD_SYNAPSES = 1_000_000;
/** A run that lasted longer than this (from built to done) must have drawn spikes while live. */
const LIVE_RUN_MS = 1000;

/** Synapses the example's network will have (the build's own estimate). */
function synapsesOf(file: string): number {
  const doc = (JSON.parse(readFileSync(resolve(ROOT, 'resources/examples', file), 'utf8')) as { document: unknown }).document;
  const { ir } = build(doc);
  if (!ir) throw new Error(`${file} does not build`);
  return ir.projections.reduce((a, p) => a + expectedSynapses(p, ir.populations), 0);
}

const markAt = (r: ProbeRecord, name: string): number => {
  const m = r.marks.find((x) => x.name === name);
  if (!m) throw new Error(`no performance mark ${name}: marks ${r.marks.map((x) => x.name).join(', ')}`);
  return m.t;
};

/** Seconds or ms as the run panel formats them (formatMs). */
function parseMs(text: string): number {
  const m = /([\d.]+)\s*(ms|s)\b/.exec(text);
  if (!m) throw new Error(`no time in "${text}"`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

describe.skipIf(!HAS_CHROMIUM)('live runs of every example', () => {
  let browser: Browser;
  const firstSpikes: string[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    console.log(`time from the end of the build to the first spikes drawn (ms, Max speed):\n  ${firstSpikes.join('\n  ')}`);
    await browser?.close();
  });

  it.each(EXAMPLES)('%s: builds visibly, draws spikes while it runs, and reports one consistent speed', async (file) => {
    const context = await newContext(browser, { width: 1366, height: 768 });
    await context.addInitScript({ content: PROBE_SCRIPT });
    let page: Page | null = null;
    try {
      page = await openApp(context, inject('baseUrl'));
      await page.getByTestId(`example-${file}`).click();
      await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
      await page.getByRole('button', { name: 'Max', exact: true }).click();
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="run-panel"][data-status="done"]', { timeout: 600_000 });
      await page.waitForSelector('[data-testid="plots"][data-live="no"]', { timeout: 60_000 });
      const record = await page.evaluate(readProbe);
      const t = timingsOf(record);
      const started = markAt(record, 'snn-run-started');
      const done = markAt(record, 'snn-run-done');
      const runMs = done - started;

      // Building: shown from Run on; a big network shows its progress moving.
      const building = record.states.filter((s) => s.phase === 'building');
      if (synapsesOf(file) >= LONG_BUILD_SYNAPSES) {
        expect(building.length, 'the progress line showed "building"').toBeGreaterThan(0);
        expect(t.buildSteps, 'distinct build fractions shown').toBeGreaterThanOrEqual(2);
        // Moving forward: the page samples the line at its own pace, so how far it saw the
        // fraction get before the run began depends on the machine (0.48 in one CI run); it must grow.
        const fractions = building.map((s) => s.buildFraction);
        expect(Math.max(...fractions)).toBeGreaterThan(Math.min(...fractions));
        expect(building.every((s) => s.status === 'running')).toBe(true);
      }
      // The last raster draw shows what the statistics count (03's raster has no spikes at all).
      const finalSpikes = Number(await page.getByTestId('plots').getAttribute('data-spikes'));
      const last = record.redraws[record.redraws.length - 1];
      expect(last, 'the raster was drawn').toBeDefined();
      expect(last.spikes).toBe(finalSpikes);
      // Live: a run with spikes lasting over a second drew some of them before it was done.
      const liveSpikes = record.redraws.filter((d) => d.live && d.spikes > 0 && d.t < done);
      if (runMs > LIVE_RUN_MS && finalSpikes > 0) expect(liveSpikes.length, `live raster draws with spikes during a ${runMs.toFixed(0)} ms run`).toBeGreaterThan(0);

      // One speed: "N× real time" is the simulated time over the wall time "took" shows.
      const simulated = parseMs(((await page.getByTestId('run-simulated').textContent()) ?? '').split('/')[0]);
      const took = parseMs((await page.getByTestId('run-took').textContent()) ?? '');
      const factor = Number(/([\d.]+)×/.exec((await page.getByTestId('run-speed').textContent()) ?? '')?.[1]);
      // The numbers are rounded for display: times to 0.1 ms (0.1 s from 10 s on), the factor to two decimals.
      const err = (ms: number): number => (ms >= 10_000 ? 50 : 0.05);
      const lo = (simulated - err(simulated)) / (took + err(took));
      const hi = (simulated + err(simulated)) / Math.max(1e-9, took - err(took));
      expect(factor).toBeGreaterThanOrEqual(Math.floor(lo * 100) / 100 - 0.005);
      expect(factor).toBeLessThanOrEqual(Math.ceil(hi * 100) / 100 + 0.005);

      firstSpikes.push(`${file.padEnd(28)} build ${t.buildMs?.toFixed(0)} ms, first spikes +${t.firstSpikeMs?.toFixed(0)} ms ${t.firstSpikeLive ? 'live' : 'at the end'}, run ${runMs.toFixed(0)} ms, ${t.redrawIntervals.length} redraws`);
      expect(jsErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 900_000);
});
