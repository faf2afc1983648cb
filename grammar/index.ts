import type { CstNode, IToken } from 'chevrotain';
import { type GrammarProblem, lex, splitStatements } from './lexer.js';
import { fastParse } from './fast-parser.js';
import { describeSyntaxError } from './messages.js';
import { FlowParser, MAX_STATEMENT_ERRORS, resetStatementErrors, StatementAbandoned, type StatementCst, type StatementRule } from './parser.js';

export type { GrammarProblem } from './lexer.js';
export { MAX_NESTING_DEPTH, MAX_TOKENS } from './lexer.js';
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
  /** The file has more than MAX_TOKENS tokens: nothing was parsed, the one problem says so. */
  readonly tooManyTokens: boolean;
  /** The file has more declarations than `maxDeclarations`: nothing was parsed. */
  readonly tooManyDeclarations?: { readonly count: number; readonly start: number; readonly end: number };
}

export interface ParseOptions {
  /** Declarations (statements other than chains) accepted at most; counted before anything is parsed. */
  readonly maxDeclarations?: number;
  /**
   * Asked first for each statement that lexed whole: returns true when the caller already has
   * its result (an unchanged statement of the last parse, `flowc watch`): it is not parsed, and
   * `statements` has nothing for it.
   */
  readonly reuse?: (rule: StatementRule, tokens: readonly IToken[]) => boolean;
}

/**
 * Lexes and parses a whole file. Never throws on any input: every problem is returned, one
 * statement's error does not stop the next statement from being parsed. Each statement's CST
 * is handed to `onStatement` as soon as it is parsed and not kept, so that it dies young and
 * costs the garbage collector little; `hadError` tells whether the statement has a problem.
 */
export function parseFlow<T>(text: string, onStatement: (statement: StatementCst, hadError: boolean) => T, options: ParseOptions = {}): ParseResult<T> {
  const lexed = lex(text);
  const problems: GrammarProblem[] = [...lexed.problems];
  if (lexed.problems.some((p) => p.kind === 'too-many-tokens')) return { statements: [], problems, tooManyTokens: true };
  const statements: T[] = [];
  const lexProblemOffsets = lexed.problems.map((p) => p.start);
  const split = splitStatements(lexed.tokens, problems);
  const tooMany = tooManyDeclarations(split, options.maxDeclarations);
  if (tooMany) return { statements: [], problems: [], tooManyTokens: false, tooManyDeclarations: tooMany };
  for (const statement of split) {
    if (statement.tooDeep) {
      statements.push(onStatement({ rule: statement.rule, cst: undefined, tokens: statement.tokens }, true));
      continue;
    }
    const lexicalProblem = containsAny(statement.tokens, lexProblemOffsets);
    if (!lexicalProblem && options.reuse?.(statement.rule, statement.tokens) === true) continue;
    const fast = fastParse(statement.rule, statement.tokens);
    if (fast !== undefined) {
      statements.push(onStatement({ rule: statement.rule, cst: fast, tokens: statement.tokens }, lexicalProblem));
      continue;
    }
    const flowParser = getParser();
    flowParser.input = statement.tokens as IToken[];
    const parsed = parseStatement(flowParser, statement.rule);
    const cst = parsed === 'abandoned' ? undefined : parsed;
    // A statement with a lexical error already has its one root cause reported.
    const errors = lexicalProblem ? [] : flowParser.errors;
    // The first error of a statement is its cause; later ones are usually recovery echoes,
    // so only errors that start at a later token than the last reported one are kept.
    let lastOffset = -1;
    const problemsBefore = problems.length;
    for (const error of errors) {
      // An echo of an error already reported is skipped before it costs a description.
      if (!Number.isNaN(error.token.startOffset) && error.token.startOffset <= lastOffset) continue;
      if (problems.length > MAX_PROBLEMS) break;
      const problem = describeSyntaxError(flowParser, error, statement);
      if (problem.start <= lastOffset) continue;
      problems.push(problem);
      lastOffset = Math.max(problem.end, problem.start);
    }
    const last = problems[problems.length - 1];
    if (parsed === 'abandoned' && last && problems.length > problemsBefore) {
      problems[problems.length - 1] = { ...last, note: `flowc stopped reading this statement after ${MAX_STATEMENT_ERRORS} errors` };
    }
    const hadError = problems.length > problemsBefore || lexicalProblem;
    statements.push(onStatement({ rule: statement.rule, cst, tokens: statement.tokens }, hadError));
    if (problems.length > MAX_PROBLEMS) break;
  }
  problems.sort((a, b) => a.start - b.start);
  return { statements, problems, tooManyTokens: false };
}

function tooManyDeclarations(statements: readonly { rule: StatementRule; tokens: readonly IToken[] }[], max: number | undefined): ParseResult<never>['tooManyDeclarations'] {
  if (max === undefined) return undefined;
  let count = 0;
  let first: IToken | undefined;
  for (const statement of statements) {
    if (statement.rule === 'chain' || ++count <= max) continue;
    first ??= statement.tokens[0];
  }
  if (first === undefined) return undefined;
  return { count, start: first.startOffset, end: first.startOffset + first.image.length };
}

/**
 * Runs Chevrotain on one statement. Its errors are exceptions that recovery catches; they need
 * no stack trace, and capturing one for each is most of the cost of a statement of noise, so
 * traces are off while it runs. A statement with too many errors is abandoned (its errors so
 * far are kept, its CST is dropped).
 */
function parseStatement(flowParser: FlowParser, rule: StatementRule): CstNode | 'abandoned' {
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  resetStatementErrors();
  try {
    return flowParser[rule]();
  } catch (error) {
    if (error instanceof StatementAbandoned) return 'abandoned';
    throw error;
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}

function containsAny(tokens: readonly IToken[], offsets: readonly number[]): boolean {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined || offsets.length === 0) return false;
  const end = last.startOffset + last.image.length;
  return offsets.some((offset) => offset >= first.startOffset && offset <= end);
}
