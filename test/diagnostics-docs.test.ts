import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { codes, isCode } from '../compiler/diagnostics/codes.js';
import { renderPretty } from '../compiler/diagnostics/render/pretty.js';
import { checkText } from '../compiler/program.js';
import { settingSchema } from '../compiler/settings/schema.js';

/**
 * The pages of docs/diagnostics/ (printed by `flowc explain CODE`) are tested like the Rust
 * error index: each page's example must produce its code, its fix must check clean, and the
 * output shown must be what flowc prints today. Only pages that exist are tested.
 */

const docs = new URL('../docs/diagnostics/', import.meta.url).pathname;
const pages = existsSync(docs) ? readdirSync(docs).filter((name) => /^FL\d{4}\.md$/.test(name)).sort() : [];

interface Block {
  readonly lang: string;
  readonly text: string;
  /** Index of the line that opens the block. */
  readonly line: number;
}

interface Page {
  readonly lines: readonly string[];
  /** `## ` headings outside code blocks, with their line index. */
  readonly headings: readonly { readonly title: string; readonly line: number }[];
  readonly blocks: readonly Block[];
}

function readPage(file: string): Page {
  const lines = readFileSync(join(docs, file), 'utf8').split('\n');
  const headings: { title: string; line: number }[] = [];
  const blocks: Block[] = [];
  let open: { lang: string; line: number; body: string[] } | undefined;
  lines.forEach((line, index) => {
    if (open !== undefined) {
      if (line === '```') {
        blocks.push({ lang: open.lang, text: `${open.body.join('\n')}\n`, line: open.line });
        open = undefined;
      } else {
        open.body.push(line);
      }
    } else if (line.startsWith('```')) {
      open = { lang: line.slice(3).trim(), line: index, body: [] };
    } else if (line.startsWith('## ')) {
      headings.push({ title: line.slice(3).trim(), line: index });
    }
  });
  if (open !== undefined) throw new Error(`${file}: the code block opened on line ${open.line + 1} is never closed`);
  return { lines, headings, blocks };
}

function check(text: string) {
  return checkText('example.flow', text).diagnostics;
}

describe('docs/diagnostics: one page per code', () => {
  test('there are pages', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  for (const file of pages) {
    const code = file.slice(0, -'.md'.length);

    describe(code, () => {
      const page = readPage(file);

      test('names a code of the catalogue, in its title line', () => {
        expect(isCode(code), `${code} is not in compiler/diagnostics/codes.ts`).toBe(true);
        expect(page.lines[0]).toMatch(new RegExp(`^# ${code}: \\S`));
      });

      test('has the sections Example, Why and How to fix, in this order', () => {
        const titles = page.headings.map((h) => h.title);
        expect(titles).toEqual(['Example', 'Why', 'How to fix']);
      });

      const flow = page.blocks.filter((b) => b.lang === 'flow');
      if (flow.length === 0) return;

      test('the example produces the code, as the page shows it', () => {
        const example = flow[0] as Block;
        const diagnostics = check(example.text);
        expect(diagnostics.map((d) => d.code)).toContain(code);
        // The block right after the example shows flowc's output for it.
        const shown = page.blocks[page.blocks.indexOf(example) + 1];
        expect(shown?.lang, 'a ```text block with the output follows the example').toBe('text');
        const rendered = diagnostics.map((d) => renderPretty(d)).join('\n\n');
        expect(shown?.text.trimEnd()).toBe(rendered.trimEnd());
      });

      test('the fix, under "How to fix", checks without diagnostics', () => {
        expect(flow.length, 'a page with a ```flow example also shows the fixed program').toBeGreaterThanOrEqual(2);
        const fix = flow[flow.length - 1] as Block;
        const howToFix = page.headings.find((h) => h.title === 'How to fix');
        expect(fix.line).toBeGreaterThan(howToFix?.line ?? Infinity);
        expect(check(fix.text).map((d) => `${d.code} ${d.message}`)).toEqual([]);
      });
    });
  }
});

describe('docs/diagnostics/README.md: the index', () => {
  const readme = readFileSync(join(docs, 'README.md'), 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of readme.split('\n')) {
    const cells = /^\|(.*)\|$/.exec(line.trim())?.[1]?.split('|').map((cell) => cell.trim());
    if (cells?.[0] !== undefined && /^FL\d{4}$/.test(cells[0])) rows.set(cells[0], cells);
  }

  test('lists every live code that has a page, with its severity, title and link', () => {
    for (const [code, info] of Object.entries(codes)) {
      if ('retired' in info || !pages.includes(`${code}.md`)) continue;
      expect(rows.get(code), `README.md has no row for ${code}`).toEqual([code, info.severity, info.title, `[${code}.md](${code}.md)`]);
    }
  });

  test('links only to pages that exist', () => {
    for (const code of rows.keys()) expect(pages, `README.md lists ${code}`).toContain(`${code}.md`);
  });
});

describe('docs/diagnostics/FL2008.md: the list of settings', () => {
  test('names every setting of every place, as the schema does', () => {
    if (!pages.includes('FL2008.md')) return;
    const text = readFileSync(join(docs, 'FL2008.md'), 'utf8');
    const list = /```text\n(app .*?)```/s.exec(text)?.[1] ?? '';
    // Each place starts a line; its settings may continue on indented lines.
    const listed = new Map<string, string[]>();
    let place = '';
    for (const line of list.split('\n')) {
      const match = /^(\w+)?\s+(.*)$/.exec(line);
      if (!match) continue;
      if (match[1] !== undefined) place = match[1];
      const names = (match[2] ?? '').split(',').map((s) => s.trim()).filter((s) => /^\w+$/.test(s));
      listed.set(place, [...(listed.get(place) ?? []), ...names]);
    }
    const expected = new Map(Object.entries(settingSchema).map(([where, settings]) => [where, Object.keys(settings)]));
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(expected));
  });
});
