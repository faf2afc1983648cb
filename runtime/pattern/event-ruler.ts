import { inCidr, parseCidr, parseIpAddress, sameAddress } from './ip.js';
import { parseWildcard, type Wildcard, wildcardMatches as matchesWildcard } from './wildcard.js';

/**
 * EventBridge event-pattern matching with the semantics of AWS's matcher, aws/event-ruler
 * (`JsonRuleCompiler`, `ACFinder`, `ByteMachine`), on the pattern JSON as the template holds it:
 *
 * - The event and the pattern are flattened to paths (`detail.state`); a value in an array is
 *   one occurrence of its path, remembering which element of which array it came from.
 * - `$or` with an array of two or more objects is alternatives; the pattern matches when one of
 *   its expansions does. (Otherwise `$or` is an ordinary field name, as in event-ruler.)
 * - An expansion matches when every path of it has an occurrence that one of its values
 *   matches, all chosen from the same elements of any array they share ("array consistency":
 *   `{"employees": {"first": ["Anna"], "last": ["Jones"]}}` does not match Anna Smith and Peter
 *   Jones). Paths are visited in sorted order, as event-ruler does.
 * - `{"exists": false}` holds when the path has no occurrence consistent with the elements
 *   chosen so far: a missing parent, an object value and an empty array all count as absent.
 *   `{"exists": true}` needs a leaf occurrence.
 * - `anything-but` matches any present value it does not exclude, of any type;
 *   `numeric` only numbers; `prefix`, `suffix`, `equals-ignore-case`, `wildcard`, `cidr` only
 *   strings. A string that is an IP address matches the same address written otherwise.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern) || !isObject(event)) return false;
  const fields = flatten(event);
  for (const rule of expansions(pattern, '')) {
    const paths = [...rule.keys()].sort(compareCodeUnits);
    if (matchPaths(paths, 0, rule, fields, new Map())) return true;
  }
  return false;
}

type Scalar = string | number | boolean | null;
/** Which element of which array (by id) an occurrence lies in. */
type Membership = ReadonlyMap<number, number>;

interface Occurrence {
  readonly value: Scalar;
  readonly membership: Membership;
}

/** Every leaf of the event by path; objects and arrays are walked with an explicit stack, so depth is unbounded. */
function flatten(event: unknown): Map<string, Occurrence[]> {
  const fields = new Map<string, Occurrence[]>();
  if (!isObject(event)) return fields;
  let nextArray = 0;
  const stack: { path: string; value: unknown; membership: Membership }[] = [];
  const pushObject = (path: string, object: Record<string, unknown>, membership: Membership) => {
    const keys = Object.keys(object);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ path: path === '' ? key : `${path}.${key}`, value: object[key], membership });
    }
  };
  pushObject('', event, new Map());
  while (stack.length > 0) {
    const { path, value, membership } = stack.pop() as (typeof stack)[number];
    if (Array.isArray(value)) {
      const id = nextArray++;
      for (let i = value.length - 1; i >= 0; i--) {
        const inner = new Map(membership);
        inner.set(id, i);
        stack.push({ path, value: value[i], membership: inner });
      }
    } else if (isObject(value)) {
      pushObject(path, value, membership);
    } else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const list = fields.get(path);
      const occurrence = { value, membership };
      if (list) list.push(occurrence);
      else fields.set(path, [occurrence]);
    }
  }
  return fields;
}

/** The expansions of a pattern's `$or`s, one at a time: a path → its value matchers. */
function* expansions(pattern: Record<string, unknown>, prefix: string): Generator<Map<string, readonly unknown[]>> {
  const plain = new Map<string, readonly unknown[]>();
  const nested: Record<string, unknown>[] = [];
  const alternatives: Record<string, unknown>[][] = [];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or' && isOrArray(value)) {
      alternatives.push(value);
      continue;
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(value)) plain.set(path, value);
    else if (isObject(value)) nested.push({ [path]: value });
  }
  // Each nested object and each `$or` contributes one of its own expansions; combine them all.
  const parts: (() => Iterable<Map<string, readonly unknown[]>>)[] = [
    ...nested.map((entry) => () => {
      const [path, value] = Object.entries(entry)[0] as [string, Record<string, unknown>];
      return expansions(value, path);
    }),
    ...alternatives.map((branches) => () => branchExpansions(branches, prefix)),
  ];
  yield* combine(plain, parts, 0);
}

function* branchExpansions(branches: readonly Record<string, unknown>[], prefix: string): Generator<Map<string, readonly unknown[]>> {
  for (const branch of branches) yield* expansions(branch, prefix);
}

function* combine(
  base: ReadonlyMap<string, readonly unknown[]>,
  parts: readonly (() => Iterable<Map<string, readonly unknown[]>>)[],
  index: number,
): Generator<Map<string, readonly unknown[]>> {
  if (index === parts.length) {
    yield new Map(base);
    return;
  }
  for (const part of (parts[index] as () => Iterable<Map<string, readonly unknown[]>>)()) {
    const merged = new Map(base);
    for (const [path, values] of part) merged.set(path, values);
    yield* combine(merged, parts, index + 1);
  }
}

function isOrArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length >= 2 && value.every(isObject);
}

function matchPaths(paths: readonly string[], index: number, rule: ReadonlyMap<string, readonly unknown[]>, fields: ReadonlyMap<string, Occurrence[]>, membership: Membership): boolean {
  if (index === paths.length) return true;
  const path = paths[index] as string;
  const matchers = rule.get(path) ?? [];
  const occurrences = fields.get(path) ?? [];
  if (matchers.some(isAbsence) && !occurrences.some((o) => consistent(membership, o.membership))) {
    if (matchPaths(paths, index + 1, rule, fields, membership)) return true;
  }
  for (const occurrence of occurrences) {
    if (!consistent(membership, occurrence.membership)) continue;
    if (!matchers.some((matcher) => valueMatches(matcher, occurrence.value))) continue;
    if (matchPaths(paths, index + 1, rule, fields, merge(membership, occurrence.membership))) return true;
  }
  return false;
}

function isAbsence(matcher: unknown): boolean {
  return isObject(matcher) && matcher.exists === false && Object.keys(matcher).length === 1;
}

function consistent(chosen: Membership, candidate: Membership): boolean {
  for (const [array, element] of candidate) {
    const taken = chosen.get(array);
    if (taken !== undefined && taken !== element) return false;
  }
  return true;
}

function merge(a: Membership, b: Membership): Membership {
  if (b.size === 0) return a;
  const out = new Map(a);
  for (const [array, element] of b) out.set(array, element);
  return out;
}

/** Whether one value matcher of a pattern array (a value or an operator object) accepts one leaf value of the event. */
export function valueMatches(matcher: unknown, value: Scalar): boolean {
  if (!isObject(matcher)) return equalsValue(matcher, value);
  const entries = Object.entries(matcher);
  if (entries.length !== 1) return false;
  const [operator, operand] = entries[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
      return affix(operand, value, (v, o) => v.startsWith(o));
    case 'suffix':
      return affix(operand, value, (v, o) => v.endsWith(o));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof operand === 'string' && sameIgnoringCase(value, operand);
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcardMatches(operand, value);
    case 'anything-but':
      return !excluded(operand, value);
    case 'numeric':
      return typeof value === 'number' && Array.isArray(operand) && numericMatches(operand, value);
    case 'exists':
      return operand === true;
    case 'cidr': {
      if (typeof value !== 'string' || typeof operand !== 'string') return false;
      const block = parseCidr(operand);
      const address = parseIpAddress(value);
      return typeof block !== 'string' && address !== null && inCidr(address, block);
    }
    default:
      return false;
  }
}

function equalsValue(expected: unknown, value: Scalar): boolean {
  if (expected === value) return true;
  if (typeof expected !== 'string' || typeof value !== 'string') return false;
  const a = parseIpAddress(expected);
  const b = a === null ? null : parseIpAddress(value);
  return a !== null && b !== null && sameAddress(a, b);
}

/** `"x"` or `{"equals-ignore-case": "x"}` as the operand of `prefix`/`suffix`. */
function affix(operand: unknown, value: Scalar, test: (value: string, operand: string) => boolean): boolean {
  if (typeof value !== 'string') return false;
  if (typeof operand === 'string') return test(value, operand);
  if (!isObject(operand)) return false;
  const caseless = operand['equals-ignore-case'];
  return typeof caseless === 'string' && Object.keys(operand).length === 1 && test(value.toLowerCase(), caseless.toLowerCase());
}

function sameIgnoringCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

const wildcards = new Map<string, Wildcard | string>();
function wildcardMatches(pattern: string, value: string): boolean {
  let parsed = wildcards.get(pattern);
  if (parsed === undefined) {
    parsed = parseWildcard(pattern);
    if (wildcards.size > 1000) wildcards.clear();
    wildcards.set(pattern, parsed);
  }
  return typeof parsed !== 'string' && matchesWildcard(parsed, value);
}

/** What `anything-but` refuses: a value or list of them (same type only), or one or more prefixes, suffixes, wildcards or case-insensitive values. */
function excluded(operand: unknown, value: Scalar): boolean {
  if (Array.isArray(operand)) return operand.some((item) => excluded(item, value));
  if (typeof operand === 'string' || typeof operand === 'number') return operand === value;
  if (!isObject(operand)) return false;
  const entries = Object.entries(operand);
  if (entries.length !== 1 || typeof value !== 'string') return false;
  const [operator, inner] = entries[0] as [string, unknown];
  const each = Array.isArray(inner) ? inner : [inner];
  return each.some((item) => {
    if (typeof item !== 'string') return false;
    switch (operator) {
      case 'prefix':
        return value.startsWith(item);
      case 'suffix':
        return value.endsWith(item);
      case 'equals-ignore-case':
        return sameIgnoringCase(value, item);
      case 'wildcard':
        return wildcardMatches(item, value);
      default:
        return false;
    }
  });
}

/** `["=", 5]`, `[">", 0]`, `[">", 0, "<=", 5]`: each bound must hold. */
function numericMatches(terms: readonly unknown[], value: number): boolean {
  if (terms.length !== 2 && terms.length !== 4) return false;
  for (let i = 0; i < terms.length; i += 2) {
    const operator = terms[i];
    const bound = terms[i + 1];
    if (typeof bound !== 'number') return false;
    const holds =
      operator === '='
        ? value === bound
        : operator === '<'
          ? value < bound
          : operator === '<='
            ? value <= bound
            : operator === '>'
              ? value > bound
              : operator === '>='
                ? value >= bound
                : false;
    if (!holds) return false;
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
