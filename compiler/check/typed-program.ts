import { eventBridge } from '../../runtime/aws/limits.js';
import type { RuleMatch } from '../../runtime/manifest/schema.js';
import { type PayloadType, unknownType } from '../../runtime/manifest/types.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { manifestPattern, patternOf, type SourcePattern } from '../resolve/pattern.js';
import type { DeclarationSymbol, Edge, ResolvedProgram } from '../resolve/program.js';
import type { Model } from '../elaborate/elaborate.js';
import type { EdgeModel } from '../elaborate/model.js';
import { settingSchema } from '../settings/schema.js';
import { describeMismatch, isAssignable, sameType } from '../types/assignable.js';
import type { TypeEnvironment } from '../types/environment.js';
import { TypeConverter } from '../types/payload.js';
import { snsLambdaEvent } from '../types/structure.js';
import { printType, quoteType } from '../types/print.js';
import { appEventsKind, type BusEventKind, canMatch, destinationKind } from './bus-events.js';
import { scheduledEventType } from './schedule-event.js';


const noEdges: readonly Edge[] = Object.freeze([]);

/** Something that puts messages into a declaration, with the type it puts there. */
export interface Producer {
  readonly type: PayloadType;
  /** The edge it comes along, or the declaration whose setting makes it (a DLQ's source, a stream's on_failure). */
  readonly via: Edge | DeclarationSymbol;
  /** Words for a message label; a function, since most programs never need it. */
  readonly describe: () => string;
}

/**
 * The types of a resolved program: every declaration's payload type (declared or inferred
 * from its producers) and every edge's payload. Inference reports FL3003 (producers that
 * disagree) and FL3008 (a bus rule that cannot tell which events it wants); `checkEdgeTypes`
 * reports FL3001/FL3002. Lazy and memoized: a type is computed when first asked for.
 */
export class TypedProgram implements TypeEnvironment {
  readonly converter: TypeConverter;
  readonly #declared = new Map<string, PayloadType | null>();
  readonly #types = new Map<string, PayloadType>();
  readonly #inProgress = new Set<string>();
  readonly #requests = new Map<string, PayloadType>();
  readonly #requestsInProgress = new Set<string>();
  readonly #outputs = new Map<string, PayloadType | null>();
  /** Set once `inferAll` has computed every type: from then on no answer is provisional. */
  #settled = false;
  readonly #ruleMatches = new Map<Edge, { match: RuleMatch; payload: PayloadType } | null>();
  readonly #namedTypes = new Map<string, PayloadType>();
  readonly #incoming = new Map<string, Edge[]>();
  readonly #outgoing = new Map<string, Edge[]>();
  /** Indexes of the references in settings, built once so every lookup is O(1). */
  readonly #dlqSources = new Map<string, DeclarationSymbol[]>();
  readonly #onFailureEdges = new Map<string, Edge[]>();
  readonly #senders = new Map<string, DeclarationSymbol[]>();
  readonly #busKinds = new Map<string, readonly BusEventKind[]>();

  constructor(
    readonly program: ResolvedProgram,
    private readonly reporter: Reporter,
    /** The elaborated settings: the references (`dlq`, `on_failure`, `sends`), `raw` and `match` are read from it. */
    readonly model: Model,
  ) {
    this.converter = new TypeConverter(reporter, program.types);
    for (const [name, decl] of program.types) this.#namedTypes.set(name, this.converter.convert(decl.type));
    for (const symbol of program.declarations.values()) {
      const decl = symbol.decl;
      const typeExpr = decl.kind === 'FnDecl' ? decl.input : decl.type;
      this.#declared.set(symbol.name, typeExpr ? this.converter.convert(typeExpr) : null);
    }
    for (const edge of program.edges) {
      push(this.#incoming, edge.target.name, edge);
      push(this.#outgoing, edge.source.name, edge);
      const onFailure = this.#edgeModel(edge).onFailure;
      if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && onFailure !== null) push(this.#onFailureEdges, onFailure, edge);
    }
    for (const item of model.declarations.values()) {
      if (item.kind === 'queue' && item.deadLetterQueue !== null) push(this.#dlqSources, item.deadLetterQueue, item.symbol);
      if (item.kind !== 'fn') continue;
      for (const target of new Set(item.sends)) push(this.#senders, target, item.symbol);
    }
  }

  #edgeModel(edge: Edge): EdgeModel {
    const item = this.model.edges[edge.index];
    if (item?.edge !== edge) throw new Error(`internal: edge ${edge.index} is not in the model`);
    return item;
  }

  /** Functions whose code writes to a declaration (`sends`). */
  sendersTo(name: string): readonly DeclarationSymbol[] {
    return this.#senders.get(name) ?? [];
  }

  /** Queues whose dead-letter queue is `name`. */
  dlqSourcesOf(name: string): readonly DeclarationSymbol[] {
    return this.#dlqSources.get(name) ?? [];
  }

  // TypeEnvironment

  named(name: string): PayloadType | undefined {
    return this.#namedTypes.get(name);
  }

  functionInput(name: string): PayloadType {
    return this.typeOf(name);
  }

  /**
   * What an invocation record's `requestPayload` holds: the event of the function's
   * asynchronous invocations — an SNS event behind a topic, an EventBridge event behind a
   * rule, the previous record behind a destination — or its payload when nothing in the flow
   * invokes it (a direct invocation). Mixed kinds give `unknown`.
   */
  functionRequest(name: string): PayloadType {
    const cached = this.#requests.get(name);
    if (cached) return cached;
    // Asked again while it is being computed: the function is in its own chain of invocation
    // records (`t -> m -> m`). Its request has no finite shape; `unknown` ends the cycle.
    if (this.#requestsInProgress.has(name)) return unknownType;
    this.#requestsInProgress.add(name);
    const request = this.computeFunctionRequest(name);
    this.#requestsInProgress.delete(name);
    this.#requests.set(name, request);
    return request;
  }

  private computeFunctionRequest(name: string): PayloadType {
    const incoming = this.edgesInto(name);
    if (incoming.length === 0) return this.typeOf(name);
    const requests: PayloadType[] = [];
    for (const edge of incoming) {
      if (edge.kind === 'subscription') requests.push(snsLambdaEvent());
      else if (edge.kind === 'destination') requests.push(this.edgePayload(edge));
      else if (edge.kind === 'rule') {
        const match = this.ruleMatch(edge)?.match;
        const detailType =
          match?.kind === 'destination' ? (match.condition === 'success' ? eventBridge.successDetailType : eventBridge.failureDetailType) : null;
        requests.push({ kind: 'eventBridgeEvent', detailType, detail: this.edgePayload(edge) });
      }
    }
    const first = requests[0];
    if (first === undefined || requests.some((r) => r !== first && !sameSymbol(r, first) && !sameType(r, first, this))) return unknownType;
    return first;
  }

  functionOutput(name: string): PayloadType | null {
    const cached = this.#outputs.get(name);
    if (cached !== undefined) return cached;
    const symbol = this.program.declarations.get(name);
    const output = symbol?.decl.kind !== 'FnDecl' || symbol.decl.output === undefined ? null : this.converter.convert(symbol.decl.output, false);
    this.#outputs.set(name, output);
    return output;
  }

  settled(): boolean {
    return this.#settled;
  }

  /**
   * Computes every declaration's type and every function's request up front, in an order in
   * which whatever one of them asks about is already known: a depth-first walk (with its own
   * stack) over "needs" — the sources of a declaration's incoming edges, the queues whose
   * dead-letter queue it is, and the declared types and functions its declared types name.
   * So inference never recurses along a chain the user wrote, however long. A declaration
   * met again while the walk is inside it is a cycle: it reads as `unknown` there, as it
   * would lazily.
   */
  inferAll(): void {
    if (this.#settled) return;
    const needs = (node: string): string[] => {
      const [kind, name] = [node.slice(0, 1), node.slice(2)];
      if (kind === 't') return mentions(this.#namedTypes.get(name));
      const out: string[] = [];
      for (const edge of this.edgesInto(name)) out.push(`d:${edge.source.name}`);
      for (const source of this.dlqSourcesOf(name)) out.push(`d:${source.name}`);
      for (const mentioned of mentions(this.declaredType(name) ?? undefined)) out.push(mentioned);
      for (const mentioned of mentions(this.functionOutput(name) ?? undefined)) out.push(mentioned);
      return out;
    };
    const state = new Map<string, 'open' | 'done'>();
    const finish = (node: string) => {
      state.set(node, 'done');
      if (!node.startsWith('d:')) return;
      const name = node.slice(2);
      this.#inProgress.delete(name);
      this.#requestsInProgress.delete(name);
      this.typeOf(name);
      if (this.program.declarations.get(name)?.kind === 'fn') this.functionRequest(name);
    };
    // One stack for every walk: each walk leaves it empty.
    const stack: { node: string; next: string[] }[] = [];
    const open = (node: string) => {
      state.set(node, 'open');
      if (node.startsWith('d:')) {
        // Inside the walk of this declaration: a question about it now is a cycle.
        this.#inProgress.add(node.slice(2));
        this.#requestsInProgress.add(node.slice(2));
      }
      stack.push({ node, next: needs(node).reverse() });
    };
    for (const start of this.program.declarations.keys()) {
      const root = `d:${start}`;
      if (state.has(root)) continue;
      open(root);
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as { node: string; next: string[] };
        const child = top.next.pop();
        if (child === undefined) {
          stack.pop();
          finish(top.node);
        } else if (!state.has(child) && (child.startsWith('t:') || this.program.declarations.has(child.slice(2)))) {
          open(child);
        }
      }
    }
    for (const edge of this.program.edges) if (edge.kind === 'rule') this.ruleMatch(edge);
    this.#settled = true;
  }

  // Graph

  edgesInto(name: string): readonly Edge[] {
    return this.#incoming.get(name) ?? noEdges;
  }

  edgesFrom(name: string): readonly Edge[] {
    return this.#outgoing.get(name) ?? noEdges;
  }

  /** The declared payload type, or null when the declaration leaves it to inference. */
  declaredType(name: string): PayloadType | null {
    return this.#declared.get(name) ?? null;
  }

  /**
   * The payload type of a declaration: a queue's or topic's messages, a stream's records, a
   * table's items, a bus's declared detail, a function's input. Declared, else inferred from
   * what is sent to it, else `unknown`.
   */
  typeOf(name: string): PayloadType {
    const cached = this.#types.get(name);
    if (cached) return cached;
    const declared = this.declaredType(name);
    if (declared) {
      this.#types.set(name, declared);
      return declared;
    }
    if (this.#inProgress.has(name)) return unknownType; // a cycle of undeclared types
    this.#inProgress.add(name);
    const inferred = this.infer(name);
    this.#inProgress.delete(name);
    this.#types.set(name, inferred);
    return inferred;
  }

  /** Whether the declaration's type comes from a `: T` or `(T)` in the source. */
  isDeclared(name: string): boolean {
    return this.declaredType(name) !== null;
  }

  /** What travels along an edge, before the receiver's own envelope. */
  edgePayload(edge: Edge): PayloadType {
    switch (edge.kind) {
      case 'destination':
        return { kind: 'invocation', condition: edge.port ?? 'success', function: edge.source.name };
      case 'queue-trigger':
      case 'stream-trigger':
      case 'table-trigger':
      case 'subscription':
        return this.typeOf(edge.source.name);
      case 'rule':
        return this.ruleMatch(edge)?.payload ?? unknownType;
      case 'route':
        // The JSON body (or the query string) is the function's input: the function's type
        // decides it, the API sends nothing of its own (`deliveredType`).
        return this.typeOf(edge.target.name);
      case 'notification':
        // S3 sends its test message to queues and topics only (runtime/manifest/types.ts).
        return { kind: 's3Notification', testEvent: edge.target.kind !== 'fn' };
      case 'schedule-target':
        return this.typeOf(edge.source.name);
    }
  }

  /** Everything that puts messages into a declaration, with what it puts there. */
  producersOf(name: string): Producer[] {
    const producers: Producer[] = [];
    for (const edge of this.edgesInto(name)) {
      const type = this.deliveredType(edge);
      if (type) producers.push({ type, via: edge, describe: () => describeEdge(edge) });
    }
    for (const source of this.dlqSourcesOf(name)) {
      producers.push({ type: this.typeOf(source.name), via: source, describe: () => `the messages \`${source.name}\` gives up on (its \`dlq\`)` });
    }
    for (const edge of this.#onFailureEdges.get(name) ?? []) {
      producers.push({
        type: { kind: 'streamFailure', source: edge.kind === 'stream-trigger' ? 'kinesis' : 'dynamodb' },
        via: edge,
        describe: () => `the on-failure records of \`${edge.source.name} -> ${edge.target.name}\``,
      });
    }
    return producers;
  }

  /** The type an incoming edge puts into its target (a queue fed by a topic holds the topic's type, or its envelope). */
  deliveredType(edge: Edge): PayloadType | undefined {
    // An API produces no type: a route's body is whatever its function declares (or infers).
    if (edge.kind === 'route') return undefined;
    const payload = this.edgePayload(edge);
    if (edge.kind === 'subscription' && edge.target.kind === 'queue' && !this.#edgeModel(edge).rawMessageDelivery) {
      return { kind: 'snsEnvelope', message: payload };
    }
    if (edge.kind === 'rule' && edge.target.kind === 'queue') {
      const match = this.ruleMatch(edge)?.match;
      const detailType =
        match?.kind === 'destination'
          ? match.condition === 'success'
            ? eventBridge.successDetailType
            : eventBridge.failureDetailType
          : null;
      return { kind: 'eventBridgeEvent', detailType, detail: payload };
    }
    return payload;
  }

  private infer(name: string): PayloadType {
    const symbol = this.program.declarations.get(name);
    if (!symbol || symbol.kind === 'bus' || symbol.kind === 'bucket') return unknownType;
    // An untyped schedule sends what flowc writes as its input: Scheduler's context attributes.
    if (symbol.kind === 'schedule') return scheduledEventType;
    const producers = this.producersOf(name).filter((p) => p.type.kind !== 'unknown');
    const first = producers[0];
    if (!first) return unknownType;
    const disagreeing = producers.filter((p) => p !== first && !sameSymbol(p.type, first.type) && !sameType(p.type, first.type, this));
    if (disagreeing.length > 0) {
      const what = symbol.kind === 'fn' ? `the input of \`${name}\`` : `the message type of \`${name}\``;
      this.reporter.report('FL3003', symbol.decl.name.span, `${what} cannot be inferred: its producers send different types`, {
        label: 'no declared type',
        secondary: producers.map((p) => ({ span: spanOf(p.via), message: `${p.describe()}: ${quoteType(p.type)}` })),
        why: 'flowc infers a type from what is sent, so that every consumer and the generated TypeScript agree on one shape; producers of different shapes leave no shape to agree on.',
        help:
          symbol.kind === 'fn'
            ? `declare the input, \`fn ${name}(T)\`, with a type every trigger sends, or split the function`
            : `declare the type, \`${symbol.kind} ${name}: T\`, or give each producer its own ${symbol.kind}`,
      });
      return unknownType;
    }
    return first.type;
  }

  /**
   * Which events a rule on a bus selects, and their payload (the `detail`). With `match` the
   * user says; otherwise the receiver's declared input decides (`success<f>`/`failure<f>`
   * select that destination's records), and an undeclared receiver takes the only kind of
   * event on the bus; several kinds are ambiguous (FL3008).
   */
  ruleMatch(edge: Edge): { match: RuleMatch; payload: PayloadType } | null {
    if (this.#ruleMatches.has(edge)) return this.#ruleMatches.get(edge) ?? null;
    this.#ruleMatches.set(edge, null); // guards against re-entry
    const result = this.computeRuleMatch(edge);
    this.#ruleMatches.set(edge, result);
    return result;
  }

  /** The kinds of events the flow puts on a bus (see bus-events.ts), in source order of their producers. */
  busEventKinds(bus: string): readonly BusEventKind[] {
    const cached = this.#busKinds.get(bus);
    if (cached) return cached;
    const kinds = new Map<string, BusEventKind>();
    for (const destination of this.edgesInto(bus)) {
      if (destination.kind !== 'destination') continue;
      const kind = destinationKind(destination.source.name, destination.port ?? 'success');
      if (!kinds.has(kind.key)) kinds.set(kind.key, kind);
    }
    if (this.sendersTo(bus).length > 0 || this.edgesInto(bus).some((e) => e.kind === 'schedule-target')) kinds.set('app', appEventsKind(this.program.app?.name.text ?? 'app', this.declaredType(bus) ?? unknownType));
    const list = [...kinds.values()];
    this.#busKinds.set(bus, list);
    return list;
  }

  /**
   * The `match` of a rule as read by resolution, or undefined without one; with a mistake of
   * form in it (reported, so the program does not compile), the parts that were well formed.
   */
  rulePattern(edge: Edge): SourcePattern | undefined {
    if (edge.kind !== 'rule') return undefined;
    // A pattern with a mistake of form is a poisoned field: its well-formed parts are typed all the same.
    const written = this.model.provenance.asWritten(this.#edgeModel(edge), 'match');
    const match = written?.call ? undefined : written?.value;
    if (match?.kind !== 'SettingsBlock' || match.damaged) return undefined;
    const spec = settingSchema.edge.match?.value;
    return patternOf(match, spec?.type === 'pattern' && spec.aliases ? { aliases: spec.aliases } : {});
  }

  /**
   * The `filter` of a trigger or subscription as read by resolution, or undefined without one;
   * like `rulePattern`, the well-formed parts of a pattern with a mistake of form.
   */
  filterPattern(edge: Edge): SourcePattern | undefined {
    if (edge.kind !== 'queue-trigger' && edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger' && edge.kind !== 'subscription') return undefined;
    const written = this.model.provenance.asWritten(this.#edgeModel(edge), 'filter');
    const filter = written?.call ? undefined : written?.value;
    if (filter?.kind !== 'SettingsBlock' || filter.damaged) return undefined;
    return patternOf(filter);
  }

  private computeRuleMatch(edge: Edge): { match: RuleMatch; payload: PayloadType } | null {
    const bus = edge.source;
    const userDetail = this.declaredType(bus.name) ?? unknownType;
    const pattern = this.rulePattern(edge);
    if (pattern) return this.patternRuleMatch(edge, manifestPattern(pattern), userDetail);
    const declaredInput = edge.target.kind === 'fn' ? this.declaredType(edge.target.name) : null;
    if (declaredInput?.kind === 'invocation') {
      return {
        match: { kind: 'destination', function: declaredInput.function, condition: declaredInput.condition },
        payload: declaredInput,
      };
    }
    if (declaredInput && declaredInput.kind !== 'unknown') {
      return { match: { kind: 'app-events' }, payload: userDetail.kind === 'unknown' ? declaredInput : userDetail };
    }
    const kinds = this.busEventKinds(bus.name);
    const only = kinds[0];
    if (kinds.length === 1 && only) return { match: only.match, payload: only.payload };
    if (kinds.length > 1) {
      const describe = kinds.map((k) => (k.key === 'app' ? "events from the app's code" : quoteType(k.payload)));
      this.reporter.report('FL3008', edge.link.arrow, `the rule \`${bus.name} -> ${edge.target.name}\` cannot tell which events it wants`, {
        label: `\`${bus.name}\` carries ${describe.join(', ')}`,
        help:
          edge.target.kind === 'fn'
            ? `declare the input of \`${edge.target.name}\`, e.g. \`fn ${edge.target.name}(${printType(only?.payload ?? unknownType)})\`, or add \`{ match { … } }\` to the edge`
            : 'add `{ match { … } }` to the edge',
        why: 'An EventBridge rule matches events by a pattern; with several kinds of events on the bus, the rule would deliver all of them and the target would receive payloads of different shapes.',
      });
    }
    return null;
  }

  /**
   * A rule with `match`: its payload is the detail of the kinds of events on the bus that the
   * pattern can match (by their `source` and `detail-type`). When it matches kinds of different
   * shapes, the target would receive both: FL3008. When it matches none, or the bus is fed
   * from outside, the bus's declared detail type (FL3009 warns about the first).
   */
  private patternRuleMatch(edge: Edge, pattern: ReturnType<typeof manifestPattern>, userDetail: PayloadType): { match: RuleMatch; payload: PayloadType } {
    const match: RuleMatch = { kind: 'pattern', pattern };
    const candidates = this.busEventKinds(edge.source.name).filter((kind) => canMatch(pattern, kind));
    const first = candidates[0];
    if (first === undefined) return { match, payload: userDetail };
    const different = candidates.filter((k) => k !== first && !sameSymbol(k.payload, first.payload) && !sameType(k.payload, first.payload, this));
    if (different.length === 0) return { match, payload: first.payload };
    const names = candidates.map((k) => (k.key === 'app' ? "events from the app's code" : quoteType(k.payload)));
    this.reporter.report('FL3008', edge.link.arrow, `the pattern of \`${edge.source.name} -> ${edge.target.name}\` matches events of different shapes`, {
      label: `it matches ${names.join(' and ')}`,
      secondary: [{ span: this.model.provenance.asWritten(this.#edgeModel(edge), 'match')?.name.span ?? edge.span, message: 'this pattern' }],
      help: candidates.some((k) => k.key !== 'app')
        ? `narrow it to one kind: \`source = "${first.source}"\`${first.detailType ? `, \`detail_type = "${first.detailType}"\`` : ''}; records of different functions need different buses`
        : 'narrow the pattern by `source` or `detail_type` to one kind of event',
      why: 'A rule delivers every event its pattern matches; the target and its generated handler are typed for one shape of `detail`.',
    });
    return { match, payload: unknownType };
  }
}

/**
 * Two types that name the same thing (one declared type, one function's record): equal without
 * expanding them, which inference asks about for every producer of every declaration.
 */
function sameSymbol(a: PayloadType, b: PayloadType): boolean {
  if (a === b) return true;
  if (a.kind === 'ref' && b.kind === 'ref') return a.name === b.name;
  if (a.kind === 'invocation' && b.kind === 'invocation') return a.function === b.function && a.condition === b.condition;
  if (a.kind === 'streamFailure' && b.kind === 'streamFailure') return a.source === b.source;
  if (a.kind === 's3Notification' && b.kind === 's3Notification') return a.testEvent === b.testEvent;
  return false;
}

/**
 * The declared types (`t:Name`) and functions (`d:name`, through `success<f>`/`failure<f>`)
 * that a type names directly; named types are followed by the caller, so this stays shallow.
 */
function mentions(type: PayloadType | undefined): string[] {
  const out: string[] = [];
  const pending: PayloadType[] = type ? [type] : [];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    switch (current.kind) {
      case 'ref':
        out.push(`t:${current.name}`);
        break;
      case 'invocation':
        out.push(`d:${current.function}`);
        break;
      case 'array':
        pending.push(current.element);
        break;
      case 'record':
        for (const field of current.fields) pending.push(field.type);
        break;
      case 'union':
        for (const member of current.members) pending.push(member);
        break;
      case 'snsEnvelope':
        pending.push(current.message);
        break;
      case 'eventBridgeEvent':
        pending.push(current.detail);
        break;
      default:
        break;
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function describeEdge(edge: Edge): string {
  const source = edge.port && edge.port !== 'success' ? `${edge.source.name}.${edge.port}` : edge.source.name;
  return `\`${source} -> ${edge.target.name}\``;
}

function spanOf(via: Edge | DeclarationSymbol) {
  return 'kind' in via && 'link' in via ? via.span : via.decl.name.span;
}

/** FL3001/FL3002: what each edge sends must be what its receiver declared. */
export function checkEdgeTypes(typed: TypedProgram, reporter: Reporter): void {
  for (const edge of typed.program.edges) {
    const target = edge.target;
    const declared = typed.declaredType(target.name);
    if (!declared || target.kind === 'bus') continue;
    const sent = typed.deliveredType(edge);
    if (!sent || sent.kind === 'unknown') continue;
    const result = isAssignable(sent, declared, typed);
    if (result.ok) continue;
    if (edge.kind === 'destination') {
      reportDestinationMismatch(typed, reporter, edge, declared, describeMismatch(result));
      continue;
    }
    reporter.report('FL3001', edge.link.target.span, `\`${target.name}\` does not accept what \`${edge.source.name}\` sends: ${describeMismatch(result)}`, {
      label: `expects ${quoteType(declared)}`,
      secondary: [{ span: edge.sourceEndpoint.span, message: `sends ${quoteType(sent)}` }],
      why: 'The receiver and its generated TypeScript handler are typed for the declared shape; a message of another shape deploys fine and fails in the handler at run time.',
      help: mismatchHelp(typed, edge, sent),
    });
  }
}

function mismatchHelp(typed: TypedProgram, edge: Edge, sent: PayloadType): string {
  if (sent.kind === 'snsEnvelope') return 'the queue receives the SNS envelope because of `raw = false`; declare the queue without a type, or drop `raw = false`';
  if (sent.kind === 'eventBridgeEvent') return `a bus delivers the whole EventBridge event to a queue; leave the type of \`${edge.target.name}\` out to have it inferred`;
  const declaredAt = typed.program.declarations.get(edge.target.name)?.decl.kind === 'FnDecl' ? `the input of \`${edge.target.name}\`` : `the type of \`${edge.target.name}\``;
  return `make ${declaredAt} ${quoteType(sent)}, or leave it out to have it inferred`;
}

/**
 * A destination sends the invocation record, not the function's result: the most common
 * mistake, so it gets its own code and a precise fix.
 */
function reportDestinationMismatch(typed: TypedProgram, reporter: Reporter, edge: Edge, declared: PayloadType, mismatch: string): void {
  const fn = edge.source.name;
  const condition = edge.port ?? 'success';
  const target = edge.target;
  const output = typed.functionOutput(fn);
  const input = typed.functionInput(fn);
  const confusedWithPayload =
    (condition === 'success' && output !== null && sameType(output, declared, typed)) || sameType(input, declared, typed);
  const record = `${condition}<${fn}>`;
  const declaration = target.kind === 'fn' ? `fn ${target.name}(${record})` : `${target.kind} ${target.name}: ${record}`;
  reporter.report(
    'FL3002',
    edge.link.target.span,
    confusedWithPayload
      ? `a ${condition} destination sends the invocation record \`${record}\`, not ${quoteType(declared)} itself: ${quoteType(declared)} is its ${condition === 'success' && output !== null && sameType(output, declared, typed) ? 'responsePayload' : 'requestPayload'}`
      : `\`${target.name}\` does not accept the ${condition} record of \`${fn}\`: ${mismatch}`,
    {
      label: `declared as ${quoteType(declared)}`,
      secondary: [{ span: edge.sourceEndpoint.span, message: `sends ${record}` }],
      why: 'Lambda wraps the result in a record: { requestContext, requestPayload, responseContext, responsePayload }.',
      help: `declare \`${declaration}\`${target.kind === 'fn' ? '' : `, or leave the type out to have it inferred`}`,
    },
  );
}
