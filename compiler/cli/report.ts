import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderJson } from '../diagnostics/render/json.js';
import { renderPretty } from '../diagnostics/render/pretty.js';
import { renderShort } from '../diagnostics/render/short.js';
import { displayPathFor, type Host } from './host.js';
import type { OutputProblem } from './output-plan.js';
import { formatCount } from '../diagnostics/count.js';

export const DIAGNOSTIC_FORMATS = ['pretty', 'short', 'json'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export function parseFormat(value: string | undefined): DiagnosticFormat {
  if (value === undefined || value === 'pretty' || value === 'short' || value === 'json') return value ?? 'pretty';
  throw new UsageError(`unknown --diagnostics \`${value}\`: use pretty, short or json`);
}

/** A mistake in how flowc was called: one line on stderr, exit code 2. */
export class UsageError extends Error {}

export function useColor(host: Host): boolean {
  if (host.env.NO_COLOR !== undefined && host.env.NO_COLOR !== '') return false;
  if (host.env.FORCE_COLOR !== undefined && host.env.FORCE_COLOR !== '0') return true;
  return host.stdoutIsTTY && host.env.TERM !== 'dumb';
}

export interface DiagnosticCounts {
  readonly errors: number;
  readonly warnings: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Prints diagnostics of all files in the chosen format. JSON is one array for the whole run. */
export function printDiagnostics(host: Host, diagnostics: readonly Diagnostic[], format: DiagnosticFormat): void {
  const displayPath = displayPathFor(host.cwd);
  if (format === 'json') {
    host.stdout(`${renderJson(diagnostics, displayPath)}\n`);
    return;
  }
  const out = chunkedWriter((text) => host.stdout(text));
  if (format === 'short') {
    for (const d of diagnostics) out.write(`${renderShort(d, displayPath)}\n`);
  } else {
    const color = useColor(host);
    for (const d of diagnostics) out.write(`${renderPretty(d, { color, displayPath })}\n\n`);
  }
  out.end();
}

/** What chunkedWriter gathers before it writes: a few hundred diagnostics. */
const CHUNK_LENGTH = 256 * 1024;

/**
 * Texts written a chunk at a time: a write per diagnostic is a system call each (1,000 stub
 * warnings in a build, about a tenth of its printing), and one string of all of them would
 * hold the whole output in memory at once (8 MB of two-byte text at 10,000 functions).
 */
function chunkedWriter(write: (text: string) => void): { write(text: string): void; end(): void } {
  let pending: string[] = [];
  let length = 0;
  const flush = () => {
    if (pending.length > 0) write(pending.join(''));
    pending = [];
    length = 0;
  };
  return {
    write(text) {
      pending.push(text);
      length += text.length;
      if (length >= CHUNK_LENGTH) flush();
    },
    end: flush,
  };
}

export function summaryLine(counts: DiagnosticCounts, files: number): string {
  const parts: string[] = [];
  if (counts.errors > 0) parts.push(plural(counts.errors, 'error'));
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'));
  const where = files === 1 ? '' : ` in ${plural(files, 'file')}`;
  return parts.length === 0 ? `no problems${where}` : `${parts.join(', ')}${where}`;
}

export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Problems with the outputs (FL9003–FL9007): no .flow position to point at, so one line like
 * FL9001's with the path in it, then the hint. Standard error in every `--format`.
 */
export function printOutputProblems(host: Host, problems: readonly OutputProblem[]): void {
  for (const problem of problems) host.stderr(`flowc: error ${problem.code}: ${problem.message}\n  = help: ${problem.help}\n`);
}
