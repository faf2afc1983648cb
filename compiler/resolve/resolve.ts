import type { Reporter } from '../diagnostics/reporter.js';
import { didYouMeanOf, replaceWith, suggest } from '../diagnostics/suggest.js';
import { span } from '../source/span.js';
import type { DeclarationKind } from '../settings/schema.js';
import type { Span } from '../source/span.js';
import type { Chain, Endpoint, FnDecl, ResourceDecl, TypeDecl, TypeExpr } from '../syntax/ast.js';
import type { ParsedFile } from '../syntax/parse.js';
import { edgeHelp, edgeTable } from './edges.js';
import {
  builtinTypeNames,
  type DeclarationSymbol,
  type Edge,
  isBuiltinTypeName,
  kindNoun,
  type Port,
  type ResolvedProgram,
  settingsMap,
  type SettingsMap,
  withArticle,
} from './program.js';
import { Scope } from './scope.js';
import { resolveSettings } from './settings.js';
import { resolveStages } from './stages.js';

/**
 * Name resolution (FL2xxx): declarations and types into symbol tables, every reference to its
 * declaration, settings validated against the schema, and each edge classified by the kinds of
 * its ends. The AST is not changed; results are side tables.
 */
export function resolve(parsed: ParsedFile, reporter: Reporter): ResolvedProgram {
  const { ast, damagedNames } = parsed;
  const declarationNodes = new Map<string, FnDecl | ResourceDecl>();
  const types = new Map<string, TypeDecl>();

  for (const statement of ast.statements) {
    if (statement.kind === 'FnDecl' || statement.kind === 'ResourceDecl') {
      const first = declarationNodes.get(statement.name.text);
      if (first) reportDuplicate(reporter, statement, first, 'declaration');
      else declarationNodes.set(statement.name.text, statement);
    } else if (statement.kind === 'TypeDecl') {
      const name = statement.name.text;
      if (isBuiltinTypeName(name)) {
        reporter.report('FL2004', statement.name.span, `\`${name}\` is a built-in type and cannot be declared`, {
          label: 'built-in type name',
          help: `choose another name, e.g. \`${name[0]?.toUpperCase()}${name.slice(1)}Value\``,
        });
        continue;
      }
      const first = types.get(name);
      if (first) reportDuplicate(reporter, statement, first, 'type');
      else types.set(name, statement);
    }
  }

  // Symbols exist before any settings are resolved, since settings refer to other declarations;
  // each symbol's settings map is filled once, right after.
  const declarations = new Map<string, DeclarationSymbol>();
  const settingsOf = new Map<string, ReturnType<typeof settingsMap>>();
  for (const [name, decl] of declarationNodes) {
    const settings = settingsMap();
    settingsOf.set(name, settings);
    declarations.set(name, { name, kind: declarationKind(decl), decl, settings });
  }
  const scope = new Scope(reporter, declarations, damagedNames);

  const appSettings = resolveSettings(parsed.app?.settings, 'app', 'the app', reporter, scope);
  for (const symbol of declarations.values()) {
    const resolved = resolveSettings(symbol.decl.settings, symbol.kind, `\`${symbol.name}\``, reporter, scope);
    const settings = settingsOf.get(symbol.name);
    for (const [key, setting] of resolved) settings?.set(key, setting);
    for (const [key, setting] of resolved.poisoned) settings?.poisoned.set(key, setting);
    if (symbol.kind === 'schedule') checkScheduleExpression(symbol, resolved, reporter);
  }

  const stages = resolveStages(ast.statements, reporter, scope);

  const typeResolver = new TypeNames(reporter, types, scope, damagedNames);
  for (const type of types.values()) typeResolver.visit(type.type);
  for (const statement of ast.statements) {
    if (statement.kind === 'FnDecl') {
      if (statement.input) typeResolver.visit(statement.input);
      if (statement.output) typeResolver.visit(statement.output);
    } else if (statement.kind === 'ResourceDecl' && statement.type) {
      typeResolver.visit(statement.type);
    }
  }

  const edges: Edge[] = [];
  for (const statement of ast.statements) {
    if (statement.kind === 'Chain') resolveChain(statement, scope, reporter, edges);
  }

  return {
    source: reporter.source,
    ast,
    app: parsed.app,
    appSettings,
    declarations: scope.declarations,
    types,
    edges,
    references: scope.references,
    damagedNames,
    stages,
    damagedStages: parsed.damagedStages,
  };
}

/**
 * FL2022: a schedule has exactly one of `every` (a rate) and `cron`: they are the two forms of
 * its one ScheduleExpression (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
 * A malformed one (FL2010) counts as written, so it is not reported twice.
 */
function checkScheduleExpression(symbol: DeclarationSymbol, settings: SettingsMap, reporter: Reporter): void {
  const written = (name: string) => settings.get(name) ?? settings.poisoned.get(name);
  const every = written('every');
  const cron = written('cron');
  if (every !== undefined && cron !== undefined) {
    const [first, second] = every.span.start < cron.span.start ? [every, cron] : [cron, every];
    reporter.report('FL2022', second.name.span, `the schedule \`${symbol.name}\` has both \`every\` and \`cron\``, {
      label: 'a second schedule expression',
      secondary: [{ span: first.name.span, message: 'the first' }],
      why: 'A schedule has one ScheduleExpression: a rate (`every`, `rate(…)`) or a cron expression (`cron`, `cron(…)`), not both.',
      help: `keep one of them; for two timings, declare two schedules`,
      suggestions: [{ title: `remove \`${second.name.text}\``, edits: [{ span: removalSpan(reporter.source.text, second.span), replacement: '' }], applicability: 'maybe-incorrect' }],
    });
  } else if (every === undefined && cron === undefined) {
    reporter.report('FL2022', symbol.decl.name.span, `the schedule \`${symbol.name}\` says neither \`every\` nor \`cron\``, {
      label: 'no schedule expression',
      why: 'A schedule needs its ScheduleExpression: a rate or a cron expression. CloudFormation refuses AWS::Scheduler::Schedule without one.',
      help: `add \`every = 5m\` (a rate) or \`cron = "0 3 * * ? *"\` (03:00 every day) to \`${symbol.name}\``,
    });
  }
}

/** A setting with the `, ` or line break before it, so that removing it leaves a well-formed block. */
function removalSpan(text: string, at: Span): Span {
  let start = at.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (text[start - 1] === ',') return span(start - 1, at.end);
  return at;
}

function declarationKind(decl: FnDecl | ResourceDecl): DeclarationKind {
  return decl.kind === 'FnDecl' ? 'fn' : decl.resource;
}

function reportDuplicate(
  reporter: Reporter,
  again: FnDecl | ResourceDecl | TypeDecl,
  first: FnDecl | ResourceDecl | TypeDecl,
  what: 'declaration' | 'type',
): void {
  const noun = (d: FnDecl | ResourceDecl | TypeDecl) =>
    d.kind === 'TypeDecl' ? 'type' : d.kind === 'FnDecl' ? 'function' : d.resource;
  reporter.report('FL2003', again.name.span, `\`${again.name.text}\` is declared twice`, {
    label: `${withArticle(noun(again))} named \`${again.name.text}\` again`,
    secondary: [{ span: first.name.span, message: `first declared here as ${withArticle(noun(first))}` }],
    help:
      what === 'type'
        ? 'rename one of the types'
        : 'functions, queues, topics, buses, streams and tables share one namespace; rename one of them',
  });
}

function resolveChain(chain: Chain, scope: Scope, reporter: Reporter, edges: Edge[]): void {
  let sourceEndpoint: Endpoint = chain.head;
  let source = scope.resolveAny(chain.head.name);
  for (const link of chain.links) {
    const target = scope.resolveAny(link.target.name);
    if (link.target.port) {
      reporter.report('FL2013', link.target.port.span, `an edge goes to \`${link.target.name.text}\`, not to one of its ports`, {
        label: 'a port on an edge target',
        help:
          target?.kind === 'fn'
            ? `\`.success\` and \`.failure\` pick a function's outcome at the start of an edge: \`${link.target.name.text}.${link.target.port.text} -> …\``
            : `remove \`.${link.target.port.text}\``,
      });
    }
    const port = source ? sourcePort(sourceEndpoint, source, reporter) : undefined;
    if (source && target && port !== null) {
      const kind = edgeTable[source.kind][target.kind];
      const edgeSpan = span(sourceEndpoint.span.start, link.target.span.end);
      if (kind === undefined) {
        reporter.report('FL2012', link.arrow, `${withArticle(kindNoun[source.kind])} cannot send to ${withArticle(kindNoun[target.kind])}`, {
          label: `\`${source.name}\` is ${withArticle(kindNoun[source.kind])}, \`${target.name}\` is ${withArticle(kindNoun[target.kind])}`,
          help: edgeHelp[source.kind],
        });
      } else if (kind === 'schedule-target' && edges.some((e) => e.source === source)) {
        const first = edges.find((e) => e.source === source)!;
        reporter.report('FL2023', edgeSpan, `the schedule \`${source.name}\` already has a target`, {
          label: 'a second target',
          secondary: [{ span: first.span, message: 'its target' }],
          why: 'An EventBridge Scheduler schedule has exactly one target (AWS::Scheduler::Schedule Target): one function, queue, topic or bus.',
          help: `declare a second schedule for \`${target.name}\`, e.g. \`schedule ${source.name}_${target.name} { … }\` and \`${source.name}_${target.name} -> ${target.name}\``,
        });
        if (link.settings) resolveSettings(link.settings, 'edge', 'this edge', reporter, scope);
      } else {
        const settings = resolveSettings(link.settings, 'edge', `the edge \`${source.name} -> ${target.name}\``, reporter, scope);
        edges.push({
          index: edges.length,
          kind,
          source,
          ...(kind === 'destination' ? { port: port ?? 'success' } : {}),
          target,
          settings,
          ...(link.settings ? { settingsBlock: link.settings } : {}),
          sourceEndpoint,
          link,
          span: edgeSpan,
        });
      }
    } else if (link.settings) {
      // Still validate the block's own form, so its mistakes are reported in the same run.
      resolveSettings(link.settings, 'edge', 'this edge', reporter, scope);
    }
    // The next link starts at this target (a port on a target is already reported above).
    sourceEndpoint = link.target.port ? { kind: 'Endpoint', span: link.target.name.span, name: link.target.name } : link.target;
    source = target;
  }
}

/** The port an edge leaves from: `success` or `failure` on functions, none elsewhere; null when the port is wrong. */
function sourcePort(endpoint: Endpoint, source: DeclarationSymbol, reporter: Reporter): Port | undefined | null {
  const port = endpoint.port;
  if (port === undefined) return undefined;
  if (source.kind !== 'fn') {
    reporter.report('FL2007', port.span, `\`.${port.text}\` is a port of a function, but \`${source.name}\` is ${withArticle(kindNoun[source.kind])}`, {
      label: 'ports exist only on functions',
      help:
        source.kind === 'queue'
          ? `a queue's failed messages go to its dead-letter queue: \`queue ${source.name} { dlq = …, max_receives = 5 }\`; otherwise write the edge from \`${source.name}\` itself`
          : source.kind === 'stream' || source.kind === 'table'
            ? `failed batches of a ${source.kind} trigger go to \`on_failure\` on the trigger edge: \`${source.name} -> f { on_failure = … }\``
            : `write the edge from \`${source.name}\` itself: \`${source.name} -> …\``,
    });
    return null;
  }
  if (port.text === 'success' || port.text === 'failure') return port.text;
  const found = suggest(port.text, ['success', 'failure']);
  reporter.report('FL2006', port.span, `a function has no port \`${port.text}\``, {
    label: 'unknown port',
    help: didYouMeanOf(found) ?? 'a function has two ports: `.success` and `.failure`',
    suggestions: replaceWith(port.span, found),
  });
  return null;
}

/** Resolves the names inside type expressions: declared types, built-ins, and `success<f>` functions. */
class TypeNames {
  constructor(
    private readonly reporter: Reporter,
    private readonly types: ReadonlyMap<string, TypeDecl>,
    private readonly scope: Scope,
    private readonly damagedNames: ReadonlySet<string>,
  ) {}

  /** The names a type name may be, listed once per file. */
  #candidates: string[] | undefined;

  visit(type: TypeExpr): void {
    switch (type.kind) {
      case 'NamedType': {
        const name = type.name.text;
        if (isBuiltinTypeName(name) || this.types.has(name) || this.damagedNames.has(name)) return;
        this.#candidates ??= [...builtinTypeNames, ...this.types.keys()];
        const found = suggest(name, this.#candidates, 3, this.scope.suggestions);
        const suggestion = didYouMeanOf(found);
        const declaration = this.scope.declarations.get(name);
        this.reporter.report('FL2002', type.name.span, `unknown type \`${name}\``, {
          label: 'no type has this name',
          help:
            suggestion ??
            (declaration
              ? `\`${name}\` is ${withArticle(kindNoun[declaration.kind])}, not a type; its messages have the type declared after \`:\``
              : `declare it: \`type ${name} = { … }\`; the built-in types are ${builtinTypeNames.map((n) => `\`${n}\``).join(', ')}`),
          suggestions: replaceWith(type.name.span, found),
        });
        return;
      }
      case 'ArrayType':
        this.visit(type.element);
        return;
      case 'RecordType': {
        const seen = new Map<string, (typeof type.fields)[number]>();
        for (const field of type.fields) {
          const first = seen.get(field.name.text);
          if (first) {
            this.reporter.report('FL2011', field.name.span, `field \`${field.name.text}\` is declared twice`, {
              label: 'declared again',
              secondary: [{ span: first.name.span, message: 'first declared here' }],
              help: 'remove or rename one of them',
            });
          } else {
            seen.set(field.name.text, field);
          }
          this.visit(field.type);
        }
        return;
      }
      case 'UnionType':
        for (const member of type.members) this.visit(member);
        return;
      case 'StringLiteralType':
        return;
      case 'InvocationRecordType':
        this.scope.resolve(type.function, ['fn'], `the function of \`${type.condition}<…>\``);
        return;
    }
  }
}
