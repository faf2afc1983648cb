// `npm run package`: type-checks and bundles the client, then packages the extension as
// flowc-vscode-<version>.vsix with @vscode/vsce (never publishes). Install the result with
// `code --install-extension flowc-vscode-<version>.vsix`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVSIX } from '@vscode/vsce';
import { bundle } from './build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = process.argv[2] ?? join(root, `${name}-${version}.vsix`);

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
await bundle();
await createVSIX({
  cwd: root,
  packagePath: out,
  // The bundle holds the client's dependencies: node_modules stays out of the package.
  dependencies: false,
  // The project is Apache-2.0 (package.json); it has no LICENSE file of its own yet.
  skipLicense: true,
  allowMissingRepository: true,
});
console.log(`packaged ${out}`);
