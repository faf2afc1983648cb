// Sources cite AWS's own documentation, never a section (§) of a document outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const skipped = new Set(['node_modules', 'dist', 'fixtures', 'golden', '.work']);

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : files(path);
    return /\.(ts|js|md)$/.test(entry.name) ? [path] : [];
  });
}

test('no § reference outside the repository (issue numbers aside)', () => {
  const found: string[] = [];
  for (const path of [...['compiler', 'runtime', 'grammar', 'test', 'docs', 'scripts', 'bench'].flatMap(files), 'README.md', 'ARCHITECTURE.md']) {
    readFileSync(join(root, path), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // "issue 14 §3" names an item of this project's own issue.
        if (/§\s?\d/.test(line.replace(/issues? \d+,? ?§[\d–-]+/gi, ''))) found.push(`${path}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});
