import { type GrammarProblem, type IToken, MAX_PROBLEMS, parseFlow, type StatementCst, type StatementRule } from '../../grammar/index.js';
import type { Code } from '../diagnostics/codes.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { span } from '../source/span.js';
import type { AppDecl, FlowFile, Statement } from './ast.js';
import { buildStatement } from './build-ast.js';
import { MAX_DECLARATIONS } from './limits.js';
import type { StatementCache } from './statement-cache.js';
import { sizeWithUnit } from './size-literal.js';

export interface ParsedFile {
  readonly ast: FlowFile;
  readonly app: AppDecl | undefined;
  /**
   * Names declared by statements that have a syntax error. Their declarations may be partial
   * or missing, so later phases stay silent about them instead of reporting follow-on errors.
   */
  readonly damagedNames: ReadonlySet<string>;
  /** The same for `stage` blocks, whose names are of their own namespace: `--stage` says nothing about them. */
  readonly damagedStages: ReadonlySet<string>;
  /**
   * The file is over an input limit (FL1013 tokens, FL1014 declarations): it is refused as a
   * whole, and later phases do not run, as after too many syntax errors.
   */
  readonly refused: boolean;
}

/** Beyond this many syntax errors a file is not a .flow file; the rest would only be noise. */
export const MAX_SYNTAX_ERRORS = MAX_PROBLEMS;

const codeOfProblem: Record<GrammarProblem['kind'], Code> = {
  syntax: 'FL1001',
  'unterminated-string': 'FL1002',
  'invalid-character': 'FL1003',
  'malformed-number': 'FL1004',
  'too-deeply-nested': 'FL1007',
  'too-many-tokens': 'FL1013',
};

/**
 * Text → AST, reporting every syntax error (FL1xxx) of the file. With `statements` (`flowc
 * watch`), a statement of the last parse whose text is unchanged is taken from there, not parsed.
 */
export function parseSource(reporter: Reporter, statements?: StatementCache): ParsedFile {
  const text = reporter.source.text;
  const damagedNames = new Set<string>();
  const damagedStages = new Set<string>();
  let appAttempted = false;
  const parsed: Statement[] = [];
  const parse = (cst: StatementCst, hadError: boolean) => {
    if (cst.rule === 'appDecl') appAttempted = true;
    const name = cst.rule === 'chain' ? undefined : cst.tokens[1];
    const damaged = cst.rule === 'stageDecl' ? damagedStages : damagedNames;
    if (hadError && name) damaged.add(name.image);
    const diagnosticsBefore = reporter.diagnostics.length;
    const built = buildStatement(cst, reporter, hadError);
    // A declaration dropped for a type nested too deeply (FL3010) is damaged like one with a
    // syntax error: later phases stay silent about it.
    if (built.tooDeep && name) damagedNames.add(name.image);
    if (built.statement) parsed.push(built.statement);
    if (statements !== undefined && built.statement && !hadError && !built.tooDeep && reporter.diagnostics.length === diagnosticsBefore) {
      statements.keep(text, cst.rule, cst.tokens, built.statement);
    }
  };
  const reuse =
    statements === undefined
      ? undefined
      : (rule: StatementRule, tokens: readonly IToken[]) => {
          const statement = statements.take(text, rule, tokens);
          if (statement === undefined) return false;
          if (rule === 'appDecl') appAttempted = true;
          parsed.push(statement);
          return true;
        };
  const { problems, tooManyTokens, tooManyDeclarations } = parseFlow(text, parse, { maxDeclarations: MAX_DECLARATIONS, ...(reuse ? { reuse } : {}) });
  statements?.endParse();
  const shown = problems.slice(0, MAX_SYNTAX_ERRORS);
  for (const [index, shownProblem] of shown.entries()) {
    const problem = shownProblem.kind === 'malformed-number' ? withSizeHint(shownProblem, text) : shownProblem;
    const notes = problem.note === undefined ? [] : [problem.note];
    if (index === shown.length - 1 && problems.length > shown.length) notes.push(`flowc stopped reporting after ${MAX_SYNTAX_ERRORS} syntax errors`);
    reporter.report(codeOfProblem[problem.kind], span(problem.start, problem.end), problem.message, {
      ...(problem.label === undefined ? {} : { label: problem.label }),
      ...(problem.help === undefined ? {} : { help: problem.help }),
      notes,
    });
  }
  const ast: FlowFile = { kind: 'FlowFile', span: span(0, text.length), statements: parsed };
  if (tooManyTokens) return { ast, app: undefined, damagedNames, damagedStages, refused: true };
  if (tooManyDeclarations) {
    const limit = MAX_DECLARATIONS.toLocaleString('en-US');
    const at = span(tooManyDeclarations.start, tooManyDeclarations.end);
    reporter.report('FL1014', at, `the file has ${tooManyDeclarations.count.toLocaleString('en-US')} declarations; flowc reads at most ${limit}`, {
      label: `declaration number ${(MAX_DECLARATIONS + 1).toLocaleString('en-US')}`,
      help: 'split the app into several apps, one per .flow file, and check them together: `flowc check a.flow b.flow`',
    });
    return { ast, app: undefined, damagedNames, damagedStages, refused: true };
  }
  const app = checkAppDeclaration(ast, reporter, appAttempted);
  return { ast, app, damagedNames, damagedStages, refused: false };
}

/** `memory = 512MB` is a size written with a unit, not a malformed duration: say what to write. */
function withSizeHint(problem: GrammarProblem, text: string): GrammarProblem {
  const setting = /(\w+)[ \t]*=[ \t]*$/.exec(text.slice(Math.max(0, problem.start - 80), problem.start))?.[1];
  const sized = sizeWithUnit(text.slice(problem.start, problem.end), setting);
  return sized === undefined ? problem : { ...problem, ...sized };
}

/** One `app` per file, first (FL1010–FL1012). */
function checkAppDeclaration(ast: FlowFile, reporter: Reporter, appAttempted: boolean): AppDecl | undefined {
  const apps = ast.statements.filter((s): s is AppDecl => s.kind === 'AppDecl');
  const app = apps[0];
  if (app === undefined) {
    if (!appAttempted) {
      const firstStatement = ast.statements[0];
      reporter.report('FL1010', firstStatement ? firstStatement.span : span(0, 0), 'this file has no `app` declaration', {
        label: firstStatement ? 'expected `app NAME` before this' : 'the file is empty',
        help: 'start the file with `app NAME`; the name prefixes the stack and every resource, e.g. `app shop`',
      });
    }
    return undefined;
  }
  for (const extra of apps.slice(1)) {
    reporter.report('FL1011', extra.name.span, `a second \`app\` declaration, \`${extra.name.text}\``, {
      label: 'second app',
      secondary: [{ span: app.name.span, message: 'the app is declared here' }],
      help: 'one .flow file describes one app; put the other app in its own file',
    });
  }
  const firstStatement = ast.statements[0];
  if (firstStatement !== undefined && firstStatement !== app) {
    reporter.report('FL1012', app.span, '`app` must be the first declaration of the file', {
      label: 'declared after other statements',
      secondary: [{ span: firstStatement.span, message: 'the file starts here' }],
      help: 'move this line to the top of the file',
    });
  }
  return app;
}
