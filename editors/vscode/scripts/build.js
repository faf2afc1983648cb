// Bundles the client (src/extension.ts and vscode-languageclient) into dist/extension.cjs, the
// one file the extension runs: VS Code loads extensions with require(), and `vscode` is
// provided by the editor, never bundled.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function bundle() {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Node 20: the oldest runtime of the VS Code releases that `engines.vscode` admits.
    target: 'node20',
    external: ['vscode'],
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
