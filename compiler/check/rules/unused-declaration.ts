import { isBuiltinTypeName, kindNoun } from '../../resolve/program.js';
import type { TypeExpr } from '../../syntax/ast.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL5003 (warning): a declared type that nothing refers to, and a queue, topic, bus, stream
 * or table that no edge, `dlq`, `on_failure` or `sends` names (language.md: "every
 * declaration is used or deliberately external"). Functions are left alone: code outside the
 * flow may invoke them. A type used only by itself does not count as used.
 *
 * Like rustc and Elm, this speaks only about files without errors: an unfinished file would
 * get a warning for everything its broken parts mention (a typo in an edge leaves the queue
 * it meant "unused"). Rules run in code order, so every error of FL1xxx–FL4xxx is known here.
 */
export const unusedDeclaration: Rule = {
  code: 'FL5003',
  visit: {
    program(context) {
      if (context.hasErrors() || context.program.damagedNames.size > 0) return;
      reportUnusedTypes(context);
      reportUnusedResources(context);
    },
  },
};

function reportUnusedTypes(context: CheckContext): void {
  const program = context.program;
  const used = new Set<string>();
  const visit = (type: TypeExpr, owner?: string): void => {
    switch (type.kind) {
      case 'NamedType': {
        const name = type.name.text;
        if (!isBuiltinTypeName(name) && name !== owner) used.add(name);
        return;
      }
      case 'ArrayType':
        return visit(type.element, owner);
      case 'RecordType':
        for (const field of type.fields) visit(field.type, owner);
        return;
      case 'UnionType':
        for (const member of type.members) visit(member, owner);
        return;
      default:
        return;
    }
  };
  for (const statement of program.ast.statements) {
    if (statement.kind === 'TypeDecl') visit(statement.type, statement.name.text);
    else if (statement.kind === 'FnDecl') {
      if (statement.input) visit(statement.input);
      if (statement.output) visit(statement.output);
    } else if (statement.kind === 'ResourceDecl' && statement.type) visit(statement.type);
  }
  for (const [name, decl] of program.types) {
    if (used.has(name)) continue;
    context.report(decl.name.span, `type \`${name}\` is never used`, {
      label: 'no function, resource or other type refers to it',
      why: 'A type only matters where a payload has it: as the input or output of a function, or the message type of a queue, topic, bus, stream or table. An unused type is often a leftover, or the type a declaration was meant to have.',
      help: `use it, e.g. \`fn f(${name})\` or \`queue q: ${name}\`, or remove it`,
    });
  }
}

function reportUnusedResources(context: CheckContext): void {
  const used = new Set<string>();
  for (const symbol of context.program.references.values()) used.add(symbol.name);
  for (const symbol of context.program.declarations.values()) {
    if (symbol.kind === 'fn' || used.has(symbol.name)) continue;
    const noun = kindNoun[symbol.kind];
    if (symbol.kind === 'schedule') {
      // A schedule only starts edges: without its target there is nothing to invoke, and no resource.
      context.report(symbol.decl.name.span, `schedule \`${symbol.name}\` has no target`, {
        label: 'no edge starts here',
        why: 'An EventBridge Scheduler schedule needs the one target it invokes; flowc creates no AWS::Scheduler::Schedule for a schedule without one, so it never runs.',
        help: `give it its target: \`${symbol.name} -> f\` (a function, queue, topic or bus), or remove it`,
      });
      continue;
    }
    context.report(symbol.decl.name.span, `${noun} \`${symbol.name}\` is never used`, {
      label: 'no edge, `dlq`, `on_failure` or `sends` names it',
      why: `flowc still deploys it: a ${noun} that nothing in the app writes to or reads from. Usually an edge is missing, or the function that writes to it does not list it in \`sends\` (without that, the function's role has no permission to write to it).`,
      help: 'connect it with an edge, add it to the `sends` of the function that writes to it, or remove it',
    });
  }
}
