#!/usr/bin/env node
/**
 * Compiles the command line ahead of time: src/cli/main.ts and everything it imports become
 * out/cli/snn.mjs plus chunks, so `snn` starts without transpiling TypeScript (tsx) on every call.
 * Code splitting keeps the CLI's lazy imports lazy: the engine loads only for `run`, the exporters
 * only for `export`, ECharts only when SVGs are written, tfjs only when it can run.
 *
 *   node scripts/build-cli.mjs               writes out/cli (npm run build:cli; also the npm
 *                                            "prepare" script, so `npm install`/`npm ci` run it)
 *   node scripts/build-cli.mjs --outdir DIR  writes DIR instead (tests)
 *
 * Beside the bundle it writes build.json: when the build started and every file it read, which
 * bin/snn.mjs compares against (bin/compiledCli.mjs) to fall back to the sources after an edit.
 * Without esbuild (an install without dev dependencies) it says so and exits 0; bin/snn.mjs then
 * runs the sources through tsx.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP_FORMAT, STAMP_NAME } from '../bin/compiledCli.mjs';
import { writeModelIndex } from './modelIndex.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(ROOT, 'out', 'cli');

/**
 * Left to Node's resolution at run time: tfjs-node registers its native backend with the
 * tfjs-core it finds in node_modules (a bundled second copy would never see it), and the WASM
 * backend finds its .wasm files next to its own package.
 */
const EXTERNAL = ['@tensorflow/*'];

/** Files that change the bundle without being imported: this script and the TypeScript settings. */
const BUILD_FILES = ['scripts/build-cli.mjs', 'scripts/modelIndex.mjs', 'bin/compiledCli.mjs', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json'];

function parseArgs(argv) {
  const at = argv.indexOf('--outdir');
  return { outDir: at >= 0 && argv[at + 1] ? resolve(argv[at + 1]) : DEFAULT_OUT };
}

/**
 * What build.json lists: project files as they are, and for a bundled package only its
 * package.json (rewritten by every install or upgrade of it), so the check stays a few hundred stats.
 */
export function watchedInputs(metafileInputs) {
  const files = new Set(BUILD_FILES.filter((f) => existsSync(join(ROOT, f))));
  for (const input of metafileInputs) {
    const parts = input.split('/');
    const nm = parts.lastIndexOf('node_modules');
    if (nm < 0) files.add(input);
    else {
      const scoped = parts[nm + 1]?.startsWith('@');
      files.add([...parts.slice(0, nm + (scoped ? 3 : 2)), 'package.json'].join('/'));
    }
  }
  return [...files].sort();
}

/**
 * esbuild's metafile outputs keyed by their path inside the output folder: the source files each
 * holds and what it imports (another output, or an external package), statically or dynamically.
 */
function outputGraph(metafile, builtIn) {
  const local = (path) => relative(builtIn, path).split(sep).join('/');
  return Object.fromEntries(
    Object.entries(metafile.outputs).map(([path, out]) => [
      local(path),
      {
        inputs: Object.keys(out.inputs),
        imports: out.imports.map((i) => ({ path: i.external ? i.path : local(i.path), kind: i.kind, external: Boolean(i.external) })),
      },
    ]),
  );
}

/**
 * Build the CLI into `outDir` and write its build.json; returns the output graph (outputGraph)
 * and the watched inputs, or null when esbuild is not installed.
 */
export async function buildCli(outDir = DEFAULT_OUT) {
  // First, also without esbuild: the tsx route reads the model index too.
  writeModelIndex();
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const builtAtMs = Date.now();
  // Built beside the target and swapped in by rename, so a concurrent `snn` sees the old CLI or
  // the new one, never half of each.
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { snn: 'src/cli/main.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    external: EXTERNAL,
    // ECharts and zod skip their development-only checks, as in the app's production build.
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS packages bundled into ESM (yaml's Node build requires 'process') need a require.
    banner: { js: "import { createRequire as __snnCreateRequire } from 'node:module'; const require = __snnCreateRequire(import.meta.url);" },
    // Less text for V8 to parse at every start (whitespace and syntax only: names stay readable
    // in the stack traces SNN_DEBUG prints).
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = watchedInputs(Object.keys(result.metafile.inputs));
  writeFileSync(join(tmp, STAMP_NAME), `${JSON.stringify({ format: STAMP_FORMAT, builtAtMs, esbuild: esbuild.version, inputs }, null, 1)}\n`);
  mkdirSync(dirname(outDir), { recursive: true });
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
  return { outputs: outputGraph(result.metafile, relative(ROOT, tmp)), inputs, builtAtMs };
}

async function main() {
  const { outDir } = parseArgs(process.argv.slice(2));
  const built = await buildCli(outDir);
  if (built === null) {
    console.log('build-cli: esbuild is not installed (dev dependencies omitted); snn will run the TypeScript sources through tsx');
    return;
  }
  const outputs = Object.keys(built.outputs).length;
  console.log(`build-cli: ${relative(ROOT, join(outDir, 'snn.mjs'))} and ${outputs - 1} chunks from ${built.inputs.length} watched inputs (${Date.now() - built.builtAtMs} ms)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`build-cli: ${e.message ?? e}`);
    process.exitCode = 1;
  });
}
