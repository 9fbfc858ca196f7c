/**
 * The CLI's tests run against the compiled CLI (out/cli, from `npm run build:cli`) instead of
 * the TypeScript sources: `npm run test:cli-compiled` builds it, then runs these files with their
 * imports of src/cli/main (and src/cli/export) pointed at the bundle. bin/snn.mjs, used by
 * child.test.ts, picks the compiled CLI by itself when it is up to date.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^(\.\.\/)+src\/cli\/main$/, replacement: resolve(__dirname, 'out/cli/snn.mjs') },
      { find: /^(\.\.\/)+src\/cli\/export$/, replacement: resolve(__dirname, 'test/cli/compiled/exportCommand.ts') },
    ],
  },
  test: {
    include: ['test/cli/backend.test.ts', 'test/cli/badInput.test.ts', 'test/cli/run.test.ts', 'test/cli/child.test.ts', 'test/export/cli.test.ts', 'test/training/cli.test.ts', 'test/lessons/lessonCli.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
