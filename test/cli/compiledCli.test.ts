/**
 * The ahead-of-time compiled CLI: bin/compiledCli.mjs decides from build.json whether out/cli is
 * up to date (tested on a temporary tree with set mtimes), and scripts/build-cli.mjs keeps the
 * lazy imports lazy (tested on the output graph of a real build into a temporary folder) and
 * gives the same results as the sources (the compiled CLI run as a child process).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_DIR, STAMP_FORMAT, STAMP_NAME, compiledCliState } from '../../bin/compiledCli.mjs';
import { buildCli } from '../../scripts/build-cli.mjs';
import { main } from '../../src/cli/main';
import { lifDocument, tempDir, writeProject } from './fixtures';
import { memoryIo } from './memoryIo';

const ROOT = resolve(__dirname, '../..');
const BUILT_AT_MS = Date.UTC(2026, 0, 1);

/** A project tree with two sources, a compiled entry and a stamp listing the sources. */
function fakeProject(inputs = ['src/a.ts', 'src/b.ts']): string {
  const root = tempDir();
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, COMPILED_DIR), { recursive: true });
  for (const f of ['src/a.ts', 'src/b.ts', `${COMPILED_DIR}/snn.mjs`]) {
    writeFileSync(join(root, f), '');
    utimesSync(join(root, f), new Date(BUILT_AT_MS - 60_000), new Date(BUILT_AT_MS - 60_000));
  }
  writeFileSync(join(root, COMPILED_DIR, STAMP_NAME), JSON.stringify({ format: STAMP_FORMAT, builtAtMs: BUILT_AT_MS, inputs }));
  return root;
}

describe('compiledCliState (is out/cli newer than its sources?)', () => {
  it('is fresh when every listed input is older than the build', () => {
    expect(compiledCliState(fakeProject())).toEqual({ fresh: true });
  });

  it('names the input edited after the build', () => {
    const root = fakeProject();
    utimesSync(join(root, 'src/b.ts'), new Date(BUILT_AT_MS + 1000), new Date(BUILT_AT_MS + 1000));
    expect(compiledCliState(root)).toEqual({ fresh: false, reason: 'src/b.ts changed since the CLI was compiled' });
  });

  it('notices a deleted input, a missing entry, a missing or foreign stamp', () => {
    const gone = fakeProject(['src/a.ts', 'src/deleted.ts']);
    expect(compiledCliState(gone)).toEqual({ fresh: false, reason: 'src/deleted.ts is gone since the CLI was compiled' });

    const noEntry = fakeProject();
    rmSync(join(noEntry, COMPILED_DIR, 'snn.mjs'));
    expect(compiledCliState(noEntry)).toEqual({ fresh: false, reason: 'the compiled CLI is incomplete' });

    const noStamp = fakeProject();
    rmSync(join(noStamp, COMPILED_DIR, STAMP_NAME));
    expect(compiledCliState(noStamp)).toEqual({ fresh: false, reason: 'the CLI is not compiled yet' });

    const foreign = fakeProject();
    writeFileSync(join(foreign, COMPILED_DIR, STAMP_NAME), JSON.stringify({ format: STAMP_FORMAT + 1, builtAtMs: BUILT_AT_MS, inputs: [] }));
    expect(compiledCliState(foreign).fresh).toBe(false);
  });

  it('stats the listed files only: an unrelated newer file does not make it stale', () => {
    const root = fakeProject(['src/a.ts']);
    utimesSync(join(root, 'src/b.ts'), new Date(BUILT_AT_MS + 1000), new Date(BUILT_AT_MS + 1000));
    expect(compiledCliState(root)).toEqual({ fresh: true });
  });
});

type Graph = Record<string, { inputs: string[]; imports: { path: string; kind: string; external: boolean }[] }>;

/** Everything `start` loads before any dynamic import runs: its static imports, transitively. */
function staticClosure(graph: Graph, start: string): { inputs: Set<string>; externals: Set<string> } {
  const inputs = new Set<string>();
  const externals = new Set<string>();
  const seen = new Set<string>();
  const visit = (out: string): void => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of graph[out].inputs) inputs.add(i);
    for (const imp of graph[out].imports) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) externals.add(imp.path);
      else visit(imp.path);
    }
  };
  visit(start);
  return { inputs, externals };
}

const has = (set: Set<string>, pattern: RegExp): string[] => [...set].filter((x) => pattern.test(x));

describe('scripts/build-cli.mjs (a real build into a temporary folder)', () => {
  let outDir: string;
  let built: { outputs: Graph; inputs: string[] };

  beforeAll(async () => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    // Inside the project, so the bundle's external packages resolve from node_modules as in out/cli.
    outDir = join(mkdtempSync(join(ROOT, '.tmp', 'cli-build-')), 'cli');
    const result = await buildCli(outDir);
    if (result === null) throw new Error('esbuild is a dev dependency and must be installed for this test');
    built = result;
  }, 120_000);

  afterAll(() => rmSync(resolve(outDir, '..'), { recursive: true, force: true }));

  it('loads nothing heavy for --help or a usage error', () => {
    const entry = staticClosure(built.outputs, 'snn.mjs');
    expect(has(entry.inputs, /node_modules\/(echarts|zrender|mathjs|zod)\//)).toEqual([]);
    expect(has(entry.inputs, /^src\/(engine|shared)\//)).toEqual([]);
    expect([...entry.externals].filter((x) => !x.startsWith('node:'))).toEqual([]);
  });

  it('keeps ECharts and tfjs out of what `snn run` loads before it needs them', () => {
    const runChunk = Object.keys(built.outputs).find((k) => /^chunks\/run-/.test(k));
    expect(runChunk).toBeDefined();
    const run = staticClosure(built.outputs, runChunk as string);
    expect(run.inputs.has('src/cli/run.ts')).toBe(true);
    expect(run.inputs.has('src/engine/simulate.ts')).toBe(true);
    expect(has(run.inputs, /node_modules\/(echarts|zrender)\//)).toEqual([]);
    expect(has(run.inputs, /^src\/engine\/backends\/tfjs\/|^src\/cli\/plots\.ts$/)).toEqual([]);
    expect(has(run.externals, /^@tensorflow\//)).toEqual([]);
    // ...but they are there, behind dynamic imports (a dynamic chunk may reach them through a chunk
    // it shares with `snn train`, so each dynamic import is followed through its static imports).
    const dynamic = built.outputs[runChunk as string].imports.filter((i) => i.kind === 'dynamic-import' && !i.external).map((i) => i.path);
    const behind = (input: string): boolean => dynamic.some((p) => staticClosure(built.outputs, p).inputs.has(input));
    expect(behind('src/cli/plots.ts')).toBe(true);
    expect(behind('src/engine/backends/tfjs/index.ts')).toBe(true);
  });

  it('lists every project source it bundled in build.json, and the packages by their package.json', () => {
    const bundled = new Set(Object.values(built.outputs).flatMap((o) => o.inputs));
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP_NAME), 'utf8')) as { inputs: string[] };
    expect(stamp.inputs).toEqual(built.inputs);
    for (const f of bundled) if (!f.includes('node_modules/')) expect(stamp.inputs).toContain(f);
    expect(stamp.inputs).toContain('node_modules/mathjs/package.json');
    expect(stamp.inputs.filter((f) => f.includes('node_modules/') && !f.endsWith('/package.json'))).toEqual([]);
  });

  it('gives the results and the export the sources give', async () => {
    const dir = tempDir();
    writeProject(dir, 'lif.snn', lifDocument());
    const entry = pathToFileURL(join(outDir, 'snn.mjs')).href;
    const compiled = (argv: string[]) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(process.argv.slice(1));`, ...argv], { cwd: dir, encoding: 'utf8' });

    const c = compiled(['run', 'lif.snn', '--duration', '100 ms', '--out', 'compiled', '--quiet']);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    const io = memoryIo(dir);
    expect(await main(['run', 'lif.snn', '--duration', '100 ms', '--out', 'sources', '--quiet'], io)).toBe(0);
    const summary = (d: string) => ({ ...JSON.parse(readFileSync(join(dir, d, 'summary.json'), 'utf8')), wall_s: 0 });
    expect(summary('compiled')).toEqual(summary('sources'));
    expect(summary('compiled').populations.A.spikes).toBe(21);
    for (const svg of ['raster.svg', 'rate.svg', 'voltage.svg']) expect(readFileSync(join(dir, 'compiled', svg), 'utf8')).toBe(readFileSync(join(dir, 'sources', svg), 'utf8'));

    for (const to of ['brainpy', 'brian2', 'pynest']) {
      const e = compiled(['export', 'lif.snn', '--to', to]);
      const x = memoryIo(dir);
      expect(await main(['export', 'lif.snn', '--to', to], x)).toBe(0);
      expect(e.status).toBe(0);
      expect(e.stdout).toBe(x.out());
      expect(e.stdout.length).toBeGreaterThan(500);
    }
  }, 120_000);
});
