import type { Edge, DeclarationSymbol } from '../resolve/program.js';
import type { Code } from '../diagnostics/codes.js';
import type { TypeDecl } from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/**
 * A checker rule: one file, one code (graphql-js `validation/rules/*`, Biome lint rules). A
 * rule visits the kinds of nodes it cares about; the runner walks the program once and calls
 * every rule's visitor for each node. Rules never import each other; shared queries live on
 * the context.
 */
export interface Rule {
  readonly code: Code;
  readonly visit: RuleVisitor;
}

export interface RuleVisitor {
  fn?(fn: DeclarationSymbol, context: CheckContext): void;
  queue?(queue: DeclarationSymbol, context: CheckContext): void;
  topic?(topic: DeclarationSymbol, context: CheckContext): void;
  bus?(bus: DeclarationSymbol, context: CheckContext): void;
  stream?(stream: DeclarationSymbol, context: CheckContext): void;
  table?(table: DeclarationSymbol, context: CheckContext): void;
  api?(api: DeclarationSymbol, context: CheckContext): void;
  bucket?(bucket: DeclarationSymbol, context: CheckContext): void;
  schedule?(schedule: DeclarationSymbol, context: CheckContext): void;
  edge?(edge: Edge, context: CheckContext): void;
  type?(type: TypeDecl, context: CheckContext): void;
  /** Once per program, after the node visits: for rules about the whole graph. */
  program?(context: CheckContext): void;
}
