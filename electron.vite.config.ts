/**
 * electron-vite build of the desktop app: main (ESM, with the engine worker as a second entry
 * for the utilityProcess), preload (CommonJS: a sandboxed preload cannot be an ES module) and
 * the renderer (React) from src/renderer/index.html. Output goes to out/{main,preload,renderer}.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { modelIndexPlugin } from './scripts/modelIndex.mjs';

const root = __dirname;
const engineWorkerEntry = resolve(root, 'src/engine/worker/entry.ts');

export default defineConfig({
  main: {
    plugins: [modelIndexPlugin()],
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // Built beside main so utilityProcess.fork can load out/main/engineWorker.js.
          ...(existsSync(engineWorkerEntry) ? { engineWorker: engineWorkerEntry } : {}),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), modelIndexPlugin()],
    worker: { format: 'es' },
    server: { fs: { allow: [root] } },
    build: {
      outDir: resolve(root, 'out/renderer'),
      chunkSizeWarningLimit: 2500,
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
