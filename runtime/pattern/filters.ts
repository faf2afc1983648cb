import type { Exclusion, FieldMatch, Pattern, PatternEntry, ValueCondition } from '../manifest/schema.js';
import { eventBridgePattern, type EventPattern } from './event-bridge.js';
import { matchesEventPattern } from './event-ruler.js';

/**
 * What a `filter` pattern means to the service that applies it. The pattern is written on the
 * payload's fields; each service reads its records in its own shape, so flowc wraps the fields
 * as the service requires:
 *
 * - Lambda event filtering (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html)
 *   matches the record Lambda would pass: the message under `body` for SQS, the decoded record
 *   under `data` for Kinesis, and under `dynamodb` for DynamoDB streams, where each attribute is
 *   in its attribute-value form (`{"total": {"N": "120"}}`,
 *   https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html). flowc matches the new
 *   image (`dynamodb.NewImage`). A mapping takes a list of filters, ORed, and Lambda documents no
 *   `$or` inside one, so `any_of` becomes one filter per alternative.
 * - An SNS filter policy with `FilterPolicyScope: MessageBody`
 *   (https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html) matches the message
 *   body itself, and takes `$or` (https://docs.aws.amazon.com/sns/latest/dg/and-or-logic.html).
 *
 * Each service supports a subset of EventBridge's operators (`unsupportedOperator`); the checker
 * refuses the others (FL4085), so these functions only see what the service supports.
 */

export type FilterService = 'sqs' | 'kinesis' | 'dynamodb' | 'sns';

/** The DynamoDB attribute type a field of the payload is written as (`@aws-sdk/util-dynamodb` marshall). */
export type AttributeShape = { readonly kind: 'S' | 'N' | 'BOOL' | 'M' } | { readonly kind: 'L'; readonly element: AttributeShape };

/** A field's attribute shape by its path in the payload (`["customer", "tier"]`); undefined when its type is not known. */
export type ShapeOf = (path: readonly string[]) => AttributeShape | undefined;

/** The key under which Lambda's record holds the payload, for each event source. */
const lambdaDataKey = { sqs: 'body', kinesis: 'data', dynamodb: 'dynamodb' } as const;
/** flowc's DynamoDB filters match the item after the change. */
const dynamodbImage = 'NewImage';

/**
 * Why the service does not take this condition, or undefined when it does. Lambda lists what it
 * supports at https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax
 * (null, empty, equals, equals-ignore-case, anything-but a list of values, numeric, exists,
 * prefix, suffix); SNS at https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 * (those, anything-but a prefix, and IP address matching).
 */
export function unsupportedOperator(condition: ValueCondition, service: FilterService): string | undefined {
  const lambda = service !== 'sns';
  switch (condition.kind) {
    case 'equals':
    case 'equalsIgnoreCase':
    case 'exists':
      return undefined;
    case 'prefix':
    case 'suffix':
      return condition.ignoreCase ? `${serviceName(service)} has no case-insensitive ${condition.kind}` : undefined;
    case 'wildcard':
      return `${serviceName(service)} has no wildcard matching`;
    case 'cidr':
      return lambda ? 'Lambda event filtering has no IP address matching' : undefined;
    case 'numeric':
      return service === 'dynamodb' ? 'a DynamoDB stream record holds a number as a string (`{"N": "120"}`), and numeric matching compares only JSON numbers' : undefined;
    case 'anythingBut':
      return unsupportedExclusion(condition.excluded, service);
  }
}

function unsupportedExclusion(excluded: Exclusion, service: FilterService): string | undefined {
  if (excluded.kind === 'values') return undefined;
  if (service === 'sns' && excluded.kind === 'prefix') return undefined;
  const what = excluded.kind === 'equalsIgnoreCase' ? 'a case-insensitive value' : `a ${excluded.kind}`;
  return `${serviceName(service)} takes \`anything_but\` of values${service === 'sns' ? ' or of a prefix' : ''}, not of ${what}`;
}

export function serviceName(service: FilterService): string {
  return service === 'sns' ? 'an SNS filter policy' : 'Lambda event filtering';
}

/** How many filters `any_of` expands to: the alternatives multiply across blocks and add up within one. */
export function alternativeCount(pattern: Pattern): number {
  let count = 1;
  for (const entry of pattern.entries) {
    if (entry.kind === 'anyOf') count *= entry.alternatives.reduce((sum, alternative) => sum + alternativeCount(alternative), 0);
    else if (entry.match.kind === 'nested') count *= alternativeCount(entry.match.pattern);
  }
  return count;
}

/** The pattern as patterns without `any_of` whose union means the same: one per choice of alternatives. */
export function expandAlternatives(pattern: Pattern): Pattern[] {
  let choices: Pattern[] = [{ entries: [] }];
  for (const entry of pattern.entries) {
    const options: Pattern[] =
      entry.kind === 'anyOf'
        ? entry.alternatives.flatMap(expandAlternatives)
        : entry.match.kind === 'nested'
          ? expandAlternatives(entry.match.pattern).map((inner) => ({ entries: [{ kind: 'field', name: entry.name, match: { kind: 'nested', pattern: inner } }] }))
          : [{ entries: [entry] }];
    choices = choices.flatMap((choice) => options.map((option) => merge(choice, option)));
  }
  return choices;
}

/** Two patterns without `any_of` as one: a block both write is merged (resolve refuses a leaf matched twice). */
function merge(a: Pattern, b: Pattern): Pattern {
  const entries = [...a.entries];
  for (const entry of b.entries) {
    const at = entries.findIndex((e) => e.kind === 'field' && entry.kind === 'field' && e.name === entry.name && e.match.kind === 'nested' && entry.match.kind === 'nested');
    const existing = entries[at];
    if (existing?.kind === 'field' && existing.match.kind === 'nested' && entry.kind === 'field' && entry.match.kind === 'nested') {
      entries[at] = { kind: 'field', name: entry.name, match: { kind: 'nested', pattern: merge(existing.match.pattern, entry.match.pattern) } };
    } else {
      entries.push(entry);
    }
  }
  return { entries };
}

/**
 * The `Filters[].Pattern` objects of an event source mapping, in order: one per alternative of
 * `any_of`, each under the source's data key. For DynamoDB the pattern is already in the
 * attribute-value form of the new image (`attributeValuePattern`, which needs the payload's
 * types: the manifest holds it so).
 */
export function lambdaFilterPatterns(pattern: Pattern, service: Exclude<FilterService, 'sns'>): EventPattern[] {
  return expandAlternatives(pattern).map((alternative) => {
    const inner = eventBridgePattern(alternative);
    return { [lambdaDataKey[service]]: service === 'dynamodb' ? { [dynamodbImage]: inner } : inner };
  });
}

/** The `FilterPolicy` of a subscription (scope `MessageBody`): the pattern as written, `any_of` as `$or`. */
export function snsFilterPolicy(pattern: Pattern): EventPattern {
  return eventBridgePattern(pattern);
}

/**
 * A pattern on the payload's fields as one on DynamoDB's attribute values: each field under its
 * type's key (`S`, `N`, `BOOL`, a record's fields under `M`, an array's elements under `L`),
 * numbers as the strings DynamoDB writes, `null` as `{"NULL": [true]}`. A field whose type is
 * not known takes the type of the values it is matched with.
 */
export function attributeValuePattern(pattern: Pattern, path: readonly string[], shapeOf: ShapeOf): Pattern {
  const entries: PatternEntry[] = [];
  for (const entry of pattern.entries) {
    if (entry.kind === 'anyOf') {
      entries.push({ kind: 'anyOf', alternatives: entry.alternatives.map((a) => attributeValuePattern(a, path, shapeOf)) });
      continue;
    }
    const here = [...path, entry.name];
    entries.push({ kind: 'field', name: entry.name, match: wrapShape(shapeOf(here) ?? shapeFromMatch(entry.match), entry.match, here, shapeOf) });
  }
  return { entries };
}

function wrapShape(shape: AttributeShape, match: FieldMatch, path: readonly string[], shapeOf: ShapeOf): FieldMatch {
  const nested = (key: string, inner: FieldMatch): FieldMatch => ({ kind: 'nested', pattern: { entries: [{ kind: 'field', name: key, match: inner }] } });
  if (shape.kind === 'L') return nested('L', wrapShape(shape.element, match, path, shapeOf));
  if (match.kind === 'nested') return nested('M', { kind: 'nested', pattern: attributeValuePattern(match.pattern, path, shapeOf) });
  if (match.conditions.length > 0 && match.conditions.every((c) => c.kind === 'equals' && c.value === null)) return nested('NULL', { kind: 'values', conditions: [{ kind: 'equals', value: true }] });
  return nested(shape.kind, { kind: 'values', conditions: match.conditions.map(asAttributeValue) });
}

/** The attribute type the values of a match imply, for a field of unknown type. */
function shapeFromMatch(match: FieldMatch): AttributeShape {
  if (match.kind === 'nested') return { kind: 'M' };
  for (const condition of match.conditions) {
    if (condition.kind === 'equals' && typeof condition.value === 'number') return { kind: 'N' };
    if (condition.kind === 'equals' && typeof condition.value === 'boolean') return { kind: 'BOOL' };
    if (condition.kind === 'anythingBut' && condition.excluded.kind === 'values' && [condition.excluded.values].flat().some((v) => typeof v === 'number')) return { kind: 'N' };
  }
  return { kind: 'S' };
}

/** DynamoDB writes numbers as strings: `120` is matched as `"120"`. */
function asAttributeValue(condition: ValueCondition): ValueCondition {
  if (condition.kind === 'equals' && typeof condition.value === 'number') return { kind: 'equals', value: numberText(condition.value) };
  if (condition.kind === 'anythingBut' && condition.excluded.kind === 'values') {
    const values = condition.excluded.values;
    if (typeof values === 'number') return { kind: 'anythingBut', excluded: { kind: 'values', values: numberText(values) } };
    if (Array.isArray(values) && values.some((v) => typeof v === 'number')) return { kind: 'anythingBut', excluded: { kind: 'values', values: (values as readonly number[]).map(numberText) } };
  }
  return condition;
}

/** A number as DynamoDB's `N` spells it: no exponent, no trailing zeros (`1.5`, `1000000`). */
export function numberText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * Whether a record passes an edge's filter, as the service decides it: the record is given in
 * the shape the filter's JSON is matched against (Lambda's record with the payload parsed under
 * its data key, or the SNS message body parsed), and matched by event-ruler's semantics against
 * the very JSON the template holds. Made once per edge.
 */
export function filterMatcher(filter: Pattern, service: FilterService): (record: unknown) => boolean {
  const patterns = service === 'sns' ? [snsFilterPolicy(filter)] : lambdaFilterPatterns(filter, service);
  return (record) => patterns.some((pattern) => matchesEventPattern(pattern, record));
}
