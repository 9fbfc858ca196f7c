/**
 * Command-line start-up benchmark (issue 15). Not a test: it prints numbers.
 * Wall time of whole `snn` processes, as a user waits for them: `snn --help`, a run of the first
 * example (0.1 s of biological time, SVGs written), and two refusals (a file that is not JSON,
 * a file with a wrong unit). Each is run RUNS times; the table gives median and max. `node -e 0`
 * is the floor on this machine (Node's own start-up), printed first to show how loaded it is.
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
}

function timeCase(c: Case, sources: boolean): Row {
  const env = { ...process.env, SNN_CLI: sources ? 'sources' : '' };
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, c.bare ? [...c.argv] : [BIN, ...c.argv], { encoding: 'utf8', env });
    times.push((performance.now() - t0) / 1000);
    const text = `${r.stdout}${r.stderr}`;
    if (r.status !== c.exit || !c.expect.test(text)) throw new Error(`${c.name}: exit ${r.status} (want ${c.exit}); output:\n${text}`);
    if (!c.bare && !sources && /running the sources through tsx/.test(r.stderr)) throw new Error(`${c.name} ran the sources, not the compiled CLI:\n${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const medianS = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { name: c.name, route: c.bare ? '-' : sources ? 'sources (tsx)' : 'compiled', medianS, maxS: times[times.length - 1] };
}

function printTable(rows: readonly Row[]): void {
  const head = ['command', 'route', `median s (${RUNS} runs)`, 'max s'];
  const body = rows.map((r) => [r.name, r.route, r.medianS.toFixed(3), r.maxS.toFixed(3)]);
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
