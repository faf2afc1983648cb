import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codes, isCode } from '../../diagnostics/codes.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import type { Host } from '../host.js';
import { UsageError } from '../report.js';

/** `flowc explain FL3002` prints the code's page; without a code, the catalogue. */
export function runExplain(host: Host, code: string | undefined): number {
  if (code === undefined) {
    for (const [key, info] of Object.entries(codes)) {
      if ('retired' in info) continue;
      host.stdout(`${key}  ${info.severity.padEnd(7)}  ${info.title}\n`);
    }
    return 0;
  }
  const normalized = code.toUpperCase();
  if (!isCode(normalized)) {
    const hint = didYouMean(normalized, Object.keys(codes));
    throw new UsageError(`unknown diagnostic code \`${code}\`${hint ? `; ${hint}` : ''} (\`flowc explain\` lists them all)`);
  }
  const page = join(docsRoot(), 'diagnostics', `${normalized}.md`);
  if (existsSync(page)) host.stdout(readFileSync(page, 'utf8'));
  else host.stdout(`# ${normalized}: ${codes[normalized].title}\n`);
  return 0;
}

/** The package's docs folder, found from this module whether it runs from source or from dist/. */
export function docsRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs'))) return join(dir, 'docs');
    dir = dirname(dir);
  }
  return join(dir, 'docs');
}
