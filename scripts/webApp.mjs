/**
 * `npm start`'s browser fallback: a production build of the renderer, built once into a cache
 * folder and rebuilt only when its inputs change, served by `vite preview`. Unlike the dev
 * server (`npm run web`) nothing is optimised on first use and there is no HMR client, so a
 * page holding unsaved work never reloads by itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { writeModelIndex } from './modelIndex.mjs';

const require = createRequire(import.meta.url);

/** What the browser build is made of: a change to any of these makes the cached build stale. */
export const BUILD_INPUTS = ['src', 'resources', 'vite.web.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.web.json'];
const STAMP = 'build.json';
const DIST = 'dist';

/** The default cache folder: beside other tools' caches, inside node_modules (never committed). */
export function defaultCacheDir(root) {
  return process.env.SNN_WEB_CACHE ? resolve(process.env.SNN_WEB_CACHE) : join(root, 'node_modules', '.cache', 'snn-studio-web');
}

function listFiles(root, path, out) {
  const full = join(root, path);
  if (!existsSync(full)) return out;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) listFiles(root, join(path, name), out);
  } else {
    out.push(path);
  }
  return out;
}

/** SHA-256 over the path and bytes of every input file, in a fixed order (independent of mtimes). */
export function sourceFingerprint(root, inputs = BUILD_INPUTS) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of listFiles(root, input, [])) {
      hash.update(file.split(sep).join('/')).update('\0');
      hash.update(readFileSync(join(root, file))).update('\0');
    }
  }
  return hash.digest('hex');
}

/** Why the cached build cannot be served as it is, or null when it is current. */
export function staleReason(cacheDir, fingerprint) {
  const stampFile = join(cacheDir, STAMP);
  if (!existsSync(stampFile) || !existsSync(join(cacheDir, DIST, 'index.html'))) return 'no build yet';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return 'the build record is unreadable';
  }
  return stamp?.fingerprint === fingerprint ? null : 'the sources or the lockfile changed';
}

/**
 * Build into a fresh folder, then swap it in and record the fingerprint, so an interrupted build
 * never leaves a half-written app marked as current. `build(outDir)` returns true on success.
 */
export function rebuild(cacheDir, fingerprint, build) {
  mkdirSync(cacheDir, { recursive: true });
  const next = join(cacheDir, `${DIST}.next`);
  rmSync(next, { recursive: true, force: true });
  if (!build(next) || !existsSync(join(next, 'index.html'))) {
    rmSync(next, { recursive: true, force: true });
    return false;
  }
  rmSync(join(cacheDir, STAMP), { force: true });
  rmSync(join(cacheDir, DIST), { recursive: true, force: true });
  renameSync(next, join(cacheDir, DIST));
  writeFileSync(join(cacheDir, STAMP), `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }, null, 2)}\n`);
  return true;
}

const vite = () => join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

/** `vite build` of the browser app into `outDir`; true when it succeeded. */
export function viteBuild(root, outDir) {
  const r = spawnSync(process.execPath, [vite(), 'build', '--config', join(root, 'vite.web.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return r.status === 0;
}

/** The cached build's folder, built first when it is missing or stale; null when the build failed. */
export function ensureBuild(root, cacheDir = defaultCacheDir(root), log = console.log) {
  // Before the fingerprint, so a model folder added since the last build is in both.
  writeModelIndex();
  const fingerprint = sourceFingerprint(root);
  const why = staleReason(cacheDir, fingerprint);
  if (why) {
    log(`Building the browser app (${why}; once, about a minute)…`);
    if (!rebuild(cacheDir, fingerprint, (out) => viteBuild(root, out))) return null;
  }
  return join(cacheDir, DIST);
}

/** Serve `dist` with `vite preview` (static files only) on 127.0.0.1:`port`; returns the child process. */
export function servePreview(root, dist, port) {
  return spawn(process.execPath, [vite(), 'preview', '--config', join(root, 'vite.web.config.ts'), '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'inherit',
  });
}
