// The VS Code extension's TextMate grammar (editors/vscode/syntaxes/flow.tmLanguage.json):
// the annotated samples under editors/vscode/test pass vscode-tmgrammar-test, and every word
// the language gives a meaning (taken from the compiler's own lists, not a copy) is
// highlighted, so the grammar cannot silently fall behind the language.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenType } from 'chevrotain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { declarationKeywords, Fn, resourceKeywords } from '../../grammar/tokens.js';
import { checkText } from '../../compiler/program.js';
import { isError } from '../../compiler/diagnostics/diagnostic.js';
import { builtinTypeNames } from '../../compiler/resolve/program.js';
import { entryOperators, valueOperators } from '../../compiler/resolve/pattern.js';
import { settingSchema } from '../../compiler/settings/schema.js';
import { nodeRuntimes } from '../../runtime/aws/limits.js';

const root = new URL('../../', import.meta.url).pathname;
const extension = join(root, 'editors/vscode');
const grammar = join(extension, 'syntaxes/flow.tmLanguage.json');
const samples = join(extension, 'test');

/** Runs vscode-tmgrammar-test on `files`: its exit status and report (a line per file, an `ERROR` line per failed assertion). */
function grammarTest(files: readonly string[]): { status: number | null; report: string } {
  const cli = join(root, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
  const result = spawnSync(process.execPath, [cli, '--compact', '-g', grammar, ...files], { cwd: root, encoding: 'utf8' });
  return { status: result.status, report: `${result.stdout}${result.stderr}` };
}

interface Line {
  readonly text: string;
  readonly word: string;
  readonly scope: string;
}

/** A sample for vscode-tmgrammar-test: each line, with an assertion of `scope` under the last `word` in it. */
function annotated(description: string, lines: readonly Line[]): string {
  const out = [`# SYNTAX TEST "source.flow" "${description}"`];
  for (const { text, word, scope } of lines) {
    const at = text.lastIndexOf(word);
    // An assertion line starts with `#`, so it can point at column 1 and later.
    if (at < 1) throw new Error(`${word} must follow column 0 in ${text}`);
    out.push(text, `#${' '.repeat(at - 1)}${'^'.repeat(word.length)} ${scope}`);
  }
  return `${out.join('\n')}\n`;
}

const word = (token: TokenType): string => token.name.replace(/^Kw_/, '');
/** The scope of each declaration keyword: `storage.type.function.flow`, `storage.type.resource.queue.flow`, … */
function keywordScope(token: TokenType): string {
  if (token === Fn) return 'storage.type.function.flow';
  return resourceKeywords.includes(token) ? `storage.type.resource.${word(token)}.flow` : `storage.type.${word(token)}.flow`;
}

const keywordLines = declarationKeywords.flatMap((token): Line[] => {
  const w = word(token);
  // Indented by one space (still the start of a statement) so that column 0 is free.
  return [
    // A declaration: the keyword, then a name.
    { text: ` ${w} sample`, word: w, scope: keywordScope(token) },
    // The next statement being typed: the keyword alone on its line.
    { text: ` ${w}`, word: w, scope: keywordScope(token) },
    // Contextual: as an edge's end, and as a declared name, it is a name.
    { text: ` ${w} -> other`, word: w, scope: 'variable.other.endpoint.flow' },
    { text: ` other -> ${w}`, word: w, scope: 'variable.other.endpoint.flow' },
    { text: ` queue ${w}: string`, word: w, scope: 'entity.name.resource.queue.flow' },
  ];
});

const typeLines: Line[] = [
  ...builtinTypeNames.map((w) => ({ text: `type T = ${w}`, word: w, scope: 'support.type.primitive.flow' })),
  ...builtinTypeNames.map((w) => ({ text: `type T = { f: ${w}[] }`, word: w, scope: 'support.type.primitive.flow' })),
  ...['success', 'failure'].map((w) => ({ text: `fn h(${w}<f>)`, word: w, scope: 'support.type.builtin.flow' })),
];

const patternOperators = [...valueOperators, ...entryOperators];
const operatorLines: Line[] = patternOperators.map((w) => ({
  text: `a -> b { match { detail { f = ${w}("x") } } }`,
  word: w,
  scope: 'support.function.pattern.flow',
}));

/** Every word a setting's value can be: the schema's word lists and `content` (`dedupe = content`). */
const settingWords = new Set<string>(['content']);
for (const block of Object.values(settingSchema)) {
  for (const spec of Object.values(block)) if (spec.value.type === 'word') for (const w of spec.value.words) settingWords.add(w);
}
const wordLines: Line[] = [
  ...[...settingWords].map((w) => ({ text: `fn f { s = ${w} }`, word: w, scope: 'constant.language.word.flow' })),
  ...Object.keys(nodeRuntimes).map((w) => ({ text: `fn f { runtime = ${w} }`, word: w, scope: 'constant.language.runtime.flow' })),
];

const generated: Record<string, string> = {
  'keywords.flow': annotated('declaration keywords', keywordLines),
  'types.flow': annotated('built-in types', typeLines),
  'operators.flow': annotated('pattern operators', operatorLines),
  'words.flow': annotated('setting words and runtimes', wordLines),
  // A deliberately wrong assertion: the harness must be able to fail.
  'wrong.flow': annotated('wrong', [{ text: ' fn charge(string)', word: 'charge', scope: 'support.type.primitive.flow' }]),
};

const scratch = mkdtempSync(join(tmpdir(), 'flowc-grammar-'));
const sampleFiles = readdirSync(samples).filter((f) => f.endsWith('.flow')).map((f) => join(samples, f));
let report = '';
let status: number | null = null;
// One run over every file: the tool takes about a second to start.
beforeAll(() => {
  for (const [name, text] of Object.entries(generated)) writeFileSync(join(scratch, name), text);
  ({ report, status } = grammarTest([...sampleFiles, ...Object.keys(generated).map((name) => join(scratch, name))]));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The report's lines about `file`: `✓ … run successfuly.` or one `ERROR …` per failed assertion. */
const reportOf = (file: string): string[] => report.split('\n').filter((line) => line.includes(`${file}:`) || line.includes(`${file} `));
const failuresOf = (file: string): string[] => reportOf(file).filter((line) => line.startsWith('ERROR'));
function expectPasses(file: string): void {
  expect(failuresOf(file)).toEqual([]);
  expect(reportOf(file)).toEqual([expect.stringContaining('run successfuly')]);
}

describe('the TextMate grammar', () => {
  test('passes the annotated samples of editors/vscode/test', () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(5);
    for (const file of sampleFiles) expectPasses(file);
  });

  test('fails a sample that asserts a wrong scope (the harness can fail)', () => {
    expect(failuresOf(join(scratch, 'wrong.flow'))).toEqual([expect.stringContaining('Missing required scopes: [ support.type.primitive.flow ]')]);
    expect(status).not.toBe(0);
  });

  test('highlights every declaration keyword of grammar/tokens.ts, and not where it is a name', () => {
    expect(declarationKeywords.map(word)).toEqual(expect.arrayContaining(['app', 'type', 'fn', 'queue', 'table']));
    expectPasses(join(scratch, 'keywords.flow'));
  });

  test('highlights every built-in type name, and success<f> / failure<f>', () => {
    expectPasses(join(scratch, 'types.flow'));
  });

  test('highlights every pattern operator of compiler/resolve/pattern.ts inside `match`', () => {
    expect(patternOperators).toContain('anything_but');
    expectPasses(join(scratch, 'operators.flow'));
  });

  test('highlights every word value of the settings schema and every Node.js runtime', () => {
    expect(settingWords.size).toBeGreaterThan(10);
    expectPasses(join(scratch, 'words.flow'));
  });

  test('the samples are .flow programs flowc accepts (all but the one about mistakes)', () => {
    for (const file of sampleFiles.filter((f) => !f.endsWith('/literals.flow'))) {
      const errors = checkText(file, readFileSync(file, 'utf8')).diagnostics.filter(isError);
      expect(errors.map((d) => `${file}: ${d.code} ${d.message}`)).toEqual([]);
    }
  });
});
