import { parseRouteKey, routeTakesBody } from '../../runtime/aws/routes.js';
import {
  type ApiSpec,
  type AsyncConfig,
  type BucketSpec,
  type BusSpec,
  type DeploySettings,
  type EdgeSpec,
  type EnvValue,
  type ExistingResource,
  type FieldPath,
  type FifoSettings,
  type FlowManifest,
  type FunctionSpec,
  MANIFEST_VERSION,
  type Origin,
  type Pattern,
  type ParameterReference,
  type QueueSpec,
  type ScheduleSpec,
  type SendTarget,
  type StreamSpec,
  type TableSpec,
  type TopicSpec,
} from '../../runtime/manifest/schema.js';
import type { PayloadType } from '../../runtime/manifest/types.js';
import { newImagePattern } from '../check/filters.js';
import type { CheckedProgram } from '../check/run-checks.js';
import type { TypedProgram } from '../check/typed-program.js';
import type { Model } from '../elaborate/elaborate.js';
import type { DeclarationModel, EdgeModel, QueueModel, StageModel, TopicModel } from '../elaborate/model.js';
import { manifestPattern } from '../resolve/pattern.js';
import type { Edge } from '../resolve/program.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { structureOf } from '../types/structure.js';
import { s3EventTypes } from './s3-events.js';

/**
 * Checked program → flow manifest: the model without its provenance, in the manifest's shapes
 * (AWS's spellings of words, everything sorted). Every default was applied by elaborate; this
 * runs only on programs without errors, so every field is well-formed and in range.
 */
export function lowerToManifest(checked: CheckedProgram, source: SourceFile): FlowManifest {
  const { typed, model } = checked;
  const program = typed.program;
  const origin = (at: Span): Origin => source.position(at.start);
  const byKind = <K extends DeclarationModel['kind']>(kind: K) =>
    [...model.declarations.values()].filter((d): d is Extract<DeclarationModel, { kind: K }> => d.kind === kind).sort((a, b) => compare(a.name, b.name));
  const app = model.app;

  const types: Record<string, PayloadType> = {};
  const typeOrigins: Record<string, Origin> = {};
  for (const name of [...program.types.keys()].sort(compare)) {
    const type = typed.named(name);
    if (type) types[name] = type;
    const decl = program.types.get(name);
    if (type && decl) typeOrigins[name] = origin(decl.name.span);
  }

  const functions = byKind('fn').map((fn): FunctionSpec => {
    const decl = fn.symbol.decl.kind === 'FnDecl' ? fn.symbol.decl : undefined;
    const hasDestinations = typed.edgesFrom(fn.name).some((e) => e.kind === 'destination');
    const written = (field: 'asyncRetryAttempts' | 'asyncMaxEventAgeSeconds') => model.provenance.spanOf(fn, field) !== 'default';
    const asyncConfig: AsyncConfig | null =
      hasDestinations || written('asyncRetryAttempts') || written('asyncMaxEventAgeSeconds')
        ? { maximumRetryAttempts: fn.asyncRetryAttempts, maximumEventAgeSeconds: fn.asyncMaxEventAgeSeconds }
        : null;
    const store = fn.idempotencyTable === null ? undefined : model.declarations.get(fn.idempotencyTable);
    return {
      name: fn.name,
      origin: origin(fn.symbol.decl.name.span),
      input: typed.typeOf(fn.name),
      output: decl?.output ? typed.converter.convert(decl.output, false) : null,
      runtime: fn.runtime,
      handler: fn.handlerPath,
      memoryMb: fn.memoryMb,
      timeoutSeconds: fn.timeoutSeconds,
      architecture: fn.architecture,
      ...environmentOf(fn.environment),
      reservedConcurrency: fn.reservedConcurrency,
      recursiveLoop: fn.recursiveLoop === 'allow' ? 'Allow' : 'Terminate',
      asyncConfig,
      sends: sendsOf(fn.sends, model.declarations),
      idempotency: store?.kind === 'table' ? { table: store.name } : null,
      validatePayloads: fn.validatePayloads,
    };
  });

  const fifoSettings = (item: QueueModel | TopicModel): FifoSettings | null => {
    if (!item.fifo) return null;
    return {
      groupBy: item.groupBy,
      deduplication: item.deduplication,
      deduplicationScope: item.kind === 'queue' && item.deduplicationScope === 'group' ? 'messageGroup' : 'queue',
      throughputLimit: item.kind === 'queue' && item.throughputLimit === 'per_group' ? 'perMessageGroupId' : 'perQueue',
    };
  };

  const queues = byKind('queue').map((queue): QueueSpec => ({
    name: queue.name,
    origin: origin(queue.symbol.decl.name.span),
    ...existingOf(queue),
    fifo: queue.fifo,
    message: typed.typeOf(queue.name),
    visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
    messageRetentionSeconds: queue.messageRetentionSeconds,
    delaySeconds: queue.delaySeconds,
    maximumMessageBytes: queue.maximumMessageBytes,
    receiveWaitSeconds: queue.receiveWaitSeconds,
    fifoSettings: fifoSettings(queue),
    redrive: queue.deadLetterQueue === null ? null : { deadLetterQueue: queue.deadLetterQueue, maxReceiveCount: queue.maxReceiveCount },
    retain: queue.retain,
  }));

  const topics = byKind('topic').map((topic): TopicSpec => ({
    name: topic.name,
    origin: origin(topic.symbol.decl.name.span),
    ...existingOf(topic),
    fifo: topic.fifo,
    message: typed.typeOf(topic.name),
    fifoSettings: fifoSettings(topic),
  }));

  const buses = byKind('bus').map((bus): BusSpec => ({
    name: bus.name,
    origin: origin(bus.symbol.decl.name.span),
    ...existingOf(bus),
    detail: typed.declaredType(bus.name),
  }));

  const streams = byKind('stream').map((stream): StreamSpec => {
    const onDemand = stream.capacityMode === 'on_demand';
    return {
      name: stream.name,
      origin: origin(stream.symbol.decl.name.span),
      ...existingOf(stream),
      record: typed.typeOf(stream.name),
      mode: onDemand ? 'ON_DEMAND' : 'PROVISIONED',
      shardCount: onDemand ? null : stream.shardCount,
      partitionKey: stream.partitionKey,
      retentionHours: stream.retentionHours,
      retain: stream.retain,
    };
  });

  const tables = byKind('table').map((table): TableSpec => {
    const item = typed.typeOf(table.name);
    const key = (path: FieldPath | null) => (path === null ? null : { attribute: path.join('.'), type: keyAttributeType(fieldType(item, path, typed)) });
    return {
      name: table.name,
      origin: origin(table.symbol.decl.name.span),
      ...existingOf(table),
      item,
      partitionKey: key(table.partitionKey) ?? { attribute: 'id', type: 'S' },
      sortKey: key(table.sortKey),
      streamView: table.streamView === null ? null : streamViewTypes[table.streamView],
      retain: table.retain,
      ttl: table.ttlAttribute?.join('.') ?? null,
    };
  });

  const apis = byKind('api').map((api): ApiSpec => ({
    name: api.name,
    origin: origin(api.symbol.decl.name.span),
    corsOrigins: [...api.corsOrigins],
  }));

  const buckets = byKind('bucket').map((bucket): BucketSpec => ({
    name: bucket.name,
    origin: origin(bucket.symbol.decl.name.span),
    versioned: bucket.versioned,
    retain: bucket.retain,
  }));

  const schedules = byKind('schedule').map((schedule): ScheduleSpec => {
    const typedSchedule = typed.declaredType(schedule.name) !== null;
    return {
      name: schedule.name,
      origin: origin(schedule.symbol.decl.name.span),
      payload: typed.declaredType(schedule.name),
      // FL2022 makes sure one of the two is set; FL4060 that a rate is whole minutes.
      expression: schedule.cron !== null ? { kind: 'cron', fields: schedule.cron.trim().split(/\s+/).join(' ') } : { kind: 'rate', minutes: Math.round((schedule.rateSeconds ?? 60) / 60) },
      timezone: schedule.timezone,
      // A typed schedule without `input` sends `{}` (FL4063 checked it against the type).
      input: typedSchedule ? (schedule.input ?? {}) : null,
      retryAttempts: schedule.retryAttempts,
      maximumEventAgeSeconds: schedule.maximumEventAgeSeconds,
      deadLetterQueue: schedule.deadLetterQueue,
      flexibleWindowMinutes: schedule.flexibleWindowMinutes,
      state: schedule.state === 'disabled' ? 'DISABLED' : 'ENABLED',
    };
  });

  const repeats = notificationRepeats(model.edges.map((edge) => edge.edge));
  const edges = model.edges.map((edge) => lowerEdge(edge, typed, model, origin(edge.edge.span), repeats.get(edge.edge) ?? 1));

  const roles = { permissionsBoundary: app.permissionsBoundary, path: app.rolePath };
  const declarationTags: Record<string, Record<string, string>> = {};
  for (const item of [...model.declarations.values()].sort((a, b) => compare(a.name, b.name))) {
    if (model.provenance.spanOf(item, 'tags') === 'default') continue;
    const merged: Record<string, string> = { ...app.tags, ...item.tags };
    declarationTags[item.name] = Object.fromEntries(Object.keys(merged).sort(compare).map((key) => [key, merged[key] as string]));
  }
  const tags = {
    ...(Object.keys(app.tags).length > 0 ? { tags: { ...app.tags } } : {}),
    ...(Object.keys(declarationTags).length > 0 ? { declarationTags } : {}),
  };
  const stage = program.stage !== undefined ? { stage: program.stage } : {};
  const deploy = deploySettings(program.stage === undefined ? undefined : model.stages.get(program.stage));
  return { manifestVersion: MANIFEST_VERSION, app: app.name, ...stage, ...(deploy === undefined ? {} : { deploy }), source: source.path, types, typeOrigins, functions, queues, topics, buses, streams, tables, apis, buckets, schedules, edges, roles, ...tags };
}

/** DynamoDB's StreamViewType of each `stream = …` word. */
const streamViewTypes = { new_and_old: 'NEW_AND_OLD_IMAGES', new: 'NEW_IMAGE', old: 'OLD_IMAGE', keys: 'KEYS_ONLY' } as const;

/** The deploy settings the selected stage's block writes; undefined when it writes none (the manifest stays as before). */
function deploySettings(stage: StageModel | undefined): DeploySettings | undefined {
  if (stage === undefined) return undefined;
  const settings: DeploySettings = {
    ...(stage.region === null ? {} : { region: stage.region }),
    ...(stage.account === null ? {} : { account: stage.account }),
    ...(stage.bucket === null ? {} : { bucket: stage.bucket }),
    ...(stage.profile === null ? {} : { profile: stage.profile }),
    ...(stage.stackName === null ? {} : { stack: stage.stackName }),
  };
  return Object.keys(settings).length === 0 ? undefined : settings;
}

function lowerEdge(model: EdgeModel, typed: TypedProgram, program: Model, at: Origin, ordinal: number): EdgeSpec {
  const edge = model.edge;
  const base = { id: edgeId(edge, model.routeKey, ordinal), origin: at, source: edge.source.name, target: edge.target.name, payload: typed.edgePayload(edge) };
  switch (edge.kind) {
    case 'destination':
      return { ...base, kind: 'destination', condition: edge.port ?? 'success', targetKind: edge.target.kind as 'fn' | 'queue' | 'topic' | 'bus' };
    case 'queue-trigger':
      return {
        ...base,
        kind: 'queue-trigger',
        batchSize: present(model.batchSize, edge),
        batchingWindowSeconds: model.batchingWindowSeconds,
        maximumConcurrency: model.maximumConcurrency,
        reportBatchItemFailures: model.reportBatchItemFailures,
        filter: edgeFilter(edge, typed),
      };
    case 'stream-trigger':
    case 'table-trigger': {
      const onFailure = model.onFailure === null ? undefined : program.declarations.get(model.onFailure);
      return {
        ...base,
        kind: edge.kind,
        batchSize: present(model.batchSize, edge),
        batchingWindowSeconds: model.batchingWindowSeconds,
        parallelizationFactor: model.parallelizationFactor,
        maximumRetryAttempts: present(model.retryAttempts, edge),
        maximumRecordAgeSeconds: present(model.maximumAgeSeconds, edge),
        bisectBatchOnFunctionError: model.bisectBatchOnFunctionError,
        startingPosition: model.startingPosition === 'trim_horizon' ? 'TRIM_HORIZON' : model.startingPosition === 'at_timestamp' ? 'AT_TIMESTAMP' : 'LATEST',
        startingPositionTimestamp: model.startingPositionTimestamp,
        onFailure: onFailure ? { kind: onFailure.kind as 'queue' | 'topic', name: onFailure.name } : null,
        reportBatchItemFailures: model.reportBatchItemFailures,
        filter: edgeFilter(edge, typed),
      };
    }
    case 'subscription':
      return {
        ...base,
        kind: 'subscription',
        targetKind: edge.target.kind as 'fn' | 'queue',
        rawMessageDelivery: edge.target.kind === 'queue' && model.rawMessageDelivery,
        filter: edgeFilter(edge, typed),
      };
    case 'rule': {
      const match = typed.ruleMatch(edge)?.match ?? { kind: 'app-events' as const };
      return {
        ...base,
        kind: 'rule',
        targetKind: edge.target.kind as 'fn' | 'queue',
        match,
        retryAttempts: model.retryAttempts,
        maximumEventAgeSeconds: model.maximumAgeSeconds,
      };
    }
    case 'route': {
      const parsed = model.routeKey === null ? undefined : parseRouteKey(model.routeKey);
      if (parsed === undefined || !('route' in parsed)) throw new Error(`internal: the route of ${base.id} was not checked`);
      const { method, params } = parsed.route;
      return { ...base, kind: 'route', targetKind: 'fn', routeKey: model.routeKey as string, method, params, body: routeTakesBody(method) };
    }
    case 'notification':
      return {
        ...base,
        kind: 'notification',
        targetKind: edge.target.kind as 'fn' | 'queue' | 'topic',
        events: s3EventTypes(model.events),
        prefix: model.keyPrefix,
        suffix: model.keySuffix,
      };
    case 'schedule-target':
      return { ...base, kind: 'schedule-target', targetKind: edge.target.kind as 'fn' | 'queue' | 'topic' | 'bus' };
  }
}

/**
 * The `filter` of a trigger or subscription, on the payload's fields; for a DynamoDB stream, in
 * the attribute-value form of the new image, by the item's types (runtime/pattern/filters.ts).
 */
function edgeFilter(edge: Edge, typed: TypedProgram): Pattern | null {
  const pattern = typed.filterPattern(edge);
  if (pattern === undefined) return null;
  const written = manifestPattern(pattern);
  return edge.kind === 'table-trigger' ? newImagePattern(written, typed.edgePayload(edge), typed) : written;
}

/** A field whose schema default is given for this kind of edge: never "none" on it. */
function present(value: number | null, edge: Edge): number {
  if (value === null) throw new Error(`internal: the schema has no default of this field for a ${edge.kind}`);
  return value;
}

/**
 * The ordinal of each notification edge among the edges of the same bucket and target (2 for
 * the second `files -> ingest`), for those past the first: a bucket may notify one target for
 * several filters (`suffix = ".png"` and `suffix = ".jpg"`), which S3 takes as long as they do
 * not overlap (FL4081).
 */
function notificationRepeats(edges: readonly Edge[]): Map<Edge, number> {
  const seen = new Map<string, number>();
  const repeats = new Map<Edge, number>();
  for (const edge of edges) {
    if (edge.kind !== 'notification') continue;
    const pair = `${edge.source.name}->${edge.target.name}`;
    const ordinal = (seen.get(pair) ?? 0) + 1;
    seen.set(pair, ordinal);
    if (ordinal > 1) repeats.set(edge, ordinal);
  }
  return repeats;
}

/**
 * `charge.failure->audit`, `receipts->email`: unique because duplicate edges are an error
 * (FL4040), but for the routes of an API and the notifications of a bucket.
 */
export function edgeId(edge: Edge, routeKey: string | null = null, ordinal = 1): string {
  // Several routes of one API may call one function: the route tells them apart (FL4071 refuses a route given twice).
  if (edge.kind === 'route') return `${edge.source.name}[${routeKey ?? ''}]->${edge.target.name}`;
  // Several notifications of one bucket may go to one target: the first keeps the plain name, the others are numbered.
  if (edge.kind === 'notification' && ordinal > 1) return `${edge.source.name}->${edge.target.name}#${ordinal}`;
  const port = edge.kind === 'destination' ? `.${edge.port ?? 'success'}` : '';
  return `${edge.source.name}${port}->${edge.target.name}`;
}

function sendsOf(names: readonly string[], declarations: ReadonlyMap<string, DeclarationModel>): SendTarget[] {
  const targets = new Map<string, SendTarget>();
  for (const name of names) {
    const target = declarations.get(name);
    if (target && target.kind !== 'fn' && target.kind !== 'api' && target.kind !== 'schedule') targets.set(target.name, { kind: target.kind, name: target.name });
  }
  return [...targets.values()].sort((a, b) => compare(a.name, b.name));
}

/** The type of a field path inside a payload, following references; unknown when absent. */
export function fieldType(type: PayloadType, path: FieldPath, typed: TypedProgram): PayloadType {
  let current = structureOf(type, typed);
  for (const segment of path) {
    if (current.kind !== 'record') return { kind: 'unknown' };
    const field = current.fields.find((f) => f.name === segment);
    if (!field) return { kind: 'unknown' };
    current = structureOf(field.type, typed);
  }
  return current;
}

function keyAttributeType(type: PayloadType): 'S' | 'N' {
  return type.kind === 'number' || type.kind === 'int' ? 'N' : 'S';
}

/** `existing` of a declaration with `arn = "…"`; nothing (the manifest unchanged) for one the stack creates. */
function existingOf(item: { readonly existing: ExistingResource | null }): { readonly existing?: ExistingResource } {
  return item.existing === null ? {} : { existing: item.existing };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The written variables, and those read from SSM or Secrets Manager (absent when none, so manifests without them stay as they were). */
function environmentOf(env: Readonly<Record<string, EnvValue>>): Pick<FunctionSpec, 'environment' | 'parameters'> {
  const environment: Record<string, string> = {};
  const parameters: ParameterReference[] = [];
  for (const [variable, value] of Object.entries(env)) {
    if (typeof value === 'string') environment[variable] = value;
    else parameters.push({ variable, source: value.source, name: value.name });
  }
  return parameters.length > 0 ? { environment, parameters } : { environment };
}
