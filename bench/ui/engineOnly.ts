/**
 * The engine alone, without the app: the production web build's engine worker (dist-web) started
 * in a blank Chromium page, sent one example's `run` over the protocol, timed from the request to
 * `started` (build) and to `done` (build and run), with the worker thread's CPU seconds; beside it
 * the same worker code in a Node worker thread (test/worker's harness) and `snn run`'s timings.
 * It separates what the engine costs in Chromium's worker from what the page adds (bench:ui).
 *
 *   npx tsx bench/ui/engineOnly.ts [--example brunel-ai] [--repeats 2] [--no-node]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { cpuBetween, threadCpu } from './threadCpu';

const ROOT = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const EXAMPLE = flag('--example', 'brunel-ai');
const REPEATS = Number(flag('--repeats', '2'));

interface Timing {
  readonly buildMs: number;
  readonly totalMs: number;
  readonly batches: number;
  readonly batchBytes: number;
}

function documentOf(name: string): unknown {
  return (JSON.parse(readFileSync(resolve(ROOT, 'resources/examples', `${name}.snn`), 'utf8')) as { document: unknown }).document;
}

/** Runs `doc` once in the page's engine worker (a plain module Worker of dist-web's entry bundle). */
const PAGE_RUN = `async ({ url, doc, id }) => {
  const w = globalThis.__engine ??= new Worker(url, { type: 'module' });
  return await new Promise((ok, fail) => {
    const t0 = performance.now();
    let started = null, batches = 0, bytes = 0;
    w.onmessage = (m) => {
      const e = m.data;
      if (e.id !== id) return;
      if (e.type === 'started') started = performance.now();
      else if (e.type === 'batch') {
        batches++;
        for (const s of e.batch.spikes) bytes += s.steps.byteLength + s.ids.byteLength;
        for (const c of e.batch.counts) bytes += c.counts.byteLength;
        for (const t of e.batch.traces) bytes += t.values.byteLength;
      } else if (e.type === 'done') ok({ buildMs: started - t0, totalMs: performance.now() - t0, batches, batchBytes: bytes });
      else if (e.type === 'error') fail(new Error(e.message));
    };
    w.postMessage({ type: 'run', id, document: doc, options: {} });
  });
}`;

async function inChromium(doc: unknown): Promise<void> {
  const entry = readdirSync(resolve(ROOT, 'dist-web/assets')).find((f) => /^entry-.*\.js$/.test(f));
  if (!entry) throw new Error('no dist-web/assets/entry-*.js: run npm run build:web first');
  const { serveStatic } = await import('../../test/e2e/staticServer');
  const server = await serveStatic(resolve(ROOT, 'dist-web'));
  const browser = await chromium.launch({ executablePath: process.env.SNN_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', ...(process.env.SNN_CHROMIUM_FLAGS?.split(' ') ?? [])] });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}favicon.svg`).catch(() => page.goto(server.url));
    for (let i = 1; i <= REPEATS; i++) {
      const cpu0 = threadCpu();
      const t = (await page.evaluate(`(${PAGE_RUN})(${JSON.stringify({ url: `${server.url}assets/${entry}`, doc, id: i })})`)) as Timing;
      const used = cpuBetween(cpu0, threadCpu(), 0);
      const worker = used.filter((x) => x.name === 'DedicatedWorker').reduce((a, x) => a + x.cpuS, 0);
      const other = used.filter((x) => x.name !== 'DedicatedWorker').slice(0, 4).map((x) => `${x.name} ${x.cpuS.toFixed(2)}`).join(', ');
      console.log(`chromium worker run ${i}: build ${t.buildMs.toFixed(0)} ms, total ${t.totalMs.toFixed(0)} ms, ${t.batches} batches (${(t.batchBytes / 1e6).toFixed(1)} MB); CPU s worker ${worker.toFixed(2)}; others ${other}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

async function inNode(doc: unknown): Promise<void> {
  const { EngineHarness } = await import('../../test/worker/harness');
  const engine = new EngineHarness();
  try {
    for (let i = 1; i <= REPEATS; i++) {
      const t0 = performance.now();
      let started = 0;
      let batches = 0;
      const l = (e: { type: string; id: number }): void => {
        if (e.type === 'started') started = performance.now();
        if (e.type === 'batch') batches++;
      };
      engine.worker.on('message', l);
      const cpu0 = process.cpuUsage();
      const id = engine.send({ type: 'run', document: doc, options: {} });
      await engine.waitFor((e) => e.id === id && (e.type === 'done' || e.type === 'error'), 600_000);
      const cpu = process.cpuUsage(cpu0);
      engine.worker.off('message', l);
      console.log(`node worker run ${i}: build ${(started - t0).toFixed(0)} ms, total ${(performance.now() - t0).toFixed(0)} ms, ${batches} batches; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
    }
  } finally {
    await engine.terminate();
  }
}

const doc = documentOf(EXAMPLE);
await inChromium(doc);
if (!args.includes('--no-node')) await inNode(doc);
