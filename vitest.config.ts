import { defineConfig } from 'vitest/config';

/**
 * The slow project: tests that start the TypeScript compiler on whole programs (generated code,
 * handlers, the runtime's declarations) and the scale tests (10 MB inputs, 1,200 functions,
 * 20,000-element lists). `npm test` runs the quick project, `npm run test:slow` this one, and
 * `npx vitest run` both; CI (.ci/run) runs both, as two steps.
 */
const slow = [
  // tsc-based: each builds a ts.Program over the runtime and generated code.
  'test/emit/typescript/aws-shapes.test.ts',
  'test/emit/typescript/client-types.test.ts',
  'test/emit/typescript/drift.test.ts',
  'test/emit/typescript/handler-code.test.ts',
  'test/emit/typescript/strict-check.test.ts',
  'test/runtime/handler/records.test.ts',
  'test/runtime/idempotency/json-types.test.ts',
  'test/sim/package-entry.test.ts',
  // npm: packs this checkout and installs it into a new project (the README's commands).
  'test/cli/start-project.test.ts',
  // Scale: bounded time and memory on the largest inputs.
  'test/cli/check-scale.test.ts',
  'test/emit/cloudformation/nested-stacks-scale.test.ts',
  'test/front-end/scale.test.ts',
  // Packaging: installs the VS Code extension's dependencies when missing, bundles and zips it.
  'test/editors/vscode-package.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'quick', include: ['test/**/*.test.ts'], exclude: slow } },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
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
