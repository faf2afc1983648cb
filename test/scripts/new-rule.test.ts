// scripts/new-rule.js, run on a temporary copy of the two files it edits: it writes the rule,
// its registration, its code, a docs page and the fixtures, never overwrites, and --dry-run
// writes nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const script = `${root}scripts/new-rule.js`;
const edited = ['compiler/diagnostics/codes.ts', 'compiler/check/rules/index.ts', 'docs/diagnostics/README.md'];
let copy: string;

beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'flowc-new-rule-'));
  for (const path of edited) cpSync(`${root}${path}`, join(copy, path));
});
afterEach(() => rmSync(copy, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args, '--root', copy], { encoding: 'utf8' });
const read = (path: string) => readFileSync(join(copy, path), 'utf8');

describe('new-rule', () => {
  test('scaffolds the rule, registers it and its code, and writes its docs page and fixtures', () => {
    const result = run('bucket-name-length', 'FL4099', '--title', "A bucket's name AWS refuses");
    expect(result.status, result.stderr).toBe(0);
    const rule = read('compiler/check/rules/bucket-name-length.ts');
    expect(rule).toContain('export const bucketNameLength: Rule = {');
    expect(rule).toContain("code: 'FL4099'");
    const index = read('compiler/check/rules/index.ts');
    expect(index).toContain("import { bucketNameLength } from './bucket-name-length.js';");
    expect(index).toMatch(/export const rules: readonly Rule\[\] = \[\n {2}bucketNameLength,\n/);
    const codes = read('compiler/diagnostics/codes.ts');
    expect(codes).toContain("FL4099: { slug: 'bucket-name-length', severity: 'error', phase: 'aws', title: 'A bucket\\'s name AWS refuses' },");
    // In order: after every lower code, before every higher one.
    const order = [...codes.matchAll(/^\s*(FL\d{4}):/gm)].map((m) => m[1]);
    expect(order).toEqual([...order].sort());
    expect(read('docs/diagnostics/FL4099.md')).toMatch(/^# FL4099: A bucket's name AWS refuses\n/);
    expect(read('docs/diagnostics/README.md')).toContain("| FL4099 | error | A bucket's name AWS refuses | [FL4099.md](FL4099.md) |");
    expect(read('test/fixtures/invalid/FL4099-bucket-name-length/input.flow')).toMatch(/^# expect: FL4099 /);
    expect(existsSync(join(copy, 'test/fixtures/invalid/FL4099-bucket-name-length/diagnostics.txt'))).toBe(true);
    expect(existsSync(join(copy, 'test/fixtures/valid/FL4099-bucket-name-length/input.flow'))).toBe(true);
  });

  test('never overwrites a file, and refuses a code or a slug that is taken', () => {
    expect(run('bucket-name-length', 'FL4099').status).toBe(0);
    const before = read('compiler/diagnostics/codes.ts');
    const again = run('bucket-name-length', 'FL4098');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('taken');
    expect(run('other-name', 'FL4099').stderr).toContain('never reused');
    expect(read('compiler/diagnostics/codes.ts')).toBe(before);
  });

  test('--dry-run lists the files and writes none', () => {
    const before = edited.map(read);
    const out = execFileSync(process.execPath, [script, 'bucket-name-length', 'FL4099', '--dry-run', '--root', copy], { encoding: 'utf8' });
    expect(out.split('\n').filter(Boolean)).toHaveLength(8);
    expect(out).toContain('would create compiler/check/rules/bucket-name-length.ts');
    expect(edited.map(read)).toEqual(before);
    expect(existsSync(join(copy, 'docs/diagnostics/FL4099.md'))).toBe(false);
  });

  test('refuses a name or code of the wrong form', () => {
    expect(run('BucketName', 'FL4099').stderr).toContain('kebab-case');
    expect(run('bucket-name', 'FL9099').stderr).toContain('FL1xxx–FL5xxx');
  });
});
