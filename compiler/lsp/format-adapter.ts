import type { TextEdit } from '../diagnostics/diagnostic.js';
import { formatFlow, formattingChanged } from '../format/format.js';
import { span } from '../source/span.js';

/**
 * `textDocument/formatting`: `flowc fmt`'s layout as one edit of the whole document, or no
 * edits when the document is formatted already, has syntax errors (the formatter refuses it,
 * as `flowc fmt` does) or fails the formatter's self-check.
 */
export function formatEdits(text: string): TextEdit[] {
  const result = formatFlow(text);
  if (!result.ok || result.text === text || formattingChanged(result) !== undefined) return [];
  return [{ span: span(0, text.length), replacement: result.text }];
}
