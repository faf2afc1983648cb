import type { PayloadType, RecordType } from '../../runtime/manifest/types.js';
import type { SourceEntry, SourcePattern } from '../resolve/pattern.js';
import type { Edge } from '../resolve/program.js';
import { structureOf } from '../types/structure.js';
import type { CheckContext } from './context.js';

/**
 * The fields a rule's pattern matches, each with its type in the events the rule receives:
 * the EventBridge envelope at the top, the rule's payload under `detail`. Arrays are looked
 * through, since a pattern matches an array by its elements. The typed pattern checks
 * (FL3013–FL3015) read this.
 */
export interface PatternField {
  readonly entry: Extract<SourceEntry, { kind: 'field' }>;
  /** The event's field names from the top: `["detail", "customer", "id"]`. */
  readonly path: readonly string[];
  /** The record the field was looked up in; undefined when it is not known. */
  readonly parent: RecordType | undefined;
  /** The field's type, arrays looked through; undefined when `parent` has no such field. */
  readonly type: PayloadType | undefined;
}

export interface RulePattern {
  readonly pattern: SourcePattern;
  readonly fields: readonly PatternField[];
  /** `match`: the top level is EventBridge's envelope; `filter`: the payload itself. */
  readonly setting: 'match' | 'filter';
}

const cache = new WeakMap<Edge, RulePattern | null>();

/** The pattern of a rule with `match`, with its fields typed; undefined for other edges. */
function rulePatternFields(edge: Edge, context: CheckContext): RulePattern | undefined {
  if (cache.has(edge)) return cache.get(edge) ?? undefined;
  const result = typedPattern(edge, context);
  cache.set(edge, result ?? null);
  return result;
}

const filterCache = new WeakMap<Edge, RulePattern | null>();

/**
 * The `filter` of a trigger or subscription, with its fields typed against the payload the
 * edge carries (the pattern's top level is the payload's); undefined for other edges.
 */
function filterPatternFields(edge: Edge, context: CheckContext): RulePattern | undefined {
  if (filterCache.has(edge)) return filterCache.get(edge) ?? undefined;
  const pattern = context.typed.filterPattern(edge);
  let result: RulePattern | undefined;
  if (pattern !== undefined) {
    const payload = structureOf(context.typed.edgePayload(edge), context.typed);
    const fields: PatternField[] = [];
    walk(pattern, payload.kind === 'record' ? payload : undefined, [], fields, context);
    result = { pattern, fields, setting: 'filter' };
  }
  filterCache.set(edge, result ?? null);
  return result;
}

/** The typed pattern of an edge: a rule's `match`, or a trigger's or subscription's `filter`. */
export function edgePatternFields(edge: Edge, context: CheckContext): RulePattern | undefined {
  return rulePatternFields(edge, context) ?? filterPatternFields(edge, context);
}

function typedPattern(edge: Edge, context: CheckContext): RulePattern | undefined {
  const pattern = context.typed.rulePattern(edge);
  if (pattern === undefined) return undefined;
  const detail = context.typed.ruleMatch(edge)?.payload ?? { kind: 'unknown' };
  const envelope = structureOf({ kind: 'eventBridgeEvent', detailType: null, detail }, context.typed) as RecordType;
  const withReplay: RecordType = { kind: 'record', fields: [...envelope.fields, { name: 'replay-name', type: { kind: 'string' }, optional: true }] };
  const fields: PatternField[] = [];
  walk(pattern, withReplay, [], fields, context);
  return { pattern, fields, setting: 'match' };
}

function walk(pattern: SourcePattern, record: RecordType | undefined, path: readonly string[], out: PatternField[], context: CheckContext): void {
  for (const entry of pattern.entries) {
    if (entry.kind === 'anyOf') {
      for (const alternative of entry.alternatives) walk(alternative, record, path, out, context);
      continue;
    }
    const field = record?.fields.find((f) => f.name === entry.name);
    const type = record === undefined ? { kind: 'unknown' as const } : field === undefined ? undefined : elementOf(field.type, context);
    const here = [...path, entry.name];
    out.push({ entry, path: here, parent: record, type });
    if (entry.match.kind !== 'nested' || type === undefined) continue;
    if (type.kind === 'record') walk(entry.match.pattern, type, here, out, context);
    else if (type.kind === 'unknown') walk(entry.match.pattern, undefined, here, out, context);
  }
}

/** The structure of a type with arrays looked through: `string[][]` is `string`. */
export function elementOf(type: PayloadType, context: CheckContext): PayloadType {
  let current = structureOf(type, context.typed);
  for (let depth = 0; current.kind === 'array' && depth < 64; depth++) current = structureOf(current.element, context.typed);
  return current;
}

export type LeafKind = 'string' | 'number' | 'boolean' | 'record' | 'unknown';

/** What kind of JSON value a field holds, as patterns see it. */
export function leafKind(type: PayloadType): LeafKind {
  switch (type.kind) {
    case 'string':
    case 'timestamp':
    case 'literal':
    case 'union':
      return 'string';
    case 'number':
    case 'int':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'record':
      return 'record';
    default:
      return 'unknown';
  }
}

/** The strings a field of a string-literal union can hold; undefined for any other type. */
export function literalValues(type: PayloadType, context: CheckContext, depth = 0): string[] | undefined {
  const structure = structureOf(type, context.typed);
  if (structure.kind === 'literal') return [structure.value];
  if (structure.kind !== 'union' || depth > 32) return undefined;
  const values: string[] = [];
  for (const member of structure.members) {
    const inner = literalValues(member, context, depth + 1);
    if (inner === undefined) return undefined;
    values.push(...inner);
  }
  return values;
}

/** `detail.customer.id` */
export function pathText(path: readonly string[]): string {
  return path.join('.');
}
