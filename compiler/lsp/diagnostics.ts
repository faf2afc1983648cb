import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic as LspDiagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { docsRoot } from '../cli/commands/explain.js';
import { toRange } from './positions.js';

/** Codes whose finding is code that does nothing: editors grey it out. */
const unnecessary: ReadonlySet<Code> = new Set<Code>(['FL5003', 'FL5001']);

/**
 * A flowc diagnostic as the editor shows it: the same code, range and words as `flowc check`
 * (why and help on lines of their own, as the pretty renderer puts them), secondary labels as
 * related information, the code linked to its docs page.
 */
export function toLspDiagnostic(diagnostic: Diagnostic, uri: string): LspDiagnostic {
  const source = diagnostic.source;
  const lines = [diagnostic.message];
  if (diagnostic.primary.message) lines[0] = `${diagnostic.message} (${diagnostic.primary.message})`;
  if (diagnostic.why !== undefined) lines.push(`why: ${diagnostic.why}`);
  if (diagnostic.help !== undefined) lines.push(`help: ${diagnostic.help}`);
  for (const note of diagnostic.notes) lines.push(`note: ${note}`);
  const href = docsPage(diagnostic.code);
  return {
    range: toRange(source, diagnostic.primary.span),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.code,
    ...(href === undefined ? {} : { codeDescription: { href } }),
    source: 'flowc',
    message: lines.join('\n'),
    ...(diagnostic.severity === 'warning' && unnecessary.has(diagnostic.code) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    relatedInformation: diagnostic.secondary.map((label) => ({
      location: { uri, range: toRange(source, label.span) },
      message: label.message || 'related',
    })),
  };
}

/** `file:///…/docs/diagnostics/FL2001.md`: the page `flowc explain` prints, from the installed package. */
export function docsPage(code: Code): string | undefined {
  const page = join(docsRoot(), 'diagnostics', `${code}.md`);
  return existsSync(page) ? pathToFileURL(page).href : undefined;
}
