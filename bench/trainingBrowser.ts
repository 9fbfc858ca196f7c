/**
 * The training bench in headless Chromium (playwright-core, /usr/bin/chromium or $SNN_CHROMIUM):
 * bundles bench/training-page with esbuild (page + worker, tfjs-backend-wasm's binaries copied
 * beside them), serves it, and times each flavour in a fresh Web Worker. Headless Chromium has no
 * GPU here: WebGL runs on SwiftShader (a CPU rasteriser), and the page reports the renderer, so
 * a webgl row measured here says whether it was software GL.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PROJECT, type EpochTiming } from './trainingEpochs';
import type { WorkerAnswer, WorkerRequest } from './training-page/worker';

/**
 * WebGL on a machine without a GPU: ANGLE on SwiftShader. Chromium 156 here gives a worker WebGL 2
 * on SwiftShader with or without these flags (checked); they keep it so where Chromium no longer
 * falls back to software GL unless allowed explicitly.
 */
export const SOFTWARE_GL_FLAGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

export interface BrowserTiming {
  readonly flavour: string;
  readonly timing?: EpochTiming;
  /** The WebGL renderer string when the flavour is webgl. */
  readonly renderer?: string | null;
  readonly error?: string;
  /** For "auto": what selectTrainingBackend picked in this browser, and why. */
  readonly choice?: string;
}

async function buildPage(outDir: string): Promise<void> {
  const { build } = await import('esbuild');
  const page = fileURLToPath(new URL('./training-page/', import.meta.url));
  await build({
    entryPoints: [join(page, 'main.ts'), join(page, 'worker.ts')],
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  copyFileSync(join(page, 'index.html'), join(outDir, 'index.html'));
  const wasmDir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  for (const f of WASM_FILES) copyFileSync(join(wasmDir, f), join(outDir, f));
}

/**
 * Time `flavours` one after the other, each in a fresh worker; a flavour that cannot start gives a
 * row with its error. "auto" gives the row of what the app's rule picks in this browser, untimed.
 */
export async function benchTrainingInChromium(flavours: readonly string[], samples: number, repeats: number, onRow?: (row: BrowserTiming) => void): Promise<BrowserTiming[]> {
  const { chromium } = await import('playwright-core');
  const { serveStatic } = await import('../test/e2e/staticServer');
  const projectText = readFileSync(fileURLToPath(new URL(`../${BENCH_PROJECT}`, import.meta.url)), 'utf8');
  const outDir = mkdtempSync(join(tmpdir(), 'snn-training-bench-'));
  const rows: BrowserTiming[] = [];
  try {
    await buildPage(outDir);
    const server = await serveStatic(outDir);
    const browser = await chromium.launch({
      executablePath: process.env.SNN_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', ...SOFTWARE_GL_FLAGS, '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const log: string[] = [];
      page.on('pageerror', (e) => log.push(e.message));
      page.on('worker', (w) => w.on('console', (m) => log.push(m.text())));
      await page.goto(server.url);
      await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'ready');
      for (const flavour of flavours) {
        log.length = 0;
        const request = { flavour, projectText, samples, repeats } as WorkerRequest;
        const answer = await page
          .evaluate((r) => (globalThis as unknown as { benchTraining(r: WorkerRequest): Promise<WorkerAnswer> }).benchTraining(r), request)
          .catch((e: Error): WorkerAnswer => ({ ok: false, error: [e.message.split('\n')[0], ...log].join('; ') }));
        const row: BrowserTiming = !answer.ok ? { flavour, error: answer.error } : 'choice' in answer ? { flavour, choice: answer.choice.reason } : { flavour, timing: answer.timing, renderer: answer.renderer };
        rows.push(row);
        onRow?.(row);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return rows;
}
