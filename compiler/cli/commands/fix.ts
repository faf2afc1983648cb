import { applyEdits, safeEdits } from '../../diagnostics/apply-edits.js';
import { type Code, codes } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { type CheckResult, checkText } from '../../program.js';
import { type Host, HostError } from '../host.js';
import { plural } from '../report.js';

const FIX_REFUSED: Code = 'FL9030';
const UTF8_BOM = '\uFEFF';

export interface FixOutcome {
  /** What to report for this file: the re-check of the fixed text when it was written, else the original's. */
  readonly diagnostics: readonly Diagnostic[];
  /** False when the file was refused or could not be written (exit 2). */
  readonly ok: boolean;
}

/**
 * `flowc check --fix` for one file: applies the machine-applicable suggestions, re-checks
 * the fixed text, and writes it atomically only when the re-check reports no error that the
 * original did not have and fewer problems in all. A file flowc cannot re-check (one with
 * syntax errors, whose broken statements the checker skips) is refused with FL9030 and left
 * as it is, and so is a fix whose re-check fails.
 */
export function fixFile(host: Host, file: string, bytes: Uint8Array, result: CheckResult): FixOutcome {
  const { edits, fixed } = safeEdits(result.diagnostics);
  if (edits.length === 0) return { diagnostics: result.diagnostics, ok: true };
  // Statements with syntax errors are skipped by the checker, so a re-check could not tell whether a fix is right.
  const syntax = result.diagnostics.find((d) => codes[d.code].phase === 'syntax');
  if (result.program === undefined || syntax !== undefined) {
    const where = syntax === undefined ? '' : ` (${syntax.code} at line ${result.source.position(syntax.primary.span.start).line})`;
    host.stderr(`flowc: error ${FIX_REFUSED}: cannot fix ${file}: it has syntax errors${where}, so flowc cannot re-check a fix; fix them first\n`);
    return { diagnostics: result.diagnostics, ok: false };
  }
  const fixedText = applyEdits(result.source.text, edits);
  const again = checkText(file, fixedText);
  const before = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
  const introduced = again.diagnostics.find((d) => d.severity === 'error' && !before.has(d.code));
  if (introduced !== undefined || again.diagnostics.length >= result.diagnostics.length) {
    const why = introduced ? `the fixed text has ${introduced.code}: ${introduced.message}` : 'the fixed text has as many problems as before';
    host.stderr(`flowc: error ${FIX_REFUSED}: fixes to ${file} not written: ${why}\n`);
    return { diagnostics: result.diagnostics, ok: false };
  }
  // A byte order mark is not part of the text flowc reads; the file keeps it.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? UTF8_BOM : '';
  try {
    host.writeFileAtomic(file, bom + fixedText);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    host.stderr(`flowc: error FL9006: cannot write ${file}: ${error.message}\n`);
    return { diagnostics: result.diagnostics, ok: false };
  }
  host.stderr(`fixed ${plural(fixed.length, 'problem')} in ${file}\n`);
  return { diagnostics: again.diagnostics, ok: true };
}
