import { type CheckedProgram, check } from './check/run-checks.js';
import { lowerToManifest } from './lower/to-manifest.js';
import type { FlowManifest } from '../runtime/manifest/schema.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { compareDiagnostics } from './diagnostics/diagnostic.js';
import { Reporter } from './diagnostics/reporter.js';
import { listWords } from './diagnostics/suggest.js';
import type { ResolvedProgram } from './resolve/program.js';
import { applyStage } from './resolve/apply-stage.js';
import { resolve } from './resolve/resolve.js';
import { decodeSource } from './source/decode.js';
import { SourceFile } from './source/source-file.js';
import { span } from './source/span.js';
import { MAX_SYNTAX_ERRORS, parseSource } from './syntax/parse.js';
import type { StatementCache } from './syntax/statement-cache.js';

/** Wall time of each phase in milliseconds, for `bench/in-process.ts` (the CLI has no option that prints them). */
export interface PhaseTimings {
  parse?: number;
  resolve?: number;
  check?: number;
  lower?: number;
}

export interface CheckResult {
  readonly source: SourceFile;
  /** Every diagnostic of every phase, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the file could be read as text; may be partial when there are errors. */
  readonly program?: ResolvedProgram;
  readonly checked?: CheckedProgram;
  readonly timings: PhaseTimings;
}

/** How a file is compiled: for a stage (`--stage`), or without one (names stay `<app>-<name>`). */
export interface CompileOptions {
  readonly stage?: string;
  /** The statements of the last parse of this file (`flowc watch`): unchanged ones are not parsed again. */
  readonly statements?: StatementCache;
}

/**
 * The front end for one file: text → parse → resolve → check, every phase run even after
 * errors in an earlier one (each later phase is silent about what an earlier one reported).
 */
export function checkText(path: string, text: string, options: CompileOptions = {}): CheckResult {
  const source = new SourceFile(path, text);
  const reporter = new Reporter(source);
  const timings: PhaseTimings = {};
  let t = performance.now();
  const parsed = parseSource(reporter, options.statements);
  timings.parse = performance.now() - t;
  if (parsed.refused || reporter.errorCount >= MAX_SYNTAX_ERRORS) {
    return { source, diagnostics: sorted(reporter.diagnostics), timings };
  }
  t = performance.now();
  const resolved = resolve(parsed, reporter);
  const program = applyStage(resolved, options.stage, reporter);
  timings.resolve = performance.now() - t;
  t = performance.now();
  const checked = check(program, reporter);
  const others = checkOtherStages(resolved, program.stage);
  timings.check = performance.now() - t;
  return { source, diagnostics: sorted(withOtherStages(reporter.diagnostics, others, [...resolved.stages.keys()])), program, checked, timings };
}

/** The diagnostics of checking the program on one stage (`undefined`: without a stage). */
interface StageRun {
  readonly stage: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A file with `stage` blocks is checked on every one of them and without a stage, whichever
 * is selected, so `flowc check` finds a mistake that only one stage's values make
 * (`stage prod { charge { memory = 20000 } }`, a name too long for the longest stage name),
 * and a build for one stage refuses a file that is wrong on another. Resolve ran once: only
 * the rules run again. The longest stage names go first, so a name-length message (FL4036)
 * that several stages share quotes the longest name.
 */
function checkOtherStages(resolved: ResolvedProgram, selected: string | undefined): StageRun[] {
  if (resolved.stages.size === 0) return [];
  const names = [...resolved.stages.keys()].sort((a, b) => b.length - a.length);
  const runs: (string | undefined)[] = [...names, undefined].filter((stage) => stage !== selected);
  return runs.map((stage) => {
    const reporter = new Reporter(resolved.source);
    check(applyStage(resolved, stage, reporter), reporter);
    return { stage, diagnostics: reporter.diagnostics };
  });
}

/**
 * The selected program's diagnostics, and each diagnostic of another stage that it does not
 * have (same code at the same place), once, with a note of the stages it comes from: a
 * mistake of the app's own settings is reported once, not once per stage.
 */
function withOtherStages(selected: readonly Diagnostic[], others: readonly StageRun[], declared: readonly string[]): readonly Diagnostic[] {
  if (others.length === 0) return selected;
  const key = (d: Diagnostic) => `${d.code} ${d.primary.span.start} ${d.primary.span.end}`;
  const seen = new Set(selected.map(key));
  const extra = new Map<string, { diagnostic: Diagnostic; stages: (string | undefined)[] }>();
  for (const run of others) {
    for (const diagnostic of run.diagnostics) {
      const k = key(diagnostic);
      if (seen.has(k)) continue;
      const entry = extra.get(k);
      if (entry === undefined) extra.set(k, { diagnostic, stages: [run.stage] });
      else if (!entry.stages.includes(run.stage)) entry.stages.push(run.stage);
    }
  }
  const noted = [...extra.values()].map(({ diagnostic, stages }) => ({ ...diagnostic, notes: [...diagnostic.notes, foundOn(stages, declared)] }));
  return [...selected, ...noted];
}

/** "found on stage `prod`", "found on stages `dev` and `prod`", "found without a stage (no `--stage`)": in declaration order. */
function foundOn(stages: readonly (string | undefined)[], declared: readonly string[]): string {
  const named = declared.filter((name) => stages.includes(name)).map((name) => `\`${name}\``);
  const parts = [
    ...(named.length === 0 ? [] : [`on ${named.length === 1 ? 'stage' : 'stages'} ${listWords(named, 'and')}`]),
    ...(stages.includes(undefined) ? ['without a stage (no `--stage`)'] : []),
  ];
  return `found ${parts.join(' and ')}`;
}

/** Like `checkText`, from the bytes of a file: reports FL1006/FL1008 for what is not UTF-8 text. */
export function checkBytes(path: string, bytes: Uint8Array, options: CompileOptions = {}): CheckResult {
  const decoded = decodeSource(bytes);
  if (decoded.ok) return checkText(path, decoded.text, options);
  // Invalid UTF-8 is shown with replacement characters at the bad byte; binary and oversized
  // files are not shown at all, a frame of them would only garble the terminal.
  const showText = decoded.reason === 'invalid-utf8';
  const text = showText ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : '';
  const at = showText ? new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, decoded.byteOffset)).length : 0;
  const source = new SourceFile(path, text);
  const reporter = new Reporter(source);
  reporter.report(decoded.reason === 'too-large' ? 'FL1008' : 'FL1006', span(at, at + 1), decoded.message, {
    ...(showText ? { label: 'not UTF-8' } : {}),
    help:
      decoded.reason === 'too-large'
        ? 'a flow this large is not hand-written; check that this is the file you meant, or split it into several apps'
        : 'a .flow file is UTF-8 text; check that this is the file you meant',
  });
  return { source, diagnostics: reporter.diagnostics, timings: {} };
}

export interface CompileResult extends CheckResult {
  /** Present only when the file has no errors. */
  readonly manifest?: FlowManifest;
}

/** check, then — only without errors — lower to the manifest that emitters and the simulator read. */
export function compileBytes(path: string, bytes: Uint8Array, options: CompileOptions = {}): CompileResult {
  const result = checkBytes(path, bytes, options);
  return withManifest(result);
}

export function compileText(path: string, text: string, options: CompileOptions = {}): CompileResult {
  return withManifest(checkText(path, text, options));
}

function withManifest(result: CheckResult): CompileResult {
  if (!result.checked || result.diagnostics.some((d) => d.severity === 'error')) return result;
  const t = performance.now();
  const manifest = lowerToManifest(result.checked, result.source);
  result.timings.lower = performance.now() - t;
  return { ...result, manifest };
}

function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}
