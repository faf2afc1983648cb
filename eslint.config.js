// Lint: typescript-eslint for correctness, import-x for architecture (no cycles, one-way
// layers), and a ban on wall-clock time and randomness inside the simulator.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** Layering (ARCHITECTURE.md): each zone lists what its files may not import. */
const zones = [
  // grammar/ depends on chevrotain only.
  { target: './grammar', from: ['./compiler', './runtime'], message: 'grammar/ imports only chevrotain' },
  // runtime/ never imports the compiler: the manifest is the contract between them.
  { target: './runtime', from: ['./compiler', './grammar'], message: 'runtime/ never imports compiler/ or grammar/' },
  // Emitters read only the manifest.
  {
    target: './compiler/emit',
    from: ['./compiler/syntax', './compiler/resolve', './compiler/check', './grammar'],
    message: 'emitters read only the manifest',
  },
  // Phases never import later phases.
  { target: './compiler/syntax', from: ['./compiler/resolve', './compiler/check', './compiler/lower', './compiler/emit', './compiler/cli'] },
  { target: './compiler/resolve', from: ['./compiler/check', './compiler/lower', './compiler/emit', './compiler/cli'] },
  { target: './compiler/check', from: ['./compiler/lower', './compiler/emit', './compiler/cli'] },
  { target: './compiler/lower', from: ['./compiler/emit', './compiler/cli'] },
  { target: './compiler/diagnostics', from: ['./compiler/syntax', './compiler/resolve', './compiler/check', './compiler/lower', './compiler/emit', './compiler/cli'] },
  { target: './compiler/source', from: ['./compiler/diagnostics', './compiler/syntax', './compiler/resolve', './compiler/check', './compiler/lower', './compiler/emit', './compiler/cli'] },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', '**/*.generated.d.ts', 'test/fixtures/**', 'examples/*/out/**', '**/.flowc-tmp-*', 'examples/*/generated/**', 'test/golden/**', 'bench/.work/**'],
  },
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The simulator runs on virtual time from a seed: no wall clock, no timers, no Math.random.
    files: ['runtime/sim/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'use the virtual clock' },
        { name: 'setTimeout', message: 'schedule an event on the virtual clock' },
        { name: 'setInterval', message: 'schedule an event on the virtual clock' },
        { name: 'setImmediate', message: 'schedule an event on the virtual clock' },
        { name: 'performance', message: 'use the virtual clock' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the seeded PRNG' },
        { object: 'Date', property: 'now', message: 'use the virtual clock' },
        { object: 'process', property: 'hrtime', message: 'use the virtual clock' },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,ts}', 'bench/**/*.{js,ts}', 'bin/**/*.js', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
