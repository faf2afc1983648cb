import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FlowParser } from '../grammar/parser.js';
import { declarationKeywords } from '../grammar/tokens.js';
import { checkText } from '../compiler/program.js';
import { type EdgeKindName, type SettingsContext, type SettingSpec, settingSchema } from '../compiler/settings/schema.js';

/**
 * Keeps docs/language.md true: its examples check cleanly, its settings tables list exactly
 * the settings of the schema, and its EBNF defines every rule of the parser.
 */

const docPath = 'docs/language.md';
const doc = readFileSync(new URL(`../${docPath}`, import.meta.url), 'utf8');

interface CodeBlock {
  readonly info: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly text: string;
}

function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    blocks.push({ info: open[1] ?? '', line: start + 1, text: `${body.join('\n')}\n` });
  }
  return blocks;
}

/** The text of a `## heading` section, up to the next `## ` heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return '';
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** Setting names of the rows of the tables in `text`: rows that start with "| `name`". */
function tableRowNames(text: string): string[] {
  return [...text.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1] ?? '');
}

const blocks = codeBlocks(doc);
const flowBlocks = blocks.filter((b) => b.info === 'flow');

describe('docs/language.md', () => {
  test('has flow examples and one EBNF grammar', () => {
    expect(flowBlocks.length).toBeGreaterThan(5);
    expect(blocks.filter((b) => b.info === 'ebnf')).toHaveLength(1);
  });

  for (const block of flowBlocks) {
    test(`the flow example at line ${block.line} is a whole program that checks without diagnostics`, () => {
      expect(block.text.split('\n')[0]).toMatch(/^app [A-Za-z_][A-Za-z0-9_]*\b/);
      const result = checkText(`${docPath}:${block.line}`, block.text);
      const diagnostics = result.diagnostics.map((d) => {
        const at = d.source.position(d.primary.span.start);
        return `${d.code} ${at.line}:${at.column} ${d.message}`;
      });
      expect(diagnostics).toEqual([]);
    });
  }

  test('every setting of the schema has a table row', () => {
    const rows = new Set(tableRowNames(doc));
    const missing = Object.entries(settingSchema).flatMap(([context, settings]) =>
      Object.keys(settings)
        .filter((name) => !rows.has(name))
        .map((name) => `${context}.${name}`),
    );
    expect(missing).toEqual([]);
  });

  test('each context of the Settings section lists exactly the settings of the schema', () => {
    const settings = section(doc, 'Settings');
    expect(settings).not.toBe('');
    const contexts = Object.keys(settingSchema) as SettingsContext[];
    const parts = settings.split(/^### /m).slice(1);
    const headings = parts.map((part) => part.slice(0, part.indexOf('\n')).trim());
    expect(headings).toEqual(contexts);
    for (const [index, context] of contexts.entries()) {
      const rows = tableRowNames(parts[index] ?? '');
      expect(rows.sort(), `the table of ${context}`).toEqual(Object.keys(settingSchema[context]).sort());
    }
  });

  test('the Value and Edges columns of the settings tables say what the schema says', () => {
    const parts = section(doc, 'Settings').split(/^### /m).slice(1);
    const contexts = Object.keys(settingSchema) as SettingsContext[];
    for (const [index, context] of contexts.entries()) {
      for (const row of (parts[index] ?? '').matchAll(/^\| `([a-z_]+)` \| ([^|]+) \|(?: ([^|]+) \|)? [^\n]*\|$/gm)) {
        const name = row[1] ?? '';
        const spec = settingSchema[context][name];
        expect(spec, `${context}.${name}`).toBeDefined();
        if (spec === undefined) continue;
        expect(row[2]?.trim(), `the value of ${context}.${name}`).toBe(formWords(spec));
        if (context === 'edge') expect(row[3]?.trim(), `the edges of ${name}`).toBe(edgeWords(spec.edges ?? [], name));
      }
    }
  });

  test('every declaration keyword is mentioned', () => {
    const labels = declarationKeywords.map((keyword) => keyword.LABEL ?? '');
    for (const label of labels) expect(label).toMatch(/^`[a-z]+`$/);
    expect(labels.filter((label) => !doc.includes(label))).toEqual([]);
  });

  test('the EBNF defines every rule of the parser', () => {
    const ebnf = blocks.find((b) => b.info === 'ebnf')?.text ?? '';
    const rules = Object.keys(new FlowParser().getGAstProductions());
    expect(rules.length).toBeGreaterThan(10);
    const defined = [...ebnf.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)].map((m) => m[1]);
    expect(rules.filter((rule) => !defined.includes(rule))).toEqual([]);
  });
});

describe('README.md', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```flow\n([\s\S]*?)```/g)].map((m) => m[1] as string);

  test('has an example, and every example checks without diagnostics', () => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(checkText('README.md', block).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    }
  });

  test('gives the two commands a newcomer runs', () => {
    expect(readme).toContain('npm ci && npx flowc build examples/shop/shop.flow -o out');
    expect(readme).toContain('npm ci && npm test');
  });
});

/** How the Settings tables of docs/language.md write a setting's form. */
function formWords(spec: SettingSpec): string {
  const value = spec.value;
  switch (value.type) {
    case 'int':
      return 'whole number';
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'duration':
      return `duration, whole ${spec.unit ?? 'seconds'}`;
    case 'string':
      return 'string';
    case 'word':
      return `word: ${value.words.map((w) => `\`${w}\``).join(', ')}`;
    case 'ref':
      return `name: ${value.kinds.join(', ')}`;
    case 'refs':
      return `list of names: ${value.kinds.join(', ')}`;
    case 'field':
      return 'field';
    case 'dedupe':
      return '`content` or field';
    case 'runtime':
      return 'runtime';
    case 'env':
      return 'variables';
    case 'tags':
      return 'tags';
    case 'pattern':
      return 'pattern';
    case 'strings':
      return 'list of strings';
    case 'timestamp':
      return 'timestamp';
    case 'events':
      return 'list of S3 events';
    case 'json':
      return 'constant';
    case 'arn':
      return 'ARN';
  }
}

/** How the edge table writes the kinds of edge that take a setting. */
function edgeWords(edges: readonly EdgeKindName[], setting: string): string {
  const triggers = (['queue-trigger', 'stream-trigger', 'table-trigger'] as const).filter((k) => edges.includes(k)).map((k) => k.replace('-trigger', ''));
  const parts: string[] = [];
  if (triggers.length > 0) parts.push(`${triggers.length === 1 ? triggers[0] : `${triggers.slice(0, -1).join(', ')} and ${triggers.at(-1)}`} triggers`);
  if (edges.includes('rule')) parts.push(triggers.length > 0 ? 'bus rules' : 'bus → target');
  // RawMessageDelivery is for queue subscribers only; the other subscription settings take both.
  if (edges.includes('subscription')) parts.push(setting === 'raw' ? 'topic → queue' : 'topic → target');
  if (edges.includes('route')) parts.push('api → fn');
  if (edges.includes('notification')) parts.push('bucket → target');
  return parts.join('; ');
}
