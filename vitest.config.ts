import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Two cores: two workers, forks for isolation of the CLI tests that spawn node.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['grammar/**', 'compiler/**', 'runtime/**'],
      exclude: ['**/*.generated.*'],
    },
  },
});
