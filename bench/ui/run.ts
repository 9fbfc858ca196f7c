/**
 * UI benchmark (issue 13, "shows the run as it happens"). Not a test: it prints numbers.
 *
 * For every bundled example (resources/examples/*.snn), in Chromium (headless, 1366×768, the
 * production web build), at Max speed: open the example in a fresh page, press Run, and read
 * from the page (bench/ui/pageProbe.ts) the build time, the time from the end of the build to
 * the first spikes drawn, the intervals between raster redraws, and the run's total time in the
 * app; beside them the CLI's wall_s (`snn run FILE`, summary.json) for the same file and the
 * ratio (the CLI runs right after the app's runs of that file, so both see about the same load on
 * a shared machine). A second Run in the same page shows what the first Run's fixed cost was.
 * The table's last column is the CPU time of the first run (Linux /proc, bench/ui/threadCpu.ts):
 * the engine's worker thread and all other threads of the browser together. On a shared machine
 * the browser (its own session, so its own scheduler group) gets a share of the CPU, not a core:
 * the app's wall time then follows worker + page CPU, where the CLI's follows its own CPU alone.
 * --cpu prints the busiest threads per run and the CPU of a second CLI process.
 *
 *   npm run bench:ui -- [--skip-build] [--only brunel-ai,05-ei-balanced] [--no-cli] [--out bench/ui/results.json]
 *                       [--trace DIR [--no-samples]] [--cpu] [--no-minify] [--dist DIR]
 *
 * --trace DIR records a Chromium trace (with V8 CPU samples of the page and the engine worker) of
 * each example's two runs into DIR/<example>.json; `tsx bench/ui/traceSummary.ts FILE` prints
 * where each thread's time went, `tsx bench/ui/traceTimeline.ts FILE` what each thread did during one
 * run (task by task, with CPU time) and `tsx bench/ui/traceTimeline.ts DIR/*.json --brief` the CPU
 * of the worker and the page per run. --no-samples leaves V8's sampling profiler out of the trace
 * (it logs every function compiled, which makes a first run look colder than it is); the tasks'
 * CPU times stay. --no-minify builds the app unminified, so the profiles name
 * the functions.
 *
 * Goals: first spike <= 300 ms after the build, redraw interval <= 250 ms, app run <= 1.3 × CLI.
 * The machine may be shared: the load average is printed and stored with the results.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { cpuBetween, threadCpu } from './threadCpu';
import { PROBE_SCRIPT, readProbe, resetProbe, timingsOf, type RunTimings } from './pageProbe';

const ROOT = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const OUT = resolve(ROOT, flag('--out') ?? 'bench/ui/results.json');
const ONLY = flag('--only')?.split(',').map((s) => s.replace(/\.snn$/, ''));
const TRACE_DIR = flag('--trace');
const GOALS = { firstSpikeMs: 300, redrawMs: 250, ratio: 1.3 } as const;
const VIEWPORT = { width: 1366, height: 768 };
/** Trace categories: task timing per thread and V8's sampling profiler (page and workers alike). */
const TRACE_CATEGORIES = ['blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'toplevel'];
/** Longest a single run may take before the bench gives up on it. */
const RUN_TIMEOUT_MS = 600_000;

interface Row {
  readonly example: string;
  readonly cliWallS: number | null;
  readonly first: RunTimings;
  readonly second: RunTimings;
  /** CPU seconds of the first run: the engine's worker thread, and every other thread of the browser (the page's drawing). */
  readonly workerCpuS: number | null;
  readonly pageCpuS: number | null;
  readonly redrawMedianMs: number | null;
  readonly redrawMaxMs: number | null;
  readonly ratio: number | null;
  readonly secondRatio: number | null;
}

function examples(): string[] {
  const all = readdirSync(resolve(ROOT, 'resources/examples')).filter((f) => f.endsWith('.snn')).sort();
  return ONLY ? all.filter((f) => ONLY.includes(basename(f, '.snn'))) : all;
}

/** `snn run FILE`'s wall_s, and with --cpu the CPU seconds (user + system) its process used. */
function cliWall(file: string): number | null {
  const out = mkdtempSync(join(tmpdir(), 'snn-bench-ui-'));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/snn.mjs'), 'run', join(ROOT, 'resources/examples', file), '--out', out, '--quiet'], { encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
    if (r.status !== 0) {
      console.warn(`snn run ${file} failed: ${r.stderr.trim()}`);
      return null;
    }
    const wall = (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { wall_s: number }).wall_s;
    if (args.includes('--cpu')) {
      const t = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, join(ROOT, 'bin/snn.mjs'), 'run', join(ROOT, 'resources/examples', file), '--out', out, '--quiet'], { encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
      const [user, sys] = (t.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
      const wall2 = (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { wall_s: number }).wall_s;
      console.log(`    ${file} CLI: wall_s ${wall.toFixed(3)} then ${wall2.toFixed(3)}; second process CPU ${(user + sys).toFixed(2)} s (whole process, start-up included)`);
    }
    return wall;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

interface RunMeasure extends RunTimings {
  readonly workerCpuS: number | null;
  readonly pageCpuS: number | null;
}

async function runOnce(page: Page, label: string): Promise<RunMeasure> {
  await page.evaluate(resetProbe);
  const cpu0 = threadCpu();
  await page.getByTestId('run-start').click();
  await page.waitForFunction(() => {
    const s = (globalThis as unknown as { document: { querySelector(q: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="run-panel"]')?.getAttribute('data-status');
    return s === 'done' || s === 'error' || s === 'crashed' || s === 'stopped';
  }, undefined, { timeout: RUN_TIMEOUT_MS, polling: 100 });
  // The full-quality plots follow `done` by a task or two; give their draw time to land.
  await page.waitForSelector('[data-testid="plots"][data-live="no"]', { timeout: 60_000 });
  await page.waitForTimeout(300);
  const status = await page.getByTestId('run-panel').getAttribute('data-status');
  if (status !== 'done') throw new Error(`run ended ${status}: ${await page.getByTestId('run-message').textContent().catch(() => '')}`);
  const used = cpuBetween(cpu0, threadCpu(), 0);
  if (args.includes('--cpu')) {
    console.log(`    ${label} CPU s by thread: ${used.slice(0, 6).map((t) => `${t.process}/${t.name}${t.nice !== 0 ? ` (nice ${t.nice})` : ''} ${t.cpuS.toFixed(2)}`).join(', ')}`);
  }
  const worker = used.filter((t) => t.name === 'DedicatedWorker');
  const sum = (ts: readonly { cpuS: number }[]): number => ts.reduce((a, t) => a + t.cpuS, 0);
  return {
    ...timingsOf(await page.evaluate(readProbe)),
    workerCpuS: used.length > 0 ? sum(worker) : null,
    pageCpuS: used.length > 0 ? sum(used) - sum(worker) : null,
  };
}

const median = (xs: readonly number[]): number | null => (xs.length === 0 ? null : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const fmt = (x: number | null, digits = 0): string => (x === null ? '—' : x.toFixed(digits));

async function main(): Promise<void> {
  const files = examples();
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  const load0 = loadavg();
  console.log(`UI bench: ${files.length} examples, load average ${load0.map((x) => x.toFixed(2)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  // --dist DIR serves another build (e.g. one of the commit before a change, to compare alternately).
  const dist = flag('--dist');
  if (!args.includes('--skip-build') && !dist) {
    const { build } = await import('vite');
    // --no-minify: function names in --trace profiles (for reading them; the numbers are a minified build's otherwise).
    await build({ configFile: resolve(ROOT, 'vite.web.config.ts'), logLevel: 'warn', ...(args.includes('--no-minify') ? { build: { minify: false } } : {}) });
  }
  const { serveStatic } = await import('../../test/e2e/staticServer');
  const server = await serveStatic(dist ? resolve(dist) : resolve(ROOT, 'dist-web'));
  const browser = await chromium.launch({
    executablePath: process.env.SNN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows: Row[] = [];
  try {
    for (const f of files) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript({ content: PROBE_SCRIPT });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.getByTestId(`example-${f}`).click();
      await page.waitForSelector('[data-testid="bottom-panel"][data-checked="yes"]');
      await page.getByRole('button', { name: 'Max', exact: true }).click();
      // Run is pressed when a user would, after the page has settled: the engine warmed up and the
      // plots' code compiled in the idle time after start (the marks say so), and the engine warmed
      // up on the opened example (snn-document-warm; a build from before that warm-up has no such
      // mark, so it is waited for a few seconds at most). The CLI's wall_s likewise leaves out its
      // process start and module loading.
      const marked = (names: readonly string[], timeout: number): Promise<boolean> => page.waitForFunction((want) => {
        const have = new Set((globalThis as unknown as { performance: { getEntriesByType(t: string): { name: string }[] } }).performance.getEntriesByType('mark').map((m) => m.name));
        return want.every((n) => have.has(n));
      }, names, { timeout, polling: 100 }).then(() => true, () => false);
      if (!(await marked(['snn-engine-warm', 'snn-plots-warm'], 30_000))) console.warn(`${f}: the page did not report its warm-up within 30 s; running anyway`);
      await marked(['snn-document-warm'], 5_000);
      if (TRACE_DIR) await browser.startTracing(page, { path: join(TRACE_DIR, `${basename(f, '.snn')}.json`), categories: args.includes('--no-samples') ? TRACE_CATEGORIES.filter((c) => !c.includes('cpu_profiler')) : TRACE_CATEGORIES });
      // The trace covers both runs: the second shows the fixed cost of a run on a warm page.
      let first: RunMeasure;
      let second: RunMeasure;
      try {
        first = await runOnce(page, `${f} 1st`);
        second = await runOnce(page, `${f} 2nd`);
      } finally {
        if (TRACE_DIR) await browser.stopTracing();
      }
      await context.close();
      if (errors.length > 0) console.warn(`${f}: page errors: ${errors.join('; ')}`);
      // Measured right after the app's runs, so both see about the same load on a shared machine.
      const wall = args.includes('--no-cli') ? null : cliWall(f);
      const row: Row = {
        example: basename(f, '.snn'), cliWallS: wall, first, second, workerCpuS: first.workerCpuS, pageCpuS: first.pageCpuS,
        redrawMedianMs: median(first.redrawIntervals), redrawMaxMs: first.redrawIntervals.length > 0 ? Math.max(...first.redrawIntervals) : null,
        ratio: wall !== null && first.totalMs !== null ? first.totalMs / 1000 / wall : null,
        secondRatio: wall !== null && second.totalMs !== null ? second.totalMs / 1000 / wall : null,
      };
      rows.push(row);
      console.log(`  ${row.example}: build ${fmt(first.buildMs)} ms, first spike +${fmt(first.firstSpikeMs)} ms, redraws ${first.redrawIntervals.length}, total ${fmt(first.totalMs)} ms (2nd run ${fmt(second.totalMs)} ms), CLI ${fmt(wall, 3)} s`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const load1 = loadavg();
  printTable(rows);
  console.log(`load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}`);
  writeFileSync(OUT, `${JSON.stringify({ when: new Date().toISOString(), loadBefore: load0, loadAfter: load1, goals: GOALS, rows }, null, 2)}\n`);
  console.log(`wrote ${OUT}`);
}

function printTable(rows: readonly Row[]): void {
  const head = ['example', 'build ms', 'building shown', '1st spike ms', 'redraw med/max ms', 'draw med ms', 'app run ms', '2nd run ms', 'CLI wall s', 'ratio', '2nd ratio', 'CPU s worker/page'];
  const body = rows.map((r) => [
    r.example, fmt(r.first.buildMs), r.first.sawBuilding ? `yes (${r.first.buildSteps})` : 'no',
    `${fmt(r.first.firstSpikeMs)}${r.first.firstSpikeMs !== null && r.first.firstSpikeMs > GOALS.firstSpikeMs ? ' !' : ''}${r.first.firstSpikeLive ? '' : ' (at end)'}`,
    `${fmt(r.redrawMedianMs)}/${fmt(r.redrawMaxMs)}${r.redrawMedianMs !== null && r.redrawMedianMs > GOALS.redrawMs ? ' !' : ''}`, fmt(median(r.first.liveDrawMs)),
    fmt(r.first.totalMs), fmt(r.second.totalMs), fmt(r.cliWallS, 3),
    `${fmt(r.ratio, 2)}${r.ratio !== null && r.ratio > GOALS.ratio ? ' !' : ''}`, fmt(r.secondRatio, 2), `${fmt(r.workerCpuS, 2)}/${fmt(r.pageCpuS, 2)}`,
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...body.map((b) => b[k].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, k) => c.padEnd(widths[k])).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log(`goals: first spike <= ${GOALS.firstSpikeMs} ms after the build, median redraw interval <= ${GOALS.redrawMs} ms, app run <= ${GOALS.ratio} × CLI wall_s; '!' marks a miss`);
}

await main();
