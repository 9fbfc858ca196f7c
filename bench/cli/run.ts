/**
 * Command-line start-up benchmark (issue 15). Not a test: it prints numbers.
 * Wall time of whole `snn` processes, as a user waits for them: `snn --help`, a run of the first
 * example (0.1 s of biological time, SVGs written), and two refusals (a file that is not JSON,
 * a file with a wrong unit). Each is run RUNS times; the table gives wall median and max, and
 * the median CPU time each process reports for itself, all threads and main thread (steadier
 * than wall time when the machine is shared). `node -e 0` is the floor (Node's own start-up).
 *
 *   npm run bench:cli                          (compiles the CLI first, then measures it)
 *   npx tsx bench/cli/run.ts [--runs 10] [--sources]
 *
 * --sources adds the same commands run through tsx from the TypeScript sources (SNN_CLI=sources),
 * the start-up the CLI had before it was compiled ahead of time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledCliState } from '../../bin/compiledCli.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'snn.mjs');
const EXAMPLE = join(ROOT, 'resources', 'examples', '01-single-lif.snn');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 10;
const SOURCES = args.includes('--sources');

interface Case {
  readonly name: string;
  readonly argv: readonly string[];
  /** Exit code the command must give, so a broken case is not timed as a fast one. */
  readonly exit: number;
  /** Text stderr or stdout must contain. */
  readonly expect: RegExp;
  /** Runs `node` itself rather than bin/snn.mjs. */
  readonly bare?: boolean;
}

function cases(dir: string): Case[] {
  const malformed = join(dir, 'malformed.snn');
  writeFileSync(malformed, readFileSync(EXAMPLE, 'utf8').slice(0, 400));
  const wrongUnit = join(dir, 'wrong-unit.snn');
  writeFileSync(wrongUnit, readFileSync(EXAMPLE, 'utf8').replace('"tau": "10 ms"', '"tau": "10 mV"'));
  return [
    { name: 'node -e 0 (floor)', argv: ['-e', '0'], exit: 0, expect: /^/, bare: true },
    { name: 'snn --help', argv: ['--help'], exit: 0, expect: /snn run <file\.snn>/ },
    { name: 'snn run 01-single-lif.snn', argv: ['run', EXAMPLE, '--out', join(dir, 'out'), '--quiet'], exit: 0, expect: /wrote summary\.json, raster\.svg/ },
    { name: 'refusal: malformed file', argv: ['run', malformed, '--out', join(dir, 'bad')], exit: 2, expect: /\[file_json\]/ },
    { name: 'refusal: wrong unit', argv: ['run', wrongUnit, '--out', join(dir, 'bad')], exit: 2, expect: /params\.tau \[wrong_dimension\]/ },
  ];
}

interface Row {
  readonly name: string;
  readonly route: string;
  readonly medianS: number;
  readonly maxS: number;
  /** Median CPU time (user + system) of the process, all threads: steadier than wall time on a busy machine. */
  readonly cpuS: number;
  /** Median CPU time of its main thread (NaN where /proc is missing). */
  readonly mainS: number;
}

/**
 * Preloaded into each child: on exit it reports its CPU time, all threads and (Linux, from
 * /proc) the main thread alone, as one line on stderr that is removed before the checks. The
 * main thread's time is what the wall time would be on an idle machine with a spare core for
 * V8's background compiler; on a shared machine wall time is mostly waiting for a core.
 */
const CPU_REPORT = [
  'data:text/javascript,import { readFileSync } from "node:fs";',
  'process.on("exit", () => {',
  '  const u = process.cpuUsage(); let main = -1;',
  '  try { const f = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" "); main = (Number(f[11]) + Number(f[12])) / 100; } catch {}',
  '  process.stderr.write(`\\nBENCH_CPU ${(u.user + u.system) / 1e6} ${main}\\n`);',
  '});',
].join('');
const CPU_LINE = /\nBENCH_CPU ([\d.]+) (-?[\d.]+)\n$/;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function timeCase(c: Case, sources: boolean): Row {
  const env = { ...process.env, SNN_CLI: sources ? 'sources' : '' };
  const times: number[] = [];
  const cpu: number[] = [];
  const main: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const argv = ['--import', CPU_REPORT, ...(c.bare ? c.argv : [BIN, ...c.argv])];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, argv, { encoding: 'utf8', env });
    times.push((performance.now() - t0) / 1000);
    const m = CPU_LINE.exec(r.stderr);
    if (m) {
      cpu.push(Number(m[1]));
      if (Number(m[2]) >= 0) main.push(Number(m[2]));
    }
    const stderr = r.stderr.replace(CPU_LINE, '');
    const text = `${r.stdout}${stderr}`;
    if (r.status !== c.exit || !c.expect.test(text)) throw new Error(`${c.name}: exit ${r.status} (want ${c.exit}); output:\n${text}`);
    if (!c.bare && !sources && /running the sources through tsx/.test(stderr)) throw new Error(`${c.name} ran the sources, not the compiled CLI:\n${stderr}`);
  }
  return { name: c.name, route: c.bare ? '-' : sources ? 'sources (tsx)' : 'compiled', medianS: median(times), maxS: Math.max(...times), cpuS: cpu.length === RUNS ? median(cpu) : Number.NaN, mainS: main.length === RUNS ? median(main) : Number.NaN };
}

function printTable(rows: readonly Row[]): void {
  const head = ['command', 'route', `wall median s (${RUNS} runs)`, 'wall max s', 'CPU median s', 'main thread CPU median s'];
  const body = rows.map((r) => [r.name, r.route, r.medianS.toFixed(3), r.maxS.toFixed(3), r.cpuS.toFixed(3), Number.isNaN(r.mainS) ? '-' : r.mainS.toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

const state = compiledCliState(ROOT);
if (!state.fresh) {
  console.error(`bench:cli: ${state.reason}; run 'npm run build:cli' first (npm run bench:cli does)`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'snn-bench-cli-'));
try {
  const rows: Row[] = [];
  const load = loadavg()[0];
  for (const c of cases(dir)) {
    rows.push(timeCase(c, false));
    if (SOURCES && !c.bare) rows.push(timeCase(c, true));
  }
  console.log(`Node ${process.version}, load average ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end\n`);
  printTable(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
