/** Build the web app once for all end-to-end tests and serve it; tests read the URL with inject('baseUrl'). */
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { resolve } from 'node:path';
import { serveStatic } from './staticServer';
import { CHROMIUM, HAS_CHROMIUM } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '../..');
  if (!HAS_CHROMIUM) console.warn(`End-to-end tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set SNN_CHROMIUM).`);
  if (!process.env.SNN_E2E_SKIP_BUILD) await build({ configFile: resolve(root, 'vite.web.config.ts'), logLevel: 'warn' });
  const server = await serveStatic(resolve(root, 'dist-web'));
  project.provide('baseUrl', server.url);
  return () => server.close();
}
