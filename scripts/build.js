// Builds the flowc CLI into dist/ with esbuild: dist/flowc.cjs, the whole CLI as one CommonJS
// script that bin/flowc.js runs through a V8 code cache (bin/code-cache.js). Modules only a
// command needs are reached by dynamic `import()`, which esbuild turns into lazily evaluated
// module bodies, so `flowc check` evaluates neither the emitters nor ts-morph nor the AWS SDK.
// Also builds `flowc/runtime` (the helpers generated code and handlers import) into
// dist/runtime/: one ESM bundle and a declaration file per source file, and `flowc/testing`.
// Runs on `npm ci` (the `prepare` script) and before the tests (test/global-setup.ts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli({ quiet = false } = {}) {
  rmSync(`${root}dist`, { recursive: true, force: true });
  const cli = await build({
    // Paths in the metafile relative to the repository, wherever the build runs from.
    absWorkingDir: root,
    entryPoints: [`${root}compiler/cli/main.ts`],
    outfile: `${root}dist/flowc.cjs`,
    bundle: true,
    // One script, not ESM chunks: Node 20 keeps a code cache only for scripts (vm.Script's
    // cachedData; ES modules have none before Node 22's module.enableCompileCache).
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `import()` of a package becomes `require`: a script compiled from V8's code cache cannot
    // `import()` in Node 20 (bin/code-cache.js); the simulator imports handlers through the
    // launcher (runtime/sim/import-module.ts).
    supported: { 'dynamic-import': false },
    sourcemap: true,
    // Half the bytes to read, parse and keep in the code cache (2.7 MB → 1.4 MB). No
    // `keepNames`: it wraps every function and class in a `__name` call, run each time a closure
    // is made (docs/performance.md, "Start-up"); nothing reads a function's `name`, and the
    // stack traces of `--debug` take the sources' names from the source map (bin/code-cache.js).
    minify: true,
    // Large packages stay in node_modules and load only when a command imports them.
    external: ['esbuild', 'ts-morph', 'typescript', '@aws-sdk/*', '@aws-cdk/*', '@smithy/*', '@viz-js/viz', 'vitest'],
    // The sources find flowc's folder (templates, docs) and require packages from import.meta.url.
    banner: { js: "const __flowcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: quiet ? 'error' : 'warning',
    // The module graph: test/cli/startup.test.ts reads it to keep `check` lean.
    metafile: true,
    define: {
      // The build of flowc, for the caches it keeps (compiler/cli/handler-facts-cache.ts).
      __FLOWC_BUILD_ID__: JSON.stringify(sourceHash()),
      'import.meta.url': '__flowcModuleUrl',
    },
  });
  writeFileSync(`${root}dist/meta.json`, JSON.stringify(cli.metafile));
  // What the launcher keys its code cache on: a cache made from other bytes is never used.
  const bundle = readFileSync(`${root}dist/flowc.cjs`);
  writeFileSync(`${root}dist/launch.json`, `${JSON.stringify({ bundle: 'flowc.cjs', sha256: createHash('sha256').update(bundle).digest('hex') })}\n`);
  await buildReplay({ quiet });
  await buildRuntime({ quiet });
  await buildTesting({ quiet });
}

/**
 * dist/replay.cjs: what bin/flowc.js runs before it loads the CLI, to replay an unchanged
 * `flowc build` (compiler/cli/early-replay.ts). Its records are the CLI's, so it is built from
 * the same modules with the same build id.
 */
export async function buildReplay({ quiet = false } = {}) {
  await build({
    absWorkingDir: root,
    entryPoints: [`${root}compiler/cli/early-replay.ts`],
    outfile: `${root}dist/replay.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: quiet ? 'error' : 'warning',
    define: { __FLOWC_BUILD_ID__: JSON.stringify(sourceHash()) },
  });
}

/**
 * A hash of everything the CLI bundle is made of: flowc's sources and the exact versions of
 * its dependencies (the lock file). A cache written by one build of flowc is ignored by any
 * other, so a change of flowc or of ts-morph can never be read from a stale cache.
 */
function sourceHash() {
  const hash = createHash('sha256');
  for (const folder of ['compiler', 'grammar', 'runtime']) {
    const files = readdirSync(`${root}${folder}`, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => posix.join(entry.parentPath.replaceAll('\\', '/'), entry.name))
      .sort();
    for (const file of files) hash.update(`${file.slice(root.length)}\0`).update(readFileSync(file)).update('\0');
  }
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(`${root}${file}`));
  return hash.digest('base64url').slice(0, 22);
}

/**
 * dist/testing.js: `flowc/testing`, the simulator's API for users' test suites (it compiles
 * flows, so it bundles the compiler). Its declarations are emitted by TypeScript without a
 * type check (`noCheck`: `tsc` checks the sources), into dist/types/.
 */
export async function buildTesting({ quiet = false } = {}) {
  await build({
    absWorkingDir: root,
    entryPoints: { testing: 'compiler/testing.ts' },
    outdir: `${root}dist`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    packages: 'external',
    banner: { js: "import { createRequire as __flowcCreateRequire } from 'node:module'; const require = __flowcCreateRequire(import.meta.url);" },
    logLevel: quiet ? 'error' : 'warning',
  });
  const { ts } = await import('ts-morph');
  const program = ts.createProgram([`${root}compiler/testing.ts`], {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    noCheck: true,
    rootDir: root,
    outDir: `${root}dist/types`,
  });
  const result = program.emit();
  const problems = result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length > 0) throw new Error(`declarations of flowc/testing:\n${problems.join('\n')}`);
}

/**
 * dist/runtime/index.js bundles runtime/index.ts and what it imports (packages stay external:
 * the AWS SDK is part of the Lambda runtime). The declarations come from
 * `ts.transpileDeclaration`, file by file without a type check (the runtime sources are written
 * for isolated declarations), so the build stays fast; `tsc` checks the sources themselves.
 */
export async function buildRuntime({ quiet = false } = {}) {
  await build({
    absWorkingDir: root,
    entryPoints: { index: 'runtime/index.ts' },
    outdir: `${root}dist/runtime`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    packages: 'external',
    logLevel: quiet ? 'error' : 'warning',
  });
  // ts-morph's TypeScript: a dependency, so this works where dev dependencies are not installed.
  const { ts } = await import('ts-morph');
  const compilerOptions = { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.NodeNext, strict: true, isolatedDeclarations: true, declaration: true };
  const problems = [];
  // Every runtime source the entry reaches, type-only imports included (esbuild drops those).
  const pending = ['runtime/index.ts'];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const input = pending.pop();
    const text = readFileSync(`${root}${input}`, 'utf8');
    for (const { fileName } of ts.preProcessFile(text, true, false).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const next = posix.join(posix.dirname(input), fileName).replace(/\.js$/, '.ts');
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(next);
    }
    const output = ts.transpileDeclaration(text, { fileName: input, compilerOptions, reportDiagnostics: true });
    for (const d of output.diagnostics ?? []) problems.push(`${input}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    const target = `${root}dist/${input.replace(/\.ts$/, '.d.ts')}`;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  if (problems.length > 0) throw new Error(`declarations of flowc/runtime:\n${problems.join('\n')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
