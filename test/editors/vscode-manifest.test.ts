// The VS Code extension's manifest and language configuration (editors/vscode): what they point
// at exists, they agree with the grammar and the lexer, and the README installs the .vsix that
// `npm run package` writes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Comment, LBrace, LBracket, LParen, RBrace, RBracket, RParen } from '../../grammar/tokens.js';

const root = new URL('../../', import.meta.url).pathname;
const extension = join(root, 'editors/vscode');
const json = (path: string): unknown => JSON.parse(readFileSync(join(extension, path), 'utf8'));

interface Manifest {
  name: string;
  version: string;
  main: string;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    languages: Array<{ id: string; extensions: string[]; configuration: string }>;
    grammars: Array<{ language: string; scopeName: string; path: string }>;
    configuration: { properties: Record<string, { type: string }> };
  };
}
interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: Array<[string, string]>;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string; indentNextLinePattern: string };
}

const manifest = json('package.json') as Manifest;
const configuration = json('language-configuration.json') as LanguageConfiguration;
const pattern = (token: { PATTERN?: unknown }): string => (token.PATTERN instanceof RegExp ? token.PATTERN.source : String(token.PATTERN)).replace(/^\\/, '');

describe('the VS Code extension', () => {
  test('contributes the flow language for .flow files, with the grammar and configuration it ships', () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({ id: 'flow', extensions: ['.flow'] });
    expect(existsSync(join(extension, language?.configuration ?? ''))).toBe(true);
    const [grammar] = manifest.contributes.grammars;
    expect(grammar?.language).toBe('flow');
    const tmLanguage = json(grammar?.path ?? '') as { scopeName: string };
    expect(tmLanguage.scopeName).toBe(grammar?.scopeName);
  });

  test('runs the bundle that scripts/build.js writes, and packages only what it needs', () => {
    expect(manifest.main).toBe('./dist/extension.cjs');
    expect(readFileSync(join(extension, 'scripts/build.js'), 'utf8')).toContain(`outfile: '${manifest.main.slice(2)}'`);
    const kept = readFileSync(join(extension, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    expect(kept).toEqual(expect.arrayContaining([manifest.main.slice(2), manifest.contributes.grammars[0]?.path.slice(2), 'language-configuration.json', 'package.json']));
  });

  test('declares the flowc.path setting', () => {
    expect(manifest.contributes.configuration.properties['flowc.path']?.type).toBe('string');
  });

  test('builds against the oldest VS Code API it admits (vsce refuses newer @types/vscode)', () => {
    const oldest = /^\^(\d+\.\d+\.\d+)$/.exec(manifest.engines.vscode)?.[1];
    expect(oldest).toBeDefined();
    expect(manifest.devDependencies['@types/vscode']).toBe(oldest);
  });

  test('the README installs the .vsix that `npm run package` writes', () => {
    const vsix = `${manifest.name}-${manifest.version}.vsix`;
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`code --install-extension ${vsix}`);
    expect(readFileSync(join(extension, 'README.md'), 'utf8')).toContain(`code --install-extension ${vsix}`);
  });
});

describe('the language configuration', () => {
  test('comments and brackets are the lexer\'s', () => {
    expect(pattern(Comment).startsWith(configuration.comments.lineComment)).toBe(true);
    expect(configuration.brackets).toEqual([
      [pattern(LBrace), pattern(RBrace)],
      [pattern(LBracket), pattern(RBracket)],
      [pattern(LParen), pattern(RParen)],
    ]);
  });

  test('indents after an opening bracket and after a line that continues (->, =, |), outdents at a closing one', () => {
    const rules = configuration.indentationRules;
    const increase = new RegExp(rules.increaseIndentPattern);
    const decrease = new RegExp(rules.decreaseIndentPattern);
    const next = new RegExp(rules.indentNextLinePattern);
    for (const line of ['fn charge(Order) {', 'app a { handlers = "#{", env {', 'type Ticket = {   # a record', 'orders -> pick { match {', '  sends = [', '  any_of(']) expect(line).toMatch(increase);
    for (const line of ['fn charge(Order) { memory = 512 }', '  memory = 256', '# {', 'queue q', 'fn f { handler = "x{" }']) expect(line).not.toMatch(increase);
    for (const line of ['}', '  ]', '  ) # done']) expect(line).toMatch(decrease);
    for (const line of ['type Status =', 'tickets ->', '  | "open" |']) expect(line).toMatch(next);
    for (const line of ['tickets -> triage', 'type T = string']) expect(line).not.toMatch(next);
  });
});
