import { defaultRuntime, eventSourceMapping, kinesis, lambda, sqs } from '../../runtime/aws/limits.js';
import {
  type AsyncConfig,
  type BusSpec,
  type Deduplication,
  type EdgeSpec,
  type FieldPath,
  type FifoSettings,
  type FlowManifest,
  type FunctionSpec,
  MANIFEST_VERSION,
  type Origin,
  type QueueSpec,
  type ResourceKind,
  type StreamSpec,
  type TableSpec,
  type TopicSpec,
} from '../../runtime/manifest/schema.js';
import type { PayloadType } from '../../runtime/manifest/types.js';
import type { CheckContext } from '../check/context.js';
import { rawDelivery } from '../check/typed-program.js';
import type { DeclarationSymbol, Edge } from '../resolve/program.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { structureOf } from '../types/structure.js';

/**
 * Checked program → flow manifest: defaults applied, durations in the unit of their AWS
 * property, everything sorted. Runs only on programs without errors, so every setting here is
 * well-formed and in range.
 */
export function lowerToManifest(context: CheckContext, source: SourceFile): FlowManifest {
  const program = context.program;
  const typed = context.typed;
  const origin = (at: Span): Origin => source.position(at.start);
  const byKind = (kind: DeclarationSymbol['kind']) =>
    [...program.declarations.values()].filter((s) => s.kind === kind).sort((a, b) => compare(a.name, b.name));
  const app = program.app?.name.text ?? 'app';
  const appSettings = program.appSettings;

  const types: Record<string, PayloadType> = {};
  const typeOrigins: Record<string, Origin> = {};
  for (const name of [...program.types.keys()].sort(compare)) {
    const type = typed.named(name);
    if (type) types[name] = type;
    const decl = program.types.get(name);
    if (type && decl) typeOrigins[name] = origin(decl.name.span);
  }

  const functions = byKind('fn').map((fn): FunctionSpec => {
    const decl = fn.decl.kind === 'FnDecl' ? fn.decl : undefined;
    const hasDestinations = typed.edgesFrom(fn.name).some((e) => e.kind === 'destination');
    const retries = context.number(fn, 'retries');
    const maxAge = context.duration(fn, 'max_age');
    const asyncConfig: AsyncConfig | null =
      hasDestinations || retries !== undefined || maxAge !== undefined
        ? {
            maximumRetryAttempts: retries ?? lambda.asyncRetryAttemptsDefault,
            maximumEventAgeSeconds: maxAge ?? lambda.asyncMaxEventAgeSecondsDefault,
          }
        : null;
    const handlersDir = context.word(appSettings, 'handlers') ?? 'handlers';
    const store = context.referenced(fn, 'idempotency');
    const idempotencyTable = store?.kind === 'table' ? store : undefined;
    return {
      name: fn.name,
      origin: origin(fn.decl.name.span),
      input: typed.typeOf(fn.name),
      output: decl?.output ? typed.converter.convert(decl.output, false) : null,
      runtime: context.word(fn, 'runtime') ?? context.word(appSettings, 'runtime') ?? defaultRuntime,
      handler: context.word(fn, 'handler') ?? `${handlersDir.replace(/\/+$/, '')}/${fn.name}.ts`,
      memoryMb: context.number(fn, 'memory') ?? context.number(appSettings, 'memory') ?? lambda.memoryMbDefault,
      timeoutSeconds: context.functionTimeoutSeconds(fn),
      architecture: (context.word(fn, 'architecture') ?? context.word(appSettings, 'architecture') ?? 'arm64') as 'arm64' | 'x86_64',
      environment: environmentOf(fn),
      reservedConcurrency: context.number(fn, 'concurrency') ?? null,
      recursiveLoop: context.word(fn, 'recursion') === 'allow' ? 'Allow' : 'Terminate',
      asyncConfig,
      sends: sendsOf(fn, program.declarations),
      idempotency: idempotencyTable === undefined ? null : { table: idempotencyTable.name },
      validatePayloads: context.bool(fn, 'validate') ?? true,
    };
  });

  const fifoSettings = (symbol: DeclarationSymbol): FifoSettings | null => {
    if (!context.isFifo(symbol)) return null;
    const dedupe = context.setting(symbol, 'dedupe')?.value;
    const deduplication: Deduplication | null =
      dedupe?.kind === 'PathValue'
        ? dedupe.text === 'content'
          ? { kind: 'content' }
          : { kind: 'field', path: dedupe.segments.map((s) => s.text) }
        : null;
    return {
      groupBy: context.fieldPath(symbol, 'group') ?? null,
      deduplication,
      deduplicationScope: context.word(symbol, 'dedupe_scope') === 'group' ? 'messageGroup' : 'queue',
      throughputLimit: context.word(symbol, 'throughput') === 'per_group' ? 'perMessageGroupId' : 'perQueue',
    };
  };

  const queues = byKind('queue').map((queue): QueueSpec => {
    const dlq = context.referenced(queue, 'dlq');
    return {
      name: queue.name,
      origin: origin(queue.decl.name.span),
      fifo: context.isFifo(queue),
      message: typed.typeOf(queue.name),
      visibilityTimeoutSeconds: context.queueVisibilitySeconds(queue),
      messageRetentionSeconds: context.queueRetentionSeconds(queue),
      delaySeconds: context.duration(queue, 'delay') ?? sqs.delaySecondsDefault,
      maximumMessageBytes: context.number(queue, 'max_size') ?? sqs.maximumMessageBytesDefault,
      receiveWaitSeconds: context.duration(queue, 'wait') ?? sqs.receiveWaitSecondsDefault,
      fifoSettings: fifoSettings(queue),
      redrive: dlq ? { deadLetterQueue: dlq.name, maxReceiveCount: context.number(queue, 'max_receives') ?? sqs.maxReceiveCountDefault } : null,
      retain: context.bool(queue, 'retain') ?? true,
    };
  });

  const topics = byKind('topic').map((topic): TopicSpec => {
    const fifo = fifoSettings(topic);
    return {
      name: topic.name,
      origin: origin(topic.decl.name.span),
      fifo: context.isFifo(topic),
      message: typed.typeOf(topic.name),
      fifoSettings: fifo ? { ...fifo, deduplicationScope: 'queue', throughputLimit: 'perQueue' } : null,
    };
  });

  const buses = byKind('bus').map((bus): BusSpec => ({
    name: bus.name,
    origin: origin(bus.decl.name.span),
    detail: typed.declaredType(bus.name),
  }));

  const streams = byKind('stream').map((stream): StreamSpec => {
    const onDemand = context.word(stream, 'mode') === 'on_demand';
    return {
      name: stream.name,
      origin: origin(stream.decl.name.span),
      record: typed.typeOf(stream.name),
      mode: onDemand ? 'ON_DEMAND' : 'PROVISIONED',
      shardCount: onDemand ? null : (context.number(stream, 'shards') ?? kinesis.shardCountDefault),
      partitionKey: context.fieldPath(stream, 'partition') ?? null,
      retentionHours: context.duration(stream, 'retention', 'hours') ?? kinesis.retentionHoursDefault,
      retain: context.bool(stream, 'retain') ?? true,
    };
  });

  const tables = byKind('table').map((table): TableSpec => {
    const item = typed.typeOf(table.name);
    const key = (name: 'key' | 'sort') => {
      const path = context.fieldPath(table, name);
      if (!path) return null;
      return { attribute: path.join('.'), type: keyAttributeType(fieldType(item, path, context)) };
    };
    const view = context.word(table, 'stream');
    return {
      name: table.name,
      origin: origin(table.decl.name.span),
      item,
      partitionKey: key('key') ?? { attribute: 'id', type: 'S' },
      sortKey: key('sort'),
      streamView:
        view === 'new_and_old'
          ? 'NEW_AND_OLD_IMAGES'
          : view === 'new'
            ? 'NEW_IMAGE'
            : view === 'old'
              ? 'OLD_IMAGE'
              : view === 'keys'
                ? 'KEYS_ONLY'
                : null,
      retain: context.bool(table, 'retain') ?? true,
      ttl: context.fieldPath(table, 'ttl')?.join('.') ?? null,
    };
  });

  const edges = program.edges.map((edge) => lowerEdge(edge, context, origin(edge.span)));

  const roles = {
    permissionsBoundary: context.word(appSettings, 'permissions_boundary') ?? null,
    path: context.word(appSettings, 'role_path') ?? null,
  };
  const stage = program.stage !== undefined ? { stage: program.stage } : {};
  return { manifestVersion: MANIFEST_VERSION, app, ...stage, source: source.path, types, typeOrigins, functions, queues, topics, buses, streams, tables, edges, roles };
}

function lowerEdge(edge: Edge, context: CheckContext, at: Origin): EdgeSpec {
  const typed = context.typed;
  const base = { id: edgeId(edge), origin: at, source: edge.source.name, target: edge.target.name, payload: typed.edgePayload(edge) };
  switch (edge.kind) {
    case 'destination':
      return { ...base, kind: 'destination', condition: edge.port ?? 'success', targetKind: edge.target.kind as 'fn' | 'queue' | 'topic' | 'bus' };
    case 'queue-trigger':
      return {
        ...base,
        kind: 'queue-trigger',
        batchSize: context.number(edge, 'batch') ?? eventSourceMapping.sqsBatchSizeDefault,
        batchingWindowSeconds: context.duration(edge, 'window') ?? 0,
        maximumConcurrency: context.number(edge, 'concurrency') ?? null,
        reportBatchItemFailures: context.bool(edge, 'report_failures') ?? false,
      };
    case 'stream-trigger':
    case 'table-trigger': {
      const onFailure = context.referenced(edge, 'on_failure');
      const start = context.word(edge, 'start');
      const startAt = context.setting(edge, 'start_at')?.value;
      return {
        ...base,
        kind: edge.kind,
        batchSize: context.number(edge, 'batch') ?? eventSourceMapping.streamBatchSizeDefault,
        batchingWindowSeconds: context.duration(edge, 'window') ?? 0,
        parallelizationFactor: context.number(edge, 'parallel') ?? 1,
        maximumRetryAttempts: context.number(edge, 'retries') ?? -1,
        maximumRecordAgeSeconds: context.duration(edge, 'max_age') ?? -1,
        bisectBatchOnFunctionError: context.bool(edge, 'bisect') ?? false,
        startingPosition: start === 'trim_horizon' ? 'TRIM_HORIZON' : start === 'at_timestamp' ? 'AT_TIMESTAMP' : 'LATEST',
        startingPositionTimestamp: startAt?.kind === 'StringValue' ? Math.floor(Date.parse(startAt.value) / 1000) : null,
        onFailure: onFailure ? { kind: onFailure.kind as 'queue' | 'topic', name: onFailure.name } : null,
        reportBatchItemFailures: context.bool(edge, 'report_failures') ?? false,
      };
    }
    case 'subscription':
      return {
        ...base,
        kind: 'subscription',
        targetKind: edge.target.kind as 'fn' | 'queue',
        rawMessageDelivery: edge.target.kind === 'queue' && rawDelivery(edge),
      };
    case 'rule': {
      const match = typed.ruleMatch(edge)?.match ?? { kind: 'app-events' as const };
      return {
        ...base,
        kind: 'rule',
        targetKind: edge.target.kind as 'fn' | 'queue',
        match,
        retryAttempts: context.number(edge, 'retries') ?? null,
        maximumEventAgeSeconds: context.duration(edge, 'max_age') ?? null,
      };
    }
  }
}

/** `charge.failure->audit`, `receipts->email`: unique because duplicate edges are an error (FL4040). */
export function edgeId(edge: Edge): string {
  const port = edge.kind === 'destination' ? `.${edge.port ?? 'success'}` : '';
  return `${edge.source.name}${port}->${edge.target.name}`;
}

function environmentOf(fn: DeclarationSymbol): Record<string, string> {
  const env = fn.settings.get('env')?.value;
  const out: Record<string, string> = {};
  if (env?.kind !== 'SettingsBlock') return out;
  for (const entry of [...env.entries].sort((a, b) => compare(a.name.text, b.name.text))) {
    const v = entry.value;
    if (v.kind === 'StringValue') out[entry.name.text] = v.value;
    else if (v.kind === 'NumberValue') out[entry.name.text] = v.raw;
    else if (v.kind === 'BooleanValue') out[entry.name.text] = String(v.value);
  }
  return out;
}

function sendsOf(fn: DeclarationSymbol, declarations: ReadonlyMap<string, DeclarationSymbol>): { kind: ResourceKind; name: string }[] {
  const sends = fn.settings.get('sends')?.value;
  if (!sends) return [];
  const items = sends.kind === 'ListValue' ? sends.items : [sends];
  const targets = new Map<string, { kind: ResourceKind; name: string }>();
  for (const item of items) {
    if (item.kind !== 'PathValue') continue;
    const target = declarations.get(item.text);
    if (target && target.kind !== 'fn') targets.set(target.name, { kind: target.kind, name: target.name });
  }
  return [...targets.values()].sort((a, b) => compare(a.name, b.name));
}

/** The type of a field path inside a payload, following references; unknown when absent. */
export function fieldType(type: PayloadType, path: FieldPath, context: CheckContext): PayloadType {
  let current = structureOf(type, context.typed);
  for (const segment of path) {
    if (current.kind !== 'record') return { kind: 'unknown' };
    const field = current.fields.find((f) => f.name === segment);
    if (!field) return { kind: 'unknown' };
    current = structureOf(field.type, context.typed);
  }
  return current;
}

function keyAttributeType(type: PayloadType): 'S' | 'N' {
  return type.kind === 'number' || type.kind === 'int' ? 'N' : 'S';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
