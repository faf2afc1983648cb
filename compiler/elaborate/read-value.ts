import type { Deduplication, EnvValue, JsonValue } from '../../runtime/manifest/schema.js';
import { isArnProblem, parseExistingArn } from '../../runtime/aws/arns.js';
import { parameterReferenceOf } from '../settings/parameters.js';
import type { SettingSpec } from '../settings/schema.js';
import { millisecondsPer } from '../settings/units.js';
import type { Value } from '../syntax/ast.js';

/**
 * A well-formed setting value (resolve validated its form) as the model holds it: numbers,
 * durations in the unit of their AWS property, words, names, field paths. `undefined` for a
 * duration that does not divide into its unit: FL4003 reports that one, and the field is
 * poisoned like a malformed value.
 */
export function readValue(spec: SettingSpec, value: Value): unknown {
  const form = spec.value;
  switch (form.type) {
    case 'int':
    case 'number':
      return value.kind === 'NumberValue' ? value.value : undefined;
    case 'bool':
      return value.kind === 'BooleanValue' ? value.value : undefined;
    case 'duration': {
      if (value.kind !== 'DurationValue') return undefined;
      const per = millisecondsPer[spec.unit ?? 'seconds'];
      return value.milliseconds % per === 0 ? value.milliseconds / per : undefined;
    }
    case 'string':
      return value.kind === 'StringValue' ? value.value : undefined;
    case 'word':
    case 'runtime':
    case 'ref':
      return value.kind === 'PathValue' ? value.text : value.kind === 'StringValue' ? value.value : undefined;
    case 'refs':
    case 'events': {
      const items = value.kind === 'ListValue' ? value.items : [value];
      return items.flatMap((item) => (item.kind === 'PathValue' ? [item.text] : []));
    }
    case 'strings': {
      const items = value.kind === 'ListValue' ? value.items : [value];
      return items.flatMap((item) => (item.kind === 'StringValue' ? [item.value] : []));
    }
    case 'field':
      return value.kind === 'PathValue' ? value.segments.map((s) => s.text) : undefined;
    case 'dedupe': {
      if (value.kind !== 'PathValue') return undefined;
      const deduplication: Deduplication = value.text === 'content' ? { kind: 'content' } : { kind: 'field', path: value.segments.map((s) => s.text) };
      return deduplication;
    }
    case 'env': {
      if (value.kind !== 'SettingsBlock') return undefined;
      const out: Record<string, EnvValue> = {};
      for (const entry of [...value.entries].sort((a, b) => compare(a.name.text, b.name.text))) {
        const v = entry.value;
        if (v.kind === 'StringValue') out[entry.name.text] = v.value;
        else if (v.kind === 'NumberValue') out[entry.name.text] = v.raw;
        else if (v.kind === 'BooleanValue') out[entry.name.text] = String(v.value);
        else {
          const reference = parameterReferenceOf(v);
          if (reference !== undefined) out[entry.name.text] = reference;
        }
      }
      return out;
    }
    case 'tags': {
      if (value.kind !== 'SettingsBlock') return undefined;
      const out: Record<string, string> = {};
      for (const entry of [...value.entries].sort((a, b) => compare(a.name.text, b.name.text))) {
        if (entry.value.kind === 'StringValue') out[entry.name.text] = entry.value.value;
      }
      return out;
    }
    case 'pattern':
      return value.kind === 'SettingsBlock' ? value : undefined;
    case 'timestamp':
      return value.kind === 'StringValue' ? Math.floor(Date.parse(value.value) / 1000) : undefined;
    case 'json':
      return jsonOf(value);
    case 'arn': {
      if (value.kind !== 'StringValue') return undefined;
      const existing = parseExistingArn(form.kind, value.value);
      return isArnProblem(existing) ? undefined : existing;
    }
  }
}

/** A constant as JSON (resolve checked its form): blocks are objects, their fields in the order written. */
function jsonOf(value: Value): JsonValue | undefined {
  switch (value.kind) {
    case 'StringValue':
    case 'NumberValue':
    case 'BooleanValue':
      return value.value;
    case 'PathValue':
      return value.text === 'null' ? null : undefined;
    case 'ListValue': {
      const items = value.items.map(jsonOf);
      return items.every((item) => item !== undefined) ? (items as JsonValue[]) : undefined;
    }
    case 'SettingsBlock': {
      const out: Record<string, JsonValue> = {};
      for (const entry of value.entries) {
        const v = jsonOf(entry.value);
        if (v === undefined) return undefined;
        out[entry.name.text] = v;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
