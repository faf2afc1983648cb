import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { codes } from '../compiler/diagnostics/codes.js';
import { rules } from '../compiler/check/rules/index.js';
import { fixtureFolders } from './helpers/fixtures.js';

const repo = new URL('../', import.meta.url).pathname;

/** All TypeScript sources of the compiler and grammar, to find where each code is raised. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(`${repo}${dir}`, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith('.ts')) out.push(readFileSync(`${repo}${path}`, 'utf8'));
  }
  return out;
}

describe('the diagnostic catalogue', () => {
  const entries = Object.entries(codes);
  const live = entries.filter(([, info]) => !('retired' in info));

  test('codes are FL + 4 digits, in their phase range, with unique slugs', () => {
    const ranges: Record<string, string> = { syntax: '1', names: '2', types: '3', aws: '4', graph: '5', handlers: '6', cli: '9' };
    for (const [code, info] of entries) {
      expect(code).toMatch(/^FL\d{4}$/);
      expect(code[2]).toBe(ranges[info.phase]);
    }
    const slugs = entries.map(([, info]) => info.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  test('every live code is raised somewhere in the compiler', () => {
    const text = [...sources('compiler'), ...sources('grammar')].join('\n');
    const codeOfProblemKind = /codeOfProblem[^}]*}/s.exec(text)?.[0] ?? '';
    for (const [code] of live) {
      const raised = text.includes(`'${code}'`) || codeOfProblemKind.includes(code);
      expect(raised, `${code} is never raised`).toBe(true);
    }
  });

  test('every file-level code has an invalid fixture; every CLI code a CLI test', () => {
    const folders = fixtureFolders('invalid');
    // CLI codes are tested where their command is: any test of test/cli/ or test/deploy/.
    const cliTests = ['test/cli', 'test/deploy']
      .flatMap((dir) => readdirSync(`${repo}${dir}`).filter((name) => name.endsWith('.test.ts')).map((name) => readFileSync(`${repo}${dir}/${name}`, 'utf8')))
      .join('\n');
    for (const [code, info] of live) {
      if (info.phase === 'cli') {
        expect(cliTests.includes(code), `${code} has no CLI test`).toBe(true);
      } else {
        expect(folders.some((f) => f.startsWith(`${code}-`)), `${code} has no fixture`).toBe(true);
      }
    }
  });

  test('fixture folders name live codes and their slugs', () => {
    for (const folder of fixtureFolders('invalid')) {
      const code = folder.slice(0, 6) as keyof typeof codes;
      expect(codes[code], folder).toBeDefined();
      expect(folder.startsWith(`${code}-${codes[code].slug}`), folder).toBe(true);
    }
  });

  test('each rule has its own code, a failing fixture and a passing fixture', () => {
    const ruleCodes = rules.map((r) => r.code);
    expect(new Set(ruleCodes).size, 'two rules share a code').toBe(ruleCodes.length);
    const invalid = fixtureFolders('invalid');
    const valid = fixtureFolders('valid');
    for (const code of ruleCodes) {
      const slug = codes[code].slug;
      expect(invalid.some((f) => f.startsWith(`${code}-${slug}`)), `${code} has no test/fixtures/invalid/${code}-${slug}`).toBe(true);
      expect(valid.some((f) => f.startsWith(`${code}-${slug}`)), `${code} has no test/fixtures/valid/${code}-${slug}`).toBe(true);
    }
  });

  test('every live code has a docs page', () => {
    for (const [code] of live) {
      expect(existsSync(`${repo}docs/diagnostics/${code}.md`), `docs/diagnostics/${code}.md`).toBe(true);
    }
  });
});
