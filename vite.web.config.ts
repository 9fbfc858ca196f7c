/** The renderer as a zero-install browser app: `npm run web` (dev server), `npm run build:web` (-> dist-web/). */
import { defineConfig, normalizePath, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { modelIndexPlugin } from './scripts/modelIndex.mjs';

const FAVICON_HREF = '../../resources/icons/icon.svg';

/** The build turns index.html's relative favicon into an asset; the dev server needs its /@fs/ URL. */
function devFavicon(): Plugin {
  const file = normalizePath(resolve(__dirname, 'resources/icons/icon.svg'));
  return { name: 'snn-dev-favicon', apply: 'serve', transformIndexHtml: (html) => html.replace(FAVICON_HREF, `/@fs/${file.replace(/^\//, '')}`) };
}

export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  plugins: [react(), devFavicon(), modelIndexPlugin()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(__dirname, 'dist-web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [resolve(__dirname)] } },
  preview: { host: '127.0.0.1', port: 4173 },
});
