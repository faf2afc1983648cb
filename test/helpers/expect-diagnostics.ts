import { expect } from 'vitest';
import type { Rule } from '../../compiler/check/rule.js';
import { check } from '../../compiler/check/run-checks.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { Reporter } from '../../compiler/diagnostics/reporter.js';
import { resolve } from '../../compiler/resolve/resolve.js';
import { SourceFile } from '../../compiler/source/source-file.js';
import { parseSource } from '../../compiler/syntax/parse.js';

/** What a test says about one diagnostic: where, and (any of) its words. */
export interface ExpectedDiagnostic {
  /** `line:column` of the primary span, 1-based. */
  readonly at: string;
  readonly message: string | RegExp;
  readonly label?: string | RegExp;
  readonly why?: string | RegExp;
  readonly help?: string | RegExp;
}

/**
 * Runs one rule on `source`, alone: parse, resolve, the type judgements and `rule`, and nothing
 * else of `rules/index.ts`. The snippet must be otherwise clean (no syntax or name errors), so a
 * typo in a test cannot pass as "the rule said nothing".
 */
export function ruleDiagnostics(rule: Rule, source: string): Diagnostic[] {
  const file = new SourceFile('t.flow', source);
  const reporter = new Reporter(file);
  const parsed = parseSource(reporter);
  const program = resolve(parsed, reporter);
  check(program, reporter, [rule]);
  const others = reporter.diagnostics.filter((d) => d.code !== rule.code);
  expect(others.map((d) => `${d.code} ${d.message}`), 'the snippet has diagnostics of other codes').toEqual([]);
  return [...reporter.diagnostics];
}

/**
 * The message branches of a rule: exactly these diagnostics of `rule.code`, in order, on
 * `source`. Each expectation compares the fields it names (`at` and `message` always).
 */
export function expectDiagnostics(rule: Rule, source: string, expected: readonly ExpectedDiagnostic[]): void {
  const diagnostics = ruleDiagnostics(rule, source);
  const fields = ['message', 'label', 'why', 'help'] as const;
  const got = diagnostics.map((d, i) => {
    const { line, column } = d.source.position(d.primary.span.start);
    const all = { message: d.message, label: d.primary.message, why: d.why, help: d.help };
    const named = expected[i] ?? { at: '', message: '' };
    return { at: `${line}:${column}`, ...Object.fromEntries(fields.filter((f) => named[f] !== undefined).map((f) => [f, all[f]])) };
  });
  const wanted = expected.map((e) => ({
    at: e.at,
    ...Object.fromEntries(fields.filter((f) => e[f] !== undefined).map((f) => [f, typeof e[f] === 'string' ? e[f] : expect.stringMatching(e[f] as RegExp)])),
  }));
  expect(got).toEqual(wanted);
}
