import type { Severity } from './diagnostic.js';

/**
 * The catalogue of diagnostic codes. Append only: a code is never renumbered or reused; a code
 * that is no longer raised stays here with `retired: true`.
 *
 * Ranges by phase:
 * - FL1xxx syntax (lexer, parser, file-level structure)
 * - FL2xxx names and settings (resolution)
 * - FL3xxx payload types along edges
 * - FL4xxx AWS service rules and limits
 * - FL5xxx graph shape (cycles, destinations that never fire, unused declarations)
 * - FL9xxx command line and internal errors
 */
export type Phase = 'syntax' | 'names' | 'types' | 'aws' | 'graph' | 'cli';

export interface CodeInfo {
  readonly slug: string;
  readonly severity: Severity;
  readonly phase: Phase;
  /** One line: what the code means, used by `flowc explain --list` and the docs index. */
  readonly title: string;
  readonly retired?: true;
}

export const codes = {
  // Syntax
  FL1001: { slug: 'syntax-error', severity: 'error', phase: 'syntax', title: 'The text does not follow the grammar' },
  FL1002: { slug: 'unterminated-string', severity: 'error', phase: 'syntax', title: 'A string is missing its closing quote' },
  FL1003: { slug: 'invalid-character', severity: 'error', phase: 'syntax', title: 'A character that the language does not use' },
  FL1004: { slug: 'malformed-number', severity: 'error', phase: 'syntax', title: 'A number or duration is malformed' },
  FL1005: { slug: 'invalid-escape', severity: 'error', phase: 'syntax', title: 'A string contains an unknown escape sequence' },
  FL1006: { slug: 'not-text', severity: 'error', phase: 'syntax', title: 'The file is not UTF-8 text' },
  FL1007: { slug: 'too-deeply-nested', severity: 'error', phase: 'syntax', title: 'Brackets are nested too deeply' },
  FL1008: { slug: 'file-too-large', severity: 'error', phase: 'syntax', title: 'The file is larger than flowc reads' },
  FL1009: { slug: 'unknown-type-constructor', severity: 'error', phase: 'syntax', title: 'Only `success<f>` and `failure<f>` take an argument' },
  FL1010: { slug: 'missing-app', severity: 'error', phase: 'syntax', title: 'The file has no `app` declaration' },
  FL1011: { slug: 'duplicate-app', severity: 'error', phase: 'syntax', title: 'The file declares `app` more than once' },
  FL1012: { slug: 'app-not-first', severity: 'error', phase: 'syntax', title: 'The `app` declaration is not the first declaration' },

  // Names and settings
  FL2001: { slug: 'unknown-name', severity: 'error', phase: 'names', title: 'A name that nothing declares' },
  FL2002: { slug: 'unknown-type', severity: 'error', phase: 'names', title: 'A type name that nothing declares' },
  FL2003: { slug: 'duplicate-declaration', severity: 'error', phase: 'names', title: 'Two declarations share a name' },
  FL2004: { slug: 'builtin-type-redeclared', severity: 'error', phase: 'names', title: 'A type declaration reuses a built-in type name' },
  FL2005: { slug: 'wrong-kind', severity: 'error', phase: 'names', title: 'A name refers to a declaration of the wrong kind' },
  FL2006: { slug: 'unknown-port', severity: 'error', phase: 'names', title: 'A function port other than `success` or `failure`' },
  FL2007: { slug: 'port-on-non-function', severity: 'error', phase: 'names', title: 'A port on something that is not a function' },
  FL2008: { slug: 'unknown-setting', severity: 'error', phase: 'names', title: 'A setting that does not exist here' },
  FL2009: { slug: 'duplicate-setting', severity: 'error', phase: 'names', title: 'A setting given twice in one block' },
  FL2010: { slug: 'invalid-setting-value', severity: 'error', phase: 'names', title: 'A setting value of the wrong form' },
  FL2011: { slug: 'duplicate-field', severity: 'error', phase: 'names', title: 'A record type declares a field twice' },
  FL2012: { slug: 'invalid-edge', severity: 'error', phase: 'names', title: 'An edge between two things that cannot be connected' },
  FL2013: { slug: 'port-on-target', severity: 'error', phase: 'names', title: 'A port on the target of an edge' },

  // Command line and internal
  FL9001: { slug: 'cannot-read-file', severity: 'error', phase: 'cli', title: 'An input file cannot be read' },
  FL9002: { slug: 'internal-error', severity: 'error', phase: 'cli', title: 'flowc failed: a bug in flowc, not in your flow' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof codes;

export function isCode(value: string): value is Code {
  return Object.hasOwn(codes, value);
}

export function codeInfo(code: Code): CodeInfo {
  return codes[code];
}
