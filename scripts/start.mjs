#!/usr/bin/env node
/**
 * `npm start`: the desktop app when Electron's binary is installed, else the browser app.
 *
 * electron 43 downloads its binary lazily, the first time `require('electron')` runs. Offline
 * that attempt fails within about a second ("fetch failed"), but behind a proxy that swallows
 * packets it can hang, so it runs in a child process with a short timeout. Set
 * SNN_NO_ELECTRON_DOWNLOAD=1 to skip the attempt, or pass --web to go straight to the browser.
 *
 * The browser app is a production build (scripts/webApp.mjs), cached and rebuilt only when the
 * sources or the lockfile change, served by `vite preview` on port 5173 (SNN_WEB_PORT or --port N
 * to change it). The Vite dev server stays `npm run web`: it optimises dependencies on first use
 * and reloads the page, which would throw away a network built in the meantime.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, servePreview } from './webApp.mjs';

const require = createRequire(import.meta.url);
const DOWNLOAD_TIMEOUT_MS = Number(process.env.SNN_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 15_000);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const portArg = process.argv.indexOf('--port');
const WEB_PORT = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.SNN_WEB_PORT ?? 5173));
const WEB_URL = `http://127.0.0.1:${WEB_PORT}/`;

function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron executable if it is on disk, without triggering a download. */
function installedElectron(pkgDir) {
  if (process.env.ELECTRON_EXEC_PATH) return existsSync(process.env.ELECTRON_EXEC_PATH) ? process.env.ELECTRON_EXEC_PATH : null;
  if (!pkgDir) return null;
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const exe = join(distDir, relative);
  return existsSync(exe) ? exe : null;
}

/** Let electron fetch its binary, bounded in time and silent; returns the executable or null. */
function tryDownload(pkgDir) {
  if (!pkgDir || process.env.SNN_NO_ELECTRON_DOWNLOAD) return null;
  spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: pkgDir, stdio: 'ignore', timeout: DOWNLOAD_TIMEOUT_MS });
  return installedElectron(pkgDir);
}

function run(command, args) {
  follow(spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }));
}

/** Pass Ctrl+C on to `child` and leave with its exit code. */
function follow(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const forceWeb = process.argv.includes('--web');
const pkgDir = electronPackageDir();
const electron = forceWeb ? null : installedElectron(pkgDir) ?? tryDownload(pkgDir);

if (electron) {
  // preview = build main, preload and renderer, then start Electron on the result.
  run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'preview']);
} else {
  if (!forceWeb) console.log(`Electron's binary is not installed (offline?) — serving the browser app at ${WEB_URL} instead`);
  const dist = ensureBuild(ROOT);
  if (!dist) {
    console.error('The browser app could not be built (see the messages above).');
    process.exit(1);
  }
  console.log(`SNN Studio: open ${WEB_URL} in a browser (Ctrl+C stops the server).`);
  follow(servePreview(ROOT, dist, WEB_PORT));
}
