/**
 * What the generated module says about each function, worked out once from the manifest and
 * rendered twice: into the generated module and into the handler stubs. Per function: its
 * triggers grouped by envelope kind (one handler helper per kind), the event and result types,
 * and a typed client per `sends` target.
 */
import { eventBridge } from '../../../runtime/aws/limits.js';
import { exactStrings } from '../../../runtime/pattern/fields.js';
import type {
  EdgeSpec,
  FlowManifest,
  FunctionSpec,
  QueueTriggerEdge,
  RuleEdge,
  RouteEdge,
  ScheduleTargetEdge,
  StreamTriggerEdge,
  SubscriptionEdge,
  DestinationEdge,
  NotificationEdge,
  SendTarget,
  FifoSettings,
} from '../../../runtime/manifest/schema.js';
import type { PayloadType } from '../../../runtime/manifest/types.js';
import { NameAllocator, pascalCase } from './names.js';
import { propertyName, quote, type TypeNames, typeText, unionText, unique } from './type-text.js';
import { schemaOption, type ValidatorNames } from './validators.js';

/** How a function is invoked, by the shape of its event; `invoke`: the payload itself is the event. */
export type EnvelopeKind = 'sqs' | 'kinesis' | 'dynamodb' | 'sns' | 'bus' | 'http' | 's3' | 'invoke';

const kindOrder: readonly EnvelopeKind[] = ['sqs', 'kinesis', 'dynamodb', 'sns', 'bus', 'http', 's3', 'invoke'];

type TriggerEdge = QueueTriggerEdge | StreamTriggerEdge | SubscriptionEdge | RuleEdge | DestinationEdge | RouteEdge | NotificationEdge | ScheduleTargetEdge;

export interface Envelope {
  readonly kind: EnvelopeKind;
  /** The edges of this kind into the function; empty for a function nothing triggers. */
  readonly edges: readonly TriggerEdge[];
  /** The payload inside the envelope, as type text. */
  readonly payload: string;
  /** The payload's type when all edges agree on it, to name the stub's parameter after. */
  readonly payloadType: PayloadType | null;
  readonly event: string;
  readonly result: string;
  /** The `flowc/runtime` call that makes the handler helper. */
  readonly helper: string;
  /** Batch triggers: failures are reported per item (every edge of the kind asks for it). */
  readonly reportFailures: boolean;
  /** SQS: some source queue is FIFO. */
  readonly fifo: boolean;
}

export interface SendClient {
  readonly target: SendTarget;
  /** The `flowc/runtime` call that makes the client. */
  readonly client: string;
  /** `send`, `publish` or `put`… for the stub's hint. */
  readonly method: string;
}

export interface FunctionModel {
  readonly spec: FunctionSpec;
  /** The helper value's identifier. */
  readonly value: string;
  readonly types: { readonly Input: string; readonly Output: string | null; readonly Event: string; readonly Result: string; readonly Handler: string };
  readonly envelopes: readonly Envelope[];
  /** A function invoked both by pollers and asynchronously: the alias of its asynchronous events, and their union. */
  readonly asyncEvent: { readonly alias: string; readonly text: string } | null;
  readonly event: string;
  readonly result: string;
  readonly sends: readonly SendClient[];
  /** `idempotency = <table>`: the `flowc/runtime` call that makes its `idempotency(…)` factory; null without one. */
  readonly idempotency: string | null;
  /** Where its results go: the success and failure destinations. */
  readonly destinations: { readonly success: DestinationEdge | undefined; readonly failure: DestinationEdge | undefined };
}

export interface ModuleModel {
  readonly manifest: FlowManifest;
  readonly runtime: string;
  /** The identifier of the interface that types the whole flow for `simulate<Flow>()`. */
  readonly flow: string;
  /** Declared type name → identifier. */
  readonly declared: ReadonlyMap<string, string>;
  readonly functions: readonly FunctionModel[];
  readonly typeNames: TypeNames;
  readonly validators: ValidatorNames;
  readonly isFifoQueue: (name: string) => boolean;
}

export function buildModel(manifest: FlowManifest): ModuleModel {
  let model = models.get(manifest);
  if (model === undefined) {
    model = modelOf(manifest);
    models.set(manifest, model);
  }
  return model;
}

/** One model per manifest: the emitter and the handler checks (handlers/names.ts) both ask for it in one build. */
const models = new WeakMap<FlowManifest, ModuleModel>();

function modelOf(manifest: FlowManifest): ModuleModel {
  const names = new NameAllocator();
  const declared = new Map<string, string>();
  for (const name of Object.keys(manifest.types)) declared.set(name, names.claim(name));
  const values = new Map<string, string>();
  for (const fn of manifest.functions) values.set(fn.name, names.claim(fn.name));
  const aliases = new Map<string, Record<'Input' | 'Output' | 'Event' | 'Result' | 'Handler', string>>();
  for (const fn of manifest.functions) aliases.set(fn.name, names.claimGroup(pascalCase(fn.name), ['Input', 'Output', 'Event', 'Result', 'Handler'] as const));
  const resources = new ResourceIndex(manifest);
  const triggers = manifest.edges.filter((edge): edge is TriggerEdge => kindOfEdge(edge) !== null);
  const incoming = groupBy(triggers, (edge) => edge.target);
  // A function with destinations, invoked both by pollers and asynchronously: its invocation
  // records hold only the asynchronous events, named by an alias of their own.
  const asyncAliases = new Map<string, string>();
  const withDestinations = new Set(manifest.edges.filter((edge) => edge.kind === 'destination').map((edge) => edge.source));
  for (const fn of manifest.functions) {
    if (!withDestinations.has(fn.name)) continue;
    const kinds = new Set((incoming.get(fn.name) ?? []).map((edge) => kindOfEdge(edge) as EnvelopeKind));
    if ([...kinds].some(isSynchronous) && [...kinds].some((kind) => !isSynchronous(kind))) asyncAliases.set(fn.name, names.claim(`${pascalCase(fn.name)}AsyncEvent`));
  }
  const runtime = names.claim('runtime');
  const flow = names.claim('Flow');
  const validators: ValidatorNames = { schemas: names.claim('schemas'), types: names.claim('payloadTypes') };
  const specs = new Map(manifest.functions.map((fn) => [fn.name, fn]));
  const sizeLimited = new Set(
    manifest.edges.filter((edge) => edge.kind === 'destination' && (edge.targetKind === 'topic' || edge.targetKind === 'bus')).map((edge) => `${edge.source}.${(edge as DestinationEdge).condition}`),
  );

  const typeNames: TypeNames = {
    runtime,
    declared: (name) => declared.get(name) ?? name,
    functionInput: (fn) => aliases.get(fn)?.Input ?? 'unknown',
    functionEvent: (fn) => requestAlias(fn),
    functionOutput: (fn) => (specs.get(fn)?.output ? (aliases.get(fn)?.Output ?? null) : null),
    recordSizeLimited: (fn, condition) => sizeLimited.has(`${fn}.${condition}`),
  };
  /** What a record's requestPayload holds: the asynchronous events; `never` for a function only pollers invoke (its destinations never fire). */
  function requestAlias(fn: string): string {
    const edges = incoming.get(fn) ?? [];
    if (edges.length > 0 && edges.every((edge) => isSynchronous(kindOfEdge(edge) as EnvelopeKind))) return 'never';
    return asyncAliases.get(fn) ?? aliases.get(fn)?.Event ?? 'unknown';
  }
  const destinations = groupBy(
    manifest.edges.filter((edge): edge is DestinationEdge => edge.kind === 'destination'),
    (edge) => edge.source,
  );

  const functions = manifest.functions.map((spec): FunctionModel => {
    const alias = aliases.get(spec.name) as Record<'Input' | 'Output' | 'Event' | 'Result' | 'Handler', string>;
    const output = spec.output === null ? 'void' : alias.Output;
    const envelopes = envelopesOf(spec, incoming.get(spec.name) ?? [], { typeNames, resources, validators, input: alias.Input, output, app: manifest.app });
    const outgoing = destinations.get(spec.name) ?? [];
    const asyncEvent = asyncAliases.get(spec.name);
    return {
      spec,
      value: values.get(spec.name) as string,
      asyncEvent: asyncEvent === undefined ? null : { alias: asyncEvent, text: unionText(envelopes.filter((e) => !isSynchronous(e.kind)).map((e) => e.event)) },
      types: { ...alias, Output: spec.output === null ? null : alias.Output },
      envelopes,
      event: unionText(envelopes.map((e) => e.event)),
      result: unionText(envelopes.map((e) => e.result)),
      sends: spec.sends.map((target) => sendClient(target, resources, typeNames)),
      idempotency: idempotencyFactory(manifest.app, spec, resources, runtime, alias.Input),
      destinations: { success: outgoing.find((e) => e.condition === 'success'), failure: outgoing.find((e) => e.condition === 'failure') },
    };
  });
  return { manifest, runtime, flow, declared, functions, typeNames, validators, isFifoQueue: (name) => resources.queue(name)?.fifo === true };
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** Event source mappings poll and invoke synchronously, API Gateway invokes synchronously: no destination fires for them. */
function isSynchronous(kind: EnvelopeKind): boolean {
  return kind === 'sqs' || kind === 'kinesis' || kind === 'dynamodb' || kind === 'http';
}

/** The envelope an edge delivers in, or null when its target is not a function. */
function kindOfEdge(edge: EdgeSpec): EnvelopeKind | null {
  switch (edge.kind) {
    case 'queue-trigger':
      return 'sqs';
    case 'stream-trigger':
      return 'kinesis';
    case 'table-trigger':
      return 'dynamodb';
    case 'subscription':
      return edge.targetKind === 'fn' ? 'sns' : null;
    case 'rule':
      return edge.targetKind === 'fn' ? 'bus' : null;
    case 'destination':
      return edge.targetKind === 'fn' ? 'invoke' : null;
    case 'route':
      return 'http';
    case 'notification':
      return edge.targetKind === 'fn' ? 's3' : null;
    case 'schedule-target':
      // Scheduler invokes the function with the schedule's input as the event itself.
      return edge.targetKind === 'fn' ? 'invoke' : null;
  }
}

interface EnvelopeContext {
  readonly typeNames: TypeNames;
  readonly resources: ResourceIndex;
  readonly validators: ValidatorNames;
  /** The function's Input alias, and its result for asynchronous invocations (`void` when none). */
  readonly input: string;
  readonly output: string;
  /** The app's name: the `source` of the events its code puts on a bus. */
  readonly app: string;
}

function envelopesOf(spec: FunctionSpec, edges: readonly TriggerEdge[], context: EnvelopeContext): Envelope[] {
  const byKind = groupBy(edges, (edge) => kindOfEdge(edge) as EnvelopeKind);
  // Nothing in the flow invokes it: it is invoked directly, with its input as the event.
  if (byKind.size === 0) byKind.set('invoke', []);
  return kindOrder.filter((kind) => byKind.has(kind)).map((kind) => envelope(kind, byKind.get(kind) ?? [], spec, context));
}

function envelope(kind: EnvelopeKind, edges: readonly TriggerEdge[], spec: FunctionSpec, context: EnvelopeContext): Envelope {
  const rt = context.typeNames.runtime;
  const inputJson = JSON.stringify(spec.input);
  const payloads = edges.length === 0 ? [spec.input] : edges.map((e) => e.payload);
  const distinct = unique(payloads.map((p) => JSON.stringify(p)));
  const payloadType = distinct.length === 1 ? (payloads[0] as PayloadType) : null;
  const payload = distinct.length === 1 && distinct[0] === inputJson ? context.input : unionText(payloads.map((p) => typeText(p, context.typeNames)));
  const reportFailures = edges.length > 0 && edges.every((e) => 'reportBatchItemFailures' in e && e.reportBatchItemFailures);
  const fifo = kind === 'sqs' && edges.some((e) => context.resources.queue(e.source)?.fifo === true);
  const base = { kind, edges, payload, payloadType, reportFailures, fifo };
  // The helper's `schema` option, after the others (`, schema: …`) or alone (`{ schema: … }`).
  const schema = schemaOption(spec, payloads, payload, context.validators, context.typeNames);
  const more = schema === null ? '' : `, ${schema}`;
  const only = schema === null ? '' : `{ ${schema} }`;
  switch (kind) {
    case 'sqs':
      return {
        ...base,
        event: `${rt}.SqsEvent<${payload}>`,
        result: reportFailures ? `${rt}.SQSBatchResponse` : 'void',
        helper: `${rt}.sqsTrigger<${payload}>({ fifo: ${fifo}, reportFailures: ${reportFailures}${more} })`,
      };
    case 'kinesis':
      return {
        ...base,
        event: `${rt}.KinesisEvent<${payload}>`,
        result: reportFailures ? `${rt}.KinesisStreamBatchResponse` : 'void',
        helper: `${rt}.kinesisTrigger<${payload}>({ reportFailures: ${reportFailures}${more} })`,
      };
    case 'dynamodb': {
      const { key, views } = tableChangeOf(edges, context.resources);
      return {
        ...base,
        event: `${rt}.DynamoDbEvent<${payload}>`,
        result: reportFailures ? `${rt}.DynamoDBBatchResponse` : 'void',
        helper: `${rt}.dynamodbTrigger<${payload}, ${key ?? `keyof ${payload}`}, ${unionText(views.map(quote))}>({ reportFailures: ${reportFailures}, views: [${views.map(quote).join(', ')}]${more} })`,
      };
    }
    case 'sns':
      return { ...base, event: `${rt}.SnsEvent<${payload}>`, result: context.output, helper: `${rt}.snsTrigger<${payload}, ${context.output}>(${only})` };
    case 'bus': {
      const detailType = detailTypeText(edges as readonly RuleEdge[]);
      const source = sourceText(edges as readonly RuleEdge[], context.app);
      return {
        ...base,
        event: `${rt}.BusEvent<${detailType}, ${payload}, ${source}>`,
        result: context.output,
        helper: `${rt}.busTrigger<${detailType}, ${payload}, ${context.output}, ${source}>(${only})`,
      };
    }
    case 'http': {
      const routes = edges as readonly RouteEdge[];
      const bodyRoutes = routes.filter((e) => e.body).map((e) => quote(e.routeKey));
      return {
        ...base,
        event: `${rt}.HttpEvent`,
        result: `${rt}.HttpResult`,
        helper: `${rt}.httpTrigger<${payload}, ${paramsText(routes)}, ${context.output}>({ bodyRoutes: [${bodyRoutes.join(', ')}]${more} })`,
      };
    }
    case 's3':
      // S3 invokes asynchronously: the result goes to the function's success destination. The
      // event is S3's own shape, so there is nothing to validate.
      return { ...base, event: `${rt}.S3Event`, result: context.output, helper: `${rt}.s3Trigger<${context.output}>()` };
    case 'invoke':
      return { ...base, event: payload, result: context.output, helper: `${rt}.invokeTrigger<${payload}, ${context.output}>(${only})` };
  }
}

/**
 * The path parameters a function's routes give it: `{ id: string }`; a parameter only some of
 * its routes have is optional.
 */
function paramsText(routes: readonly RouteEdge[]): string {
  const names = unique(routes.flatMap((route) => route.params));
  if (names.length === 0) return 'Record<string, never>';
  const everywhere = (name: string) => routes.every((route) => route.params.includes(name));
  return `{ ${names.map((name) => `readonly ${propertyName(name)}${everywhere(name) ? '' : '?'}: string`).join('; ')} }`;
}

const viewNames = { KEYS_ONLY: 'keys', NEW_IMAGE: 'new', OLD_IMAGE: 'old', NEW_AND_OLD_IMAGES: 'new_and_old' } as const;

/**
 * The key fields and stream views of the tables behind a function's DynamoDB triggers: the
 * `Key` and `View` of its `TableChange`. Tables keyed by different fields give `keyof T`, whose
 * `Pick` is the whole item: there is no one set of key fields to name.
 */
function tableChangeOf(edges: readonly TriggerEdge[], resources: ResourceIndex): { readonly key: string | null; readonly views: readonly string[] } {
  const keys = new Set<string>();
  const views = new Set<string>();
  for (const edge of edges) {
    const table = resources.table(edge.source);
    if (table === undefined) continue;
    keys.add([table.partitionKey.attribute, ...(table.sortKey ? [table.sortKey.attribute] : [])].map(quote).join(' | '));
    views.add(viewNames[table.streamView ?? 'NEW_AND_OLD_IMAGES']);
  }
  const [key] = keys;
  return { key: keys.size === 1 && key !== undefined ? key : null, views: [...views] };
}

/**
 * The `source` of the events a rule lets through: `lambda` for destination records, the app's
 * name for its own events (what its bus clients write), the pattern's literals, or any string.
 */
function sourceText(rules: readonly RuleEdge[], app: string): string {
  const literals: string[] = [];
  for (const rule of rules) {
    const match = rule.match;
    if (match.kind === 'destination') literals.push(eventBridge.destinationSource);
    else if (match.kind === 'app-events') literals.push(app);
    else {
      const values = exactStrings(match.pattern, 'source');
      if (values === undefined || values.length === 0) return 'string';
      literals.push(...values);
    }
  }
  return unionText(literals.map(quote));
}

/** The `detail-type` a rule lets through: the destination record's, the pattern's literals, or any string. */
function detailTypeText(rules: readonly RuleEdge[]): string {
  const literals: string[] = [];
  for (const rule of rules) {
    const match = rule.match;
    if (match.kind === 'destination') {
      literals.push(match.condition === 'success' ? eventBridge.successDetailType : eventBridge.failureDetailType);
      continue;
    }
    const values = match.kind === 'pattern' ? exactStrings(match.pattern, 'detail-type') : undefined;
    if (values === undefined || values.length === 0) return 'string';
    literals.push(...values);
  }
  return unionText(literals.map(quote));
}

class ResourceIndex {
  readonly #queues;
  readonly #topics;
  readonly #buses;
  readonly #streams;
  readonly #tables;

  constructor(manifest: FlowManifest) {
    this.#queues = new Map(manifest.queues.map((q) => [q.name, q]));
    this.#topics = new Map(manifest.topics.map((t) => [t.name, t]));
    this.#buses = new Map(manifest.buses.map((b) => [b.name, b]));
    this.#streams = new Map(manifest.streams.map((s) => [s.name, s]));
    this.#tables = new Map(manifest.tables.map((t) => [t.name, t]));
  }

  queue(name: string) {
    return this.#queues.get(name);
  }
  topic(name: string) {
    return this.#topics.get(name);
  }
  bus(name: string) {
    return this.#buses.get(name);
  }
  stream(name: string) {
    return this.#streams.get(name);
  }
  table(name: string) {
    return this.#tables.get(name);
  }
}

const pathText = (path: readonly string[]): string => `[${path.map(quote).join(', ')}]`;

/** `groupBy`/`deduplication` of a FIFO client, and the ids the sender must give because the flow does not place them. */
function fifoArguments(settings: FifoSettings | null): { readonly args: string; readonly needed: string } {
  const groupBy = settings?.groupBy ?? null;
  const dedup = settings?.deduplication ?? null;
  const needed = [...(groupBy === null ? ["'groupId'"] : []), ...(dedup === null ? ["'deduplicationId'"] : [])];
  const dedupText = dedup === null ? 'null' : dedup.kind === 'content' ? "'content'" : pathText(dedup.path);
  return { args: `groupBy: ${groupBy === null ? 'null' : pathText(groupBy)}, deduplication: ${dedupText}`, needed: needed.length === 0 ? 'never' : needed.join(' | ') };
}

function sendClient(target: SendTarget, resources: ResourceIndex, names: TypeNames): SendClient {
  const rt = names.runtime;
  const name = quote(target.name);
  switch (target.kind) {
    case 'queue': {
      const queue = resources.queue(target.name);
      const message = queue ? typeText(queue.message, names) : 'unknown';
      if (!queue?.fifo) return { target, method: 'send', client: `${rt}.queueClient<${message}>({ name: ${name} })` };
      const fifo = fifoArguments(queue.fifoSettings);
      return { target, method: 'send', client: `${rt}.fifoQueueClient<${message}, ${fifo.needed}>({ name: ${name}, ${fifo.args} })` };
    }
    case 'topic': {
      const topic = resources.topic(target.name);
      const message = topic ? typeText(topic.message, names) : 'unknown';
      if (!topic?.fifo) return { target, method: 'publish', client: `${rt}.topicClient<${message}>({ name: ${name} })` };
      const fifo = fifoArguments(topic.fifoSettings);
      return { target, method: 'publish', client: `${rt}.fifoTopicClient<${message}, ${fifo.needed}>({ name: ${name}, ${fifo.args} })` };
    }
    case 'bus': {
      const detail = resources.bus(target.name)?.detail ?? null;
      // The default detail-type of the app's events: the declared type's name, else the bus's.
      const detailType = detail?.kind === 'ref' ? detail.name : target.name;
      return {
        target,
        method: 'put',
        client: `${rt}.busClient<${detail === null ? 'unknown' : typeText(detail, names)}>({ name: ${name}, detailType: ${quote(detailType)} })`,
      };
    }
    case 'stream': {
      const stream = resources.stream(target.name);
      const record = stream ? typeText(stream.record, names) : 'unknown';
      const key = stream?.partitionKey ?? null;
      return {
        target,
        method: 'put',
        client: `${rt}.streamClient<${record}, ${key === null}>({ name: ${name}, partitionKey: ${key === null ? 'null' : pathText(key)} })`,
      };
    }
    case 'bucket':
      return { target, method: 'put', client: `${rt}.bucketClient({ name: ${name} })` };
    case 'table': {
      const table = resources.table(target.name);
      const item = table ? typeText(table.item, names) : 'unknown';
      const partition = quote(table?.partitionKey.attribute ?? 'id');
      const sort = table?.sortKey ? quote(table.sortKey.attribute) : null;
      return {
        target,
        method: 'put',
        client: `${rt}.tableClient<${item}, ${partition}${sort === null ? '' : `, ${sort}`}>({ name: ${name}, partitionKey: ${partition}, sortKey: ${sort ?? 'null'} })`,
      };
    }
  }
}

/** `runtime.tableIdempotency<Input>({ … })`: the table's key and TTL attributes and the function's key prefix. */
function idempotencyFactory(app: string, spec: FunctionSpec, resources: ResourceIndex, rt: string, input: string): string | null {
  if (spec.idempotency === null) return null;
  const table = resources.table(spec.idempotency.table);
  const fields = [
    `table: ${quote(spec.idempotency.table)}`,
    `keyAttribute: ${quote(table?.partitionKey.attribute ?? 'id')}`,
    `sortKeyAttribute: ${table?.sortKey ? quote(table.sortKey.attribute) : 'null'}`,
    ...(table?.ttl ? [`expiryAttribute: ${quote(table.ttl)}`] : []),
    `prefix: ${quote(`${app}.${spec.name}`)}`,
  ];
  return `${rt}.tableIdempotency<${input}>({ ${fields.join(', ')} })`;
}
