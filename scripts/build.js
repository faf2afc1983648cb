// Builds the flowc CLI into dist/ with esbuild: one ESM entry plus a chunk per lazily loaded
// command, so `flowc check` starts without loading what only `build` or `deploy` need.
// Runs on `npm ci` (the `prepare` script) and before the tests (test/global-setup.ts).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli({ quiet = false } = {}) {
  rmSync(`${root}dist`, { recursive: true, force: true });
  await build({
    entryPoints: { flowc: `${root}compiler/cli/main.ts` },
    outdir: `${root}dist`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // Large packages stay in node_modules and load only when a command imports them.
    external: ['esbuild', 'ts-morph', 'typescript', '@aws-sdk/*', '@aws-cdk/*', '@smithy/*', 'vitest'],
    banner: { js: "import { createRequire as __flowcCreateRequire } from 'node:module'; const require = __flowcCreateRequire(import.meta.url);" },
    logLevel: quiet ? 'error' : 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
