import { codes } from '../../compiler/diagnostics/codes.js';
import { formatFlow, formattingChanged } from '../../compiler/format/format.js';
import { compileText } from '../../compiler/program.js';
import { commentsOf } from './flow-layouts.js';

/** The grammar's own errors: a text with one of these is refused, any other is formatted. */
const grammarCodes = new Set(['FL1001', 'FL1002', 'FL1003', 'FL1004', 'FL1007', 'FL1013']);

/** Positions aside: what `origin`, `line`, `column` and `span` say is where, not what. */
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'origin' || key === 'line' || key === 'column' || key === 'span' ? undefined : v)));
}

/** What a text means: its manifest, or where it has errors, its diagnostics; positions aside. */
function meaning(text: string): string {
  const result = compileText('p.flow', text);
  if (result.manifest) return JSON.stringify(withoutPositions(result.manifest));
  // Messages may name a line ("declared on line 3"): those numbers are positions too.
  return result.diagnostics.map((d) => `${d.code} ${d.message.replace(/line \d+/g, 'line N')}`).join('\n');
}

/**
 * The formatter's properties on one text (issue 15 §1), for test/format/properties.test.ts
 * and scripts/fuzz-fmt.js: refused exactly when the text has syntax errors; otherwise
 * idempotent, meaning-preserving, comment-preserving, and passing `flowc fmt`'s self-check.
 * Undefined when all hold, else which one failed.
 */
export function formatPropertyFailure(text: string): string | undefined {
  const result = formatFlow(text);
  const syntaxError = compileText('p.flow', text).diagnostics.some((d) => d.severity === 'error' && grammarCodes.has(d.code) && codes[d.code].phase === 'syntax');
  if (result.ok === syntaxError) return syntaxError ? 'formatted a text with syntax errors' : `refused a text without syntax errors: ${result.ok ? '' : result.problems[0]?.message}`;
  if (!result.ok) return undefined;
  const again = formatFlow(result.text);
  if (!again.ok || again.text !== result.text) return `not idempotent: formatting\n${result.text}\ngives\n${again.ok ? again.text : 'a syntax error'}`;
  if (commentsOf(result.text).join('\n') !== commentsOf(text).join('\n')) return `comments changed:\n${result.text}`;
  if (meaning(result.text) !== meaning(text)) return `meaning changed:\n${result.text}\n${meaning(result.text)}\n---\n${meaning(text)}`;
  return formattingChanged(result);
}
