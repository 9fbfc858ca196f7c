/** The renderer as a zero-install browser app: `npm run web` (dev server), `npm run build:web` (-> dist-web/). */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
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
