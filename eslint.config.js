// Lint: typescript-eslint for correctness, import-x for architecture (no cycles, one-way
// layers), and a ban on wall-clock time and randomness inside the simulator.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/**
 * Layering: ARCHITECTURE.md's folder table, one row here per row there. Each folder lists the
 * folders it may import; every other folder of the table is forbidden to it. A folder that is
 * not in this list (the tests, scripts, bench) is not layered.
 */
export const layers = {
  grammar: [],
  'compiler/source': [],
  'compiler/diagnostics': ['compiler/source'],
  'compiler/syntax': ['grammar', 'compiler/source', 'compiler/diagnostics', 'runtime/manifest'],
  // The settings schema names the kinds' keywords, the model fields it fills, the codes of its
  // range checks and the AWS ranges and manifest shapes it converts to.
  'compiler/settings': ['compiler/source', 'compiler/diagnostics', 'compiler/syntax', 'compiler/elaborate', 'compiler/kinds', 'runtime/aws', 'runtime/manifest'],
  'compiler/resolve': ['compiler/source', 'compiler/diagnostics', 'compiler/syntax', 'compiler/settings', 'compiler/kinds', 'runtime/manifest', 'runtime/pattern'],
  'compiler/types': ['compiler/source', 'compiler/diagnostics', 'compiler/syntax', 'compiler/resolve', 'runtime/manifest'],
  // elaborate (after inference) builds the model the rules read. kinds is the registry every
  // phase from settings to deploy reads its per-kind tables from, so it imports no phase.
  'compiler/kinds': ['runtime/aws', 'runtime/manifest'],
  'compiler/elaborate': ['compiler/source', 'compiler/diagnostics', 'compiler/syntax', 'compiler/settings', 'compiler/resolve', 'compiler/types', 'compiler/kinds', 'runtime/aws', 'runtime/manifest', 'runtime/pattern'],
  'compiler/check': ['compiler/source', 'compiler/diagnostics', 'compiler/syntax', 'compiler/settings', 'compiler/resolve', 'compiler/types', 'compiler/elaborate', 'compiler/kinds', 'runtime/aws', 'runtime/manifest', 'runtime/pattern', 'runtime/schedule'],
  'compiler/lower': ['compiler/source', 'compiler/diagnostics', 'compiler/syntax', 'compiler/settings', 'compiler/resolve', 'compiler/types', 'compiler/check', 'compiler/elaborate', 'compiler/kinds', 'runtime/aws', 'runtime/manifest'],
  // Emitters read only the manifest (and print payload types).
  'compiler/emit': ['compiler/types', 'compiler/kinds', 'runtime/aws', 'runtime/manifest', 'runtime/pattern', 'runtime/schedule'],
  // Handler analysis reads the manifest and the generated module's names, over sources given as text.
  'compiler/handlers': ['compiler/source', 'compiler/diagnostics', 'compiler/emit', 'runtime/manifest', 'runtime/pattern'],
  'compiler/deploy': ['compiler/emit', 'compiler/kinds', 'runtime/aws', 'runtime/manifest'],
  // The formatter works from the grammar's tokens alone: it prints what the user wrote.
  'compiler/format': ['grammar'],
  'compiler/cli': ['grammar', 'compiler', 'runtime'],
  // The language server is an entry point like a command (the CLI starts it lazily).
  'compiler/lsp': ['grammar', 'compiler', 'runtime'],
  'compiler/testing.ts': ['compiler/program.ts', 'compiler/diagnostics', 'runtime/manifest', 'runtime/sim'],
  // runtime/ never imports the compiler: the manifest is the contract between them.
  'runtime/manifest': [],
  'runtime/aws': [],
  'runtime/pattern': ['runtime/manifest'],
  // What a schedule expression means on EventBridge Scheduler: cron fields, time zones, next fire times.
  'runtime/schedule': [],
  'runtime/sim': ['runtime'],
  'runtime/handler': ['runtime/manifest', 'runtime/aws', 'runtime/pattern', 'runtime/handler', 'runtime/clients', 'runtime/idempotency'],
  'runtime/clients': ['runtime/manifest', 'runtime/aws', 'runtime/pattern', 'runtime/handler', 'runtime/clients', 'runtime/idempotency'],
  'runtime/idempotency': ['runtime/manifest', 'runtime/aws', 'runtime/pattern', 'runtime/handler', 'runtime/clients', 'runtime/idempotency'],
  // Editor integrations are their own packages: they start `flowc lsp`, they never import flowc.
  editors: [],
};

/** The folders (and files) the layers are made of, the ones a zone can forbid. */
const parts = ['grammar', ...Object.keys(layers).filter((l) => l !== 'grammar' && l !== 'compiler/testing.ts'), 'compiler/program.ts', 'compiler/testing.ts', 'runtime/index.ts'];

const within = (part, folder) => part === folder || part.startsWith(`${folder}/`);

/** For each layer, the parts it neither is nor may import (`import-x/no-restricted-paths` zones). */
export const zones = Object.entries(layers).map(([target, allowed]) => ({
  target: `./${target}`,
  from: parts.filter((part) => !within(part, target) && !within(target, part) && !allowed.some((a) => within(part, a))).map((part) => `./${part}`),
  message: `${target} may import only ${allowed.length === 0 ? 'its own files' : allowed.join(', ')} (ARCHITECTURE.md)`,
})).filter((zone) => zone.from.length > 0);

/**
 * The pure phases compute data from data: no file system, no processes, no AWS SDK, no
 * bundler. Reading and writing is the CLI's (`Host`), bundling and AWS calls deploy's and the
 * simulator's.
 */
export const pureFolders = [
  'grammar', 'compiler/source', 'compiler/diagnostics', 'compiler/syntax', 'compiler/settings', 'compiler/resolve', 'compiler/types',
  'compiler/elaborate', 'compiler/kinds', 'compiler/check', 'compiler/lower', 'compiler/emit', 'compiler/format', 'compiler/handlers', 'runtime/manifest', 'runtime/aws', 'runtime/pattern', 'runtime/schedule',
];
const impure = [
  { group: ['fs', 'fs/*', 'node:fs', 'node:fs/*'], message: 'a pure phase reads no files: the CLI reads them through Host' },
  { group: ['child_process', 'node:child_process', 'worker_threads', 'node:worker_threads'], message: 'a pure phase starts no processes' },
  { group: ['@aws-sdk/*', '@smithy/*'], message: 'a pure phase calls no AWS API: deploy and runtime/ do' },
  { group: ['esbuild'], message: 'a pure phase bundles nothing: deploy and the simulator do' },
];

/**
 * The rules and the lowering read settings from the model of compiler/elaborate/ (typed fields
 * with their defaults, and where each came from), never by their name: a read by name would
 * decide a value's meaning and default again, and miss that a malformed value is poisoned.
 * test/lint/setting-reads.test.ts shows each selector catching the read it is for.
 */
export const settingReadsByName = [
  {
    selector: "CallExpression[callee.property.name=/^(get|has)$/][callee.object.property.name=/^(settings|appSettings|poisoned)$/]",
    message: 'read the setting from the model (context.fn(fn).timeoutSeconds, context.writtenOf(item, field)), not by its name',
  },
  {
    selector: "CallExpression[callee.property.name=/^(get|has)$/][callee.object.name=/^(settings|appSettings)$/]",
    message: 'read the setting from the model (context.fn(fn).timeoutSeconds, context.writtenOf(item, field)), not by its name',
  },
  {
    selector: "BinaryExpression[operator=/^[!=]==?$/][left.property.name='text'][left.object.property.name='name'][right.type='Literal']",
    message: 'a setting is found by its model field (context.writtenOf(item, field)), not by comparing its name',
  },
  {
    selector: "CallExpression[callee.object.name='context'][callee.property.name=/^(setting|number|duration|bool|word|fieldPath|referenced)$/]",
    message: 'the context reads no setting by name: use the model (context.queue(q).visibilityTimeoutSeconds) and context.writtenOf',
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'editors/vscode/dist/', 'out/', 'coverage/', '**/*.generated.d.ts', 'test/fixtures/**', 'examples/*/out/**', '**/.flowc-tmp-*', 'examples/*/generated/**', 'test/golden/**', 'bench/.work/**'],
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
    files: pureFolders.map((folder) => `${folder}/**/*.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: impure }] },
  },
  {
    files: ['compiler/check/**/*.ts', 'compiler/lower/**/*.ts', 'compiler/kinds/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...settingReadsByName] },
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
    files: ['scripts/**/*.{js,ts}', 'bench/**/*.{js,ts}', 'bin/**/*.js', 'test/**/*.ts', 'editors/*/scripts/**/*.js'],
    rules: { 'no-console': 'off' },
  },
  {
    // The launcher is CommonJS (bin/package.json): an ES-module entry point costs every run Node's ES-module loader.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
