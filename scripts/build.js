// Builds the flowc CLI into dist/ with esbuild: one ESM entry plus a chunk per lazily loaded
// command, so `flowc check` starts without loading what only `build` or `deploy` need.
// Also builds `flowc/runtime` (the helpers generated code and handlers import) into
// dist/runtime/: one ESM bundle and a declaration file per source file.
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
    entryPoints: { flowc: `${root}compiler/cli/main.ts` },
    outdir: `${root}dist`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // Large packages stay in node_modules and load only when a command imports them.
    external: ['esbuild', 'ts-morph', 'typescript', '@aws-sdk/*', '@aws-cdk/*', '@smithy/*', '@viz-js/viz', 'vitest'],
    banner: { js: "import { createRequire as __flowcCreateRequire } from 'node:module'; const require = __flowcCreateRequire(import.meta.url);" },
    logLevel: quiet ? 'error' : 'warning',
    // What each chunk imports: test/cli/startup.test.ts reads it to keep `check` lean.
    metafile: true,
    // The build of flowc, for the caches it keeps (compiler/cli/handler-facts-cache.ts).
    define: { __FLOWC_BUILD_ID__: JSON.stringify(sourceHash()) },
  });
  writeFileSync(`${root}dist/meta.json`, JSON.stringify(cli.metafile));
  await buildRuntime({ quiet });
  await buildTesting({ quiet });
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
