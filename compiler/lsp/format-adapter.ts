import type { TextEdit } from '../diagnostics/diagnostic.js';

/**
 * Formatting goes through this one function, so the server calls `format()` of
 * `compiler/format/` (the `flowc fmt` work) once it is merged. Until then there is no
 * formatter, and the answer is no edits.
 */
export function formatEdits(_path: string, _text: string): TextEdit[] {
  return [];
}
