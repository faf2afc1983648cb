import type { Reporter } from '../diagnostics/reporter.js';
import type { ResolvedProgram } from '../resolve/program.js';
import { elaborate, type Model } from '../elaborate/elaborate.js';
import { CheckContext } from './context.js';
import type { Rule, RuleVisitor } from './rule.js';
import { rules as allRules } from './rules/index.js';
import { checkEdgeTypes, TypedProgram } from './typed-program.js';

export interface CheckedProgram {
  readonly typed: TypedProgram;
  readonly model: Model;
}

/**
 * The checker: types along every edge (FL3xxx), then every rule of `rules/index.ts` in one
 * walk over the model the elaborate phase built first (inference reads it too). Declarations
 * damaged by syntax errors, and edges touching them, are skipped; names that did not resolve
 * never reach this phase.
 */
export function check(program: ResolvedProgram, reporter: Reporter, rules: readonly Rule[] = allRules): CheckedProgram {
  const model = elaborate(program);
  const typed = new TypedProgram(program, reporter, model);
  // Every declaration's type is computed once up front, so inference errors come out in a
  // stable order whatever rule asks first, and no later question is provisional.
  typed.inferAll();
  checkEdgeTypes(typed, reporter);

  const context = new CheckContext(typed, model, reporter);
  // The visitors of each node kind are gathered once, so the walk calls them directly.
  const visitorsOf = <K extends keyof RuleVisitor>(kind: K) =>
    rules.flatMap((rule) => {
      const visitor = rule.visit[kind];
      return visitor === undefined ? [] : [{ code: rule.code, visitor: visitor as NonNullable<RuleVisitor[K]> }];
    });
  const typeVisitors = visitorsOf('type');
  const declarationVisitors = {
    fn: visitorsOf('fn'),
    queue: visitorsOf('queue'),
    topic: visitorsOf('topic'),
    bus: visitorsOf('bus'),
    stream: visitorsOf('stream'),
    table: visitorsOf('table'),
    api: visitorsOf('api'),
    bucket: visitorsOf('bucket'),
    schedule: visitorsOf('schedule'),
  };
  const edgeVisitors = visitorsOf('edge');
  const programVisitors = visitorsOf('program');

  for (const type of program.types.values()) {
    for (const { code, visitor } of typeVisitors) visitor(type, context.withCode(code));
  }
  for (const symbol of program.declarations.values()) {
    if (context.isDamaged(symbol.name)) continue;
    for (const { code, visitor } of declarationVisitors[symbol.kind]) visitor(symbol, context.withCode(code));
  }
  for (const edge of program.edges) {
    if (context.isDamaged(edge.source.name) || context.isDamaged(edge.target.name)) continue;
    for (const { code, visitor } of edgeVisitors) visitor(edge, context.withCode(code));
  }
  for (const { code, visitor } of programVisitors) visitor(context.withCode(code));
  return { typed, model };
}
