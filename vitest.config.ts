import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Writes src/shared/modelspec/{neurons,synapses,plasticity,inputs}/folders.generated.ts before any test file loads.
    globalSetup: ['test/modelIndexSetup.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
