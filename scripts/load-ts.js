// Loads a TypeScript module of this repository in plain Node 20 (no TS loader at run time):
// esbuild bundles it to a temporary ESM file that is imported and then removed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadTs(entry) {
  // Inside the repository, so that external packages resolve from its node_modules.
  const dir = mkdtempSync(join(process.cwd(), '.flowc-tmp-load-'));
  const outfile = join(dir, 'module.mjs');
  try {
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, packages: 'external', logLevel: 'error' });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
