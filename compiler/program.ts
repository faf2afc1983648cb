import { type CheckedProgram, check } from './check/run-checks.js';
import { lowerToManifest } from './lower/to-manifest.js';
import type { FlowManifest } from '../runtime/manifest/schema.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { compareDiagnostics } from './diagnostics/diagnostic.js';
import { Reporter } from './diagnostics/reporter.js';
import type { ResolvedProgram } from './resolve/program.js';
import { applyStage } from './resolve/apply-stage.js';
import { resolve } from './resolve/resolve.js';
import { decodeSource } from './source/decode.js';
import { SourceFile } from './source/source-file.js';
import { span } from './source/span.js';
import { MAX_SYNTAX_ERRORS, parseSource } from './syntax/parse.js';

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
  const parsed = parseSource(reporter);
  timings.parse = performance.now() - t;
  if (parsed.refused || reporter.errorCount >= MAX_SYNTAX_ERRORS) {
    return { source, diagnostics: sorted(reporter.diagnostics), timings };
  }
  t = performance.now();
  const program = applyStage(resolve(parsed, reporter), options.stage);
  timings.resolve = performance.now() - t;
  t = performance.now();
  const checked = check(program, reporter);
  timings.check = performance.now() - t;
  return { source, diagnostics: sorted(reporter.diagnostics), program, checked, timings };
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
