import {
  type AsyncConfig,
  type BusSpec,
  type EdgeSpec,
  type FieldPath,
  type FifoSettings,
  type FlowManifest,
  type FunctionSpec,
  MANIFEST_VERSION,
  type Origin,
  type QueueSpec,
  type ScheduleSpec,
  type SendTarget,
  type StreamSpec,
  type TableSpec,
  type TopicSpec,
} from '../../runtime/manifest/schema.js';
import type { PayloadType } from '../../runtime/manifest/types.js';
import type { CheckedProgram } from '../check/run-checks.js';
import type { TypedProgram } from '../check/typed-program.js';
import type { Model } from '../elaborate/elaborate.js';
import type { DeclarationModel, EdgeModel, QueueModel, TopicModel } from '../elaborate/model.js';
import type { Edge } from '../resolve/program.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { structureOf } from '../types/structure.js';

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
      environment: { ...fn.environment },
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
    fifo: topic.fifo,
    message: typed.typeOf(topic.name),
    fifoSettings: fifoSettings(topic),
  }));

  const buses = byKind('bus').map((bus): BusSpec => ({
    name: bus.name,
    origin: origin(bus.symbol.decl.name.span),
    detail: typed.declaredType(bus.name),
  }));

  const streams = byKind('stream').map((stream): StreamSpec => {
    const onDemand = stream.capacityMode === 'on_demand';
    return {
      name: stream.name,
      origin: origin(stream.symbol.decl.name.span),
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
      item,
      partitionKey: key(table.partitionKey) ?? { attribute: 'id', type: 'S' },
      sortKey: key(table.sortKey),
      streamView: table.streamView === null ? null : streamViewTypes[table.streamView],
      retain: table.retain,
      ttl: table.ttlAttribute?.join('.') ?? null,
    };
  });

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

  const edges = model.edges.map((edge) => lowerEdge(edge, typed, model, origin(edge.edge.span)));

  const roles = { permissionsBoundary: app.permissionsBoundary, path: app.rolePath };
  const stage = program.stage !== undefined ? { stage: program.stage } : {};
  return { manifestVersion: MANIFEST_VERSION, app: app.name, ...stage, source: source.path, types, typeOrigins, functions, queues, topics, buses, streams, tables, schedules, edges, roles };
}

/** DynamoDB's StreamViewType of each `stream = …` word. */
const streamViewTypes = { new_and_old: 'NEW_AND_OLD_IMAGES', new: 'NEW_IMAGE', old: 'OLD_IMAGE', keys: 'KEYS_ONLY' } as const;

function lowerEdge(model: EdgeModel, typed: TypedProgram, program: Model, at: Origin): EdgeSpec {
  const edge = model.edge;
  const base = { id: edgeId(edge), origin: at, source: edge.source.name, target: edge.target.name, payload: typed.edgePayload(edge) };
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
      };
    }
    case 'subscription':
      return {
        ...base,
        kind: 'subscription',
        targetKind: edge.target.kind as 'fn' | 'queue',
        rawMessageDelivery: edge.target.kind === 'queue' && model.rawMessageDelivery,
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
    case 'schedule-target':
      return { ...base, kind: 'schedule-target', targetKind: edge.target.kind as 'fn' | 'queue' | 'topic' | 'bus' };
  }
}

/** A field whose schema default is given for this kind of edge: never "none" on it. */
function present(value: number | null, edge: Edge): number {
  if (value === null) throw new Error(`internal: the schema has no default of this field for a ${edge.kind}`);
  return value;
}

/** `charge.failure->audit`, `receipts->email`: unique because duplicate edges are an error (FL4040). */
export function edgeId(edge: Edge): string {
  const port = edge.kind === 'destination' ? `.${edge.port ?? 'success'}` : '';
  return `${edge.source.name}${port}->${edge.target.name}`;
}

function sendsOf(names: readonly string[], declarations: ReadonlyMap<string, DeclarationModel>): SendTarget[] {
  const targets = new Map<string, SendTarget>();
  for (const name of names) {
    const target = declarations.get(name);
    if (target && target.kind !== 'fn' && target.kind !== 'schedule') targets.set(target.name, { kind: target.kind, name: target.name });
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
