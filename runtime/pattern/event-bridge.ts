import type { Exclusion, Pattern, ValueCondition } from '../manifest/schema.js';

/**
 * A manifest pattern as EventBridge's event-pattern JSON, in the form of the examples of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html:
 * every field is an array of values and operator objects (`{"prefix": "us-"}`, never
 * `{"prefix": ["us-"]}`), a nested field is an object, `any_of` is `$or`.
 */

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type EventPattern = { readonly [key: string]: Json };

export function eventBridgePattern(pattern: Pattern): EventPattern {
  const out: Record<string, Json> = {};
  for (const entry of pattern.entries) {
    if (entry.kind === 'anyOf') out.$or = entry.alternatives.map(eventBridgePattern);
    else out[entry.name] = entry.match.kind === 'nested' ? eventBridgePattern(entry.match.pattern) : entry.match.conditions.map(eventBridgeCondition);
  }
  return out;
}

export function eventBridgeCondition(condition: ValueCondition): Json {
  switch (condition.kind) {
    case 'equals':
      return condition.value;
    case 'prefix':
    case 'suffix':
      return { [condition.kind]: condition.ignoreCase ? { 'equals-ignore-case': condition.value } : condition.value };
    case 'equalsIgnoreCase':
      return { 'equals-ignore-case': condition.value };
    case 'wildcard':
    case 'cidr':
      return { [condition.kind]: condition.value };
    case 'numeric':
      return { numeric: condition.comparisons.flatMap((c) => [c.operator, c.value]) };
    case 'exists':
      return { exists: condition.value };
    case 'anythingBut':
      return { 'anything-but': exclusion(condition.excluded) };
  }
}

function exclusion(excluded: Exclusion): Json {
  switch (excluded.kind) {
    case 'values':
      return excluded.values;
    case 'equalsIgnoreCase':
      return { 'equals-ignore-case': excluded.value };
    case 'prefix':
    case 'suffix':
    case 'wildcard':
      return { [excluded.kind]: excluded.value };
  }
}
