/**
 * Streaming benchmark (issue 5). Not a test: it prints numbers.
 *  1. Live streaming cost: the same network run headless in-process (build, instantiate, advance)
 *     and through the engine host in a worker thread with every monitor batch transferred to the
 *     main thread and joined there (what the app does), wall time from request to done.
 *  2. Raster redraw at 1M spikes in Chromium: the app's raster shaping + ECharts options, timed
 *     from data to the next painted frame, in the default density mode and in the all-points mode.
 *
 *   npx tsx bench/streaming/run.ts [--network brette-cuba] [--duration-ms 1000] [--repeats 3] [--no-browser]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/engine/build';
import { typedBackend } from '../../src/engine/backends/typed';
import { ResultsAccumulator } from '../../src/shared/resultsAccumulator';
import { EngineHarness } from '../../test/worker/harness';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const NETWORK = flag('--network', 'brette-cuba');
const DURATION_MS = Number(flag('--duration-ms', '1000'));
const REPEATS = Number(flag('--repeats', '3'));
const BROWSER = !args.includes('--no-browser');

function loadDocument(name: string): unknown {
  const text = readFileSync(fileURLToPath(new URL(`../../resources/examples/${name}.snn`, import.meta.url)), 'utf8');
  return (JSON.parse(text) as { document: unknown }).document;
}

async function headless(doc: unknown): Promise<{ ms: number; spikes: number }> {
  const t0 = performance.now();
  const { ir, problems } = build(doc, { durationMs: DURATION_MS });
  if (!ir) throw new Error(problems.map((p) => p.message).join('\n'));
  const inst = await typedBackend.instantiate(ir);
  const acc = new ResultsAccumulator();
  acc.add(await inst.advance(ir.steps));
  const r = acc.results({ dt: ir.dt, seed: ir.seed, backend: inst.name });
  inst.dispose();
  return { ms: performance.now() - t0, spikes: r.spikes.reduce((a, s) => a + s.steps.length, 0) };
}

async function streamed(engine: EngineHarness, doc: unknown): Promise<{ ms: number; spikes: number; batches: number }> {
  const acc = new ResultsAccumulator();
  let batches = 0;
  const listener = (e: { type: string; batch?: never }): void => {
    if (e.type === 'batch' && e.batch) {
      acc.add(e.batch);
      batches++;
    }
  };
  engine.worker.on('message', listener);
  const t0 = performance.now();
  const id = engine.send({ type: 'run', document: doc, options: { durationMs: DURATION_MS } });
  const done = await engine.waitFor((e) => e.id === id && (e.type === 'done' || e.type === 'error'), 600_000);
  const ms = performance.now() - t0;
  engine.worker.off('message', listener);
  if (done.type === 'error') throw new Error(done.message);
  const r = acc.results({ dt: 0.1, seed: 0, backend: 'typed' });
  return { ms, spikes: r.spikes.reduce((a, s) => a + s.steps.length, 0), batches };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function streamingOverhead(): Promise<void> {
  const doc = loadDocument(NETWORK);
  const engine = new EngineHarness();
  // Warm up both paths once (JIT, worker start-up) so the timings compare steady states.
  await headless(doc);
  await streamed(engine, doc);
  const h: number[] = [];
  const s: number[] = [];
  let spikes = 0;
  let batches = 0;
  for (let i = 0; i < REPEATS; i++) {
    const a = await headless(doc);
    const b = await streamed(engine, doc);
    if (a.spikes !== b.spikes) throw new Error(`streamed run saw ${b.spikes} spikes, headless ${a.spikes}: the runs differ`);
    h.push(a.ms);
    s.push(b.ms);
    spikes = a.spikes;
    batches = b.batches;
  }
  await engine.terminate();
  const overhead = (median(s) / median(h) - 1) * 100;
  console.log(`Live streaming cost — ${NETWORK}, ${DURATION_MS} ms simulated, ${spikes} spikes, ${batches} batches, ${REPEATS} alternating repeats (median):`);
  console.log(`  headless in-process: ${median(h).toFixed(0)} ms   [${h.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`  worker + batches:    ${median(s).toFixed(0)} ms   [${s.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`  overhead: ${overhead.toFixed(1)} % (goal < 10 %)`);
}

async function rasterRedraw(): Promise<void> {
  const { build: viteBuild } = await import('vite');
  const { chromium } = await import('playwright-core');
  const { serveStatic } = await import('../../test/e2e/staticServer');
  const root = fileURLToPath(new URL('./page', import.meta.url));
  const outDir = join(tmpdir(), 'snn-raster-bench');
  await viteBuild({ root, base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({
    executablePath: process.env.SNN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 600 } });
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'ready');
    type Row = Record<string, number | string>;
    const run = (spikes: number, threshold?: number): Promise<Row> =>
      page.evaluate(([n, t]) => (globalThis as unknown as { bench(n: number, t?: number): Promise<Row> }).bench(n, t ?? undefined), [spikes, threshold ?? null] as const);
    await run(100_000); // warm-up
    console.log('Raster redraw in Chromium (shape + draw to the next frame; then a zoom):');
    for (const [spikes, threshold, label] of [[1_000_000, undefined, 'default (density above 100k)'], [1_000_000, Infinity, 'all points'], [100_000, undefined, 'points at the threshold']] as const) {
      const rows: Row[] = [];
      for (let i = 0; i < 3; i++) rows.push(await run(spikes, threshold));
      const m = (k: string): string => median(rows.map((r) => Number(r[k]))).toFixed(0);
      console.log(`  ${spikes.toLocaleString('en')} spikes, ${label}: mode ${rows[0].mode}, total ${m('totalMs')} ms (shape ${m('shapeMs')}, draw ${m('drawMs')}), zoom ${m('zoomMs')} ms (goal < 500 ms)`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await streamingOverhead();
if (BROWSER) await rasterRedraw();
