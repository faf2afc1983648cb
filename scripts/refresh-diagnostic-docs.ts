// Rewrites the output block after each example in docs/diagnostics/FL*.md with what flowc
// prints today. Run it after changing a message (`npm run docs:refresh`), then read the diff
// like a snapshot change: test/diagnostics-docs.test.ts fails until the pages are current.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { codes } from '../compiler/diagnostics/codes.js';
import { renderPretty } from '../compiler/diagnostics/render/pretty.js';
import { checkText } from '../compiler/program.js';

const docs = new URL('../docs/diagnostics/', import.meta.url).pathname;
for (const file of readdirSync(docs).filter((f) => /^FL\d{4}\.md$/.test(f))) {
  const text = readFileSync(docs + file, 'utf8');
  const updated = text.replace(/(```flow\n)([\s\S]*?)(```\n\n```text\n)([\s\S]*?)(```)/, (whole, open, example: string, between, _old, close) => {
    const rendered = checkText('example.flow', example).diagnostics.map((d) => renderPretty(d)).join('\n\n');
    return `${open}${example}${between}${rendered}\n${close}`;
  });
  if (updated !== text) {
    writeFileSync(docs + file, updated);
    console.log(`updated ${file}`);
  }
}

// The index table of docs/diagnostics/README.md: one row per live code that has a page.
const readmePath = `${docs}README.md`;
const readme = readFileSync(readmePath, 'utf8');
const rows = Object.entries(codes)
  .filter(([code, info]) => !('retired' in info) && readdirSync(docs).includes(`${code}.md`))
  .map(([code, info]) => `| ${code} | ${info.severity} | ${info.title} | [${code}.md](${code}.md) |`);
const table = /(\| Code \|[^\n]*\n\|[-| ]+\|\n)((?:\|[^\n]*\n)*)/;
if (table.test(readme)) {
  const updatedReadme = readme.replace(table, (_whole, head: string) => `${head}${rows.join('\n')}\n`);
  if (updatedReadme !== readme) {
    writeFileSync(readmePath, updatedReadme);
    console.log('updated README.md');
  }
}
