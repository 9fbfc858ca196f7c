/**
 * Wall ms of a live redraw of one chart in Chromium (bench/ui/livePage): each variant's 12
 * redraws of a brette-coba-like run, the variants interleaved, repeated; prints the median and
 * the median of the last four (the largest data) per variant, and the CPU ms per redraw of the
 * page's renderer process (/proc, threadCpu.ts; median over the repetitions): on a shared machine
 * the CPU, not the wall time, compares variants.
 *
 *   npx tsx bench/ui/liveDrawCost.ts [--reps 5]
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { cpuBetween, threadCpu } from './threadCpu';

const args = process.argv.slice(2);
const REPS = Number(args[args.indexOf('--reps') + 1] || 5);
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { build } = await import('vite');
const { serveStatic } = await import('../../test/e2e/staticServer');
const outDir = join(tmpdir(), 'snn-live-draw-cost');
await build({ root: fileURLToPath(new URL('./livePage', import.meta.url)), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await serveStatic(outDir);
const browser = await chromium.launch({ executablePath: process.env.SNN_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(server.url);
  await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'ready');
  const variants = await page.evaluate(() => (globalThis as unknown as { variants: string[] }).variants);
  const all = new Map<string, number[][]>(variants.map((v) => [v, []]));
  const cpu = new Map<string, number[]>(variants.map((v) => [v, []]));
  for (let rep = 0; rep <= REPS; rep++) {
    for (const v of variants) {
      const c0 = threadCpu();
      const ms = await page.evaluate((name) => (globalThis as unknown as { liveCost(v: string): Promise<number[]> }).liveCost(name), v);
      // Every thread of the page's renderer process (main thread, compositor, raster): CPU ms per redraw.
      const used = cpuBetween(c0, threadCpu(), 0).filter((t) => t.process === 'renderer').reduce((a, t) => a + t.cpuS, 0);
      if (rep > 0) {
        all.get(v)!.push(ms); // the first round warms the code up
        cpu.get(v)!.push((used * 1000) / ms.length);
      }
    }
  }
  for (const [v, reps] of all) {
    console.log(`${v.padEnd(22)} wall median ${median(reps.flat()).toFixed(1)} ms, last four ${median(reps.flatMap((r) => r.slice(-4))).toFixed(1)} ms; renderer CPU per redraw ${median(cpu.get(v)!).toFixed(1)} ms [${cpu.get(v)!.map((x) => x.toFixed(0)).join(' ')}]`);
  }
} finally {
  await browser.close();
  await server.close();
}
