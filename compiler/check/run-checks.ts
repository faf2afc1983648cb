import type { Reporter } from '../diagnostics/reporter.js';
import type { ResolvedProgram } from '../resolve/program.js';
import { CheckContext } from './context.js';
import type { Rule, RuleVisitor } from './rule.js';
import { rules as allRules } from './rules/index.js';
import { checkEdgeTypes, TypedProgram } from './typed-program.js';

export interface CheckedProgram {
  readonly typed: TypedProgram;
}

/**
 * The checker: types along every edge (FL3xxx), then every rule of `rules/index.ts` in one
 * walk over the program. Declarations damaged by syntax errors, and edges touching them, are
 * skipped; names that did not resolve never reach this phase.
 */
export function check(program: ResolvedProgram, reporter: Reporter, rules: readonly Rule[] = allRules): CheckedProgram {
  const typed = new TypedProgram(program, reporter);
  // Every declaration's type is computed once up front, so inference errors come out in a
  // stable order whatever rule asks first.
  for (const name of program.declarations.keys()) typed.typeOf(name);
  for (const edge of program.edges) if (edge.kind === 'rule') typed.ruleMatch(edge);
  checkEdgeTypes(typed, reporter);

  const context = new CheckContext(typed, reporter);
  const visit = <K extends keyof RuleVisitor>(kind: K, ...args: Parameters<NonNullable<RuleVisitor[K]>>) => {
    for (const rule of rules) {
      const visitor = rule.visit[kind] as ((...a: typeof args) => void) | undefined;
      if (visitor) {
        context.withCode(rule.code);
        visitor(...args);
      }
    }
  };
  for (const type of program.types.values()) visit('type', type, context);
  for (const symbol of program.declarations.values()) {
    if (context.isDamaged(symbol.name)) continue;
    visit(symbol.kind, symbol, context);
  }
  for (const edge of program.edges) {
    if (context.isDamaged(edge.source.name) || context.isDamaged(edge.target.name)) continue;
    visit('edge', edge, context);
  }
  visit('program', context);
  return { typed };
}
