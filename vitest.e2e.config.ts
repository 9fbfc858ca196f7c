/** End-to-end tests: build the browser app once, serve dist-web on 127.0.0.1, drive Debian's Chromium. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // one browser at a time: the machine has two cores and Chromium is heavy
    fileParallelism: false,
    pool: 'forks',
  },
});
