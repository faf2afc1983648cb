import type { EventPattern } from '../manifest/schema.js';
import { isObject } from './payload-check.js';

/**
 * EventBridge event pattern matching (§5.2): each leaf is a list of allowed values (OR), fields
 * are ANDed, fields absent from the pattern are ignored, and an array in the event matches when
 * any element does. Operators: exact values, `prefix`, `suffix`, `anything-but`, `numeric`,
 * `exists`, `equals-ignore-case`, `wildcard`, `cidr` (IPv4) and `$or`.
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  if (!isObject(event)) return false;
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(expected) || !expected.some((alternative) => isObject(alternative) && matchesPattern(alternative as EventPattern, event))) return false;
      continue;
    }
    const actual = event[key];
    if (Array.isArray(expected)) {
      if (!matchesLeaf(expected, actual, key in event)) return false;
    } else if (isObject(expected)) {
      if (!matchesPattern(expected as EventPattern, actual)) return false;
    } else {
      return false;
    }
  }
  return true;
}

function matchesLeaf(matchers: readonly unknown[], actual: unknown, present: boolean): boolean {
  for (const matcher of matchers) {
    if (isObject(matcher) && 'exists' in matcher) {
      if (matcher.exists === (present && !isObject(actual))) return true;
      continue;
    }
    if (!present) continue;
    const values = Array.isArray(actual) ? actual : [actual];
    if (values.some((value) => matchesValue(matcher, value))) return true;
  }
  return false;
}

function matchesValue(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) return matcher === value;
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return isObject(operand) ? caseless(value, operand['equals-ignore-case'], (v, o) => v.startsWith(o)) : typeof value === 'string' && typeof operand === 'string' && value.startsWith(operand);
    case 'suffix':
      return isObject(operand) ? caseless(value, operand['equals-ignore-case'], (v, o) => v.endsWith(o)) : typeof value === 'string' && typeof operand === 'string' && value.endsWith(operand);
    case 'equals-ignore-case':
      return caseless(value, operand, (v, o) => v === o);
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcard(operand).test(value);
    case 'anything-but': {
      if (Array.isArray(operand)) return !operand.some((excluded) => excluded === value);
      if (isObject(operand)) return !matchesValue(operand, value);
      return operand !== value;
    }
    case 'numeric':
      return typeof value === 'number' && Array.isArray(operand) && numeric(operand, value);
    case 'cidr':
      return typeof value === 'string' && typeof operand === 'string' && inCidr(value, operand);
    default:
      return false;
  }
}

function caseless(value: unknown, operand: unknown, test: (value: string, operand: string) => boolean): boolean {
  return typeof value === 'string' && typeof operand === 'string' && test(value.toLowerCase(), operand.toLowerCase());
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

function numeric(conditions: readonly unknown[], value: number): boolean {
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const operator = conditions[i];
    const bound = conditions[i + 1];
    if (typeof bound !== 'number') return false;
    const ok =
      operator === '=' ? value === bound : operator === '<' ? value < bound : operator === '<=' ? value <= bound : operator === '>' ? value > bound : operator === '>=' ? value >= bound : false;
    if (!ok) return false;
  }
  return true;
}

function inCidr(address: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? '32');
  const a = ipv4(address);
  const n = ipv4(network ?? '');
  if (a === null || n === null || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}

function ipv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!Number.isInteger(octet) || octet < 0 || octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}
