import type { CstNode, IToken } from 'chevrotain';
import { type GrammarProblem, lex, splitStatements } from './lexer.js';
import { fastParse } from './fast-parser.js';
import { describeSyntaxError } from './messages.js';
import { FlowParser, type StatementCst } from './parser.js';

export type { GrammarProblem } from './lexer.js';
export { MAX_NESTING_DEPTH } from './lexer.js';
export type { StatementCst, StatementRule } from './parser.js';
export { FlowParser } from './parser.js';
export type { CstNode, IToken };

/** Parsing stops after this many problems: the input is not a .flow file, the rest is noise. */
export const MAX_PROBLEMS = 500;

let parser: FlowParser | undefined;

/** One parser per process, reset per statement (Chevrotain's "singleton parser" advice). */
function getParser(): FlowParser {
  parser ??= new FlowParser({ skipValidations: true });
  return parser;
}

/** Whether this process has built the Chevrotain parser: only a statement with an error needs it. */
export function chevrotainParserBuilt(): boolean {
  return parser !== undefined;
}

export interface ParseResult<T> {
  /** What `onStatement` returned for each statement, in source order. */
  readonly statements: readonly T[];
  readonly problems: readonly GrammarProblem[];
}

/**
 * Lexes and parses a whole file. Never throws on any input: every problem is returned, one
 * statement's error does not stop the next statement from being parsed. Each statement's CST
 * is handed to `onStatement` as soon as it is parsed and not kept, so that it dies young and
 * costs the garbage collector little; `hadError` tells whether the statement has a problem.
 */
export function parseFlow<T>(text: string, onStatement: (statement: StatementCst, hadError: boolean) => T): ParseResult<T> {
  const lexed = lex(text);
  const problems: GrammarProblem[] = [...lexed.problems];
  const statements: T[] = [];
  const lexProblemOffsets = lexed.problems.map((p) => p.start);
  for (const statement of splitStatements(lexed.tokens, problems)) {
    if (statement.tooDeep) {
      statements.push(onStatement({ rule: statement.rule, cst: undefined, tokens: statement.tokens }, true));
      continue;
    }
    const lexicalProblem = containsAny(statement.tokens, lexProblemOffsets);
    const fast = fastParse(statement.rule, statement.tokens);
    if (fast !== undefined) {
      statements.push(onStatement({ rule: statement.rule, cst: fast, tokens: statement.tokens }, lexicalProblem));
      continue;
    }
    const flowParser = getParser();
    flowParser.input = statement.tokens as IToken[];
    const cst = flowParser[statement.rule]();
    // A statement with a lexical error already has its one root cause reported.
    const errors = lexicalProblem ? [] : flowParser.errors;
    // The first error of a statement is its cause; later ones are usually recovery echoes,
    // so only errors that start at a later token than the last reported one are kept.
    let lastOffset = -1;
    const problemsBefore = problems.length;
    for (const error of errors) {
      const problem = describeSyntaxError(flowParser, error, statement);
      if (problem.start <= lastOffset) continue;
      problems.push(problem);
      lastOffset = Math.max(problem.end, problem.start);
    }
    const hadError = problems.length > problemsBefore || lexicalProblem;
    statements.push(onStatement({ rule: statement.rule, cst, tokens: statement.tokens }, hadError));
    if (problems.length > MAX_PROBLEMS) break;
  }
  problems.sort((a, b) => a.start - b.start);
  return { statements, problems };
}

function containsAny(tokens: readonly IToken[], offsets: readonly number[]): boolean {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined || offsets.length === 0) return false;
  const end = last.startOffset + last.image.length;
  return offsets.some((offset) => offset >= first.startOffset && offset <= end);
}
