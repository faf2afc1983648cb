// Random payload types, values that have them, and values broken in exactly one place: for the
// validator's property tests (schema.test.ts) and the check against the TypeScript types
// (schema-types.test.ts).
import fc from 'fast-check';
import type { PayloadType } from '../../../runtime/manifest/types.js';

/** Declared types the random ones may refer to: a record, a literal union and a recursive type. */
export const declaredTypes: Readonly<Record<string, PayloadType>> = {
  Item: {
    kind: 'record',
    fields: [
      { name: 'sku', type: { kind: 'string' }, optional: false },
      { name: 'qty', type: { kind: 'int' }, optional: false },
    ],
  },
  Currency: { kind: 'union', members: [{ kind: 'literal', value: 'EUR' }, { kind: 'literal', value: 'USD' }] },
  Tree: {
    kind: 'record',
    fields: [
      { name: 'label', type: { kind: 'string' }, optional: false },
      { name: 'children', type: { kind: 'array', element: { kind: 'ref', name: 'Tree' } }, optional: true },
    ],
  },
};

const scalar = fc.constantFrom<PayloadType>({ kind: 'string' }, { kind: 'number' }, { kind: 'int' }, { kind: 'boolean' }, { kind: 'timestamp' });
const ref = fc.constantFrom<PayloadType>(...Object.keys(declaredTypes).map((name) => ({ kind: 'ref', name }) as const));
const literals = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }).map(
  (values): PayloadType => (values.length === 1 ? { kind: 'literal', value: values[0] as string } : { kind: 'union', members: values.map((value) => ({ kind: 'literal', value })) }),
);
const fieldName = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);

/** Payload types of the language, at most a few levels deep. */
export const payloadType: fc.Arbitrary<PayloadType> = fc.letrec<{ type: PayloadType; array: PayloadType; record: PayloadType }>((tie) => ({
  type: fc.oneof({ maxDepth: 3, depthIdentifier: 'type' }, scalar, literals, ref, tie('array'), tie('record')),
  array: tie('type').map((element): PayloadType => ({ kind: 'array', element })),
  record: fc
    .uniqueArray(fc.record({ name: fieldName, type: tie('type'), optional: fc.boolean() }), { selector: (field) => field.name, maxLength: 4 })
    .map((fields): PayloadType => ({ kind: 'record', fields })),
})).type;

const TIMESTAMPS = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

/** A value of `type`: the JSON the producers of the flow write. */
export function valueOf(type: PayloadType, depth = 0): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'string':
      return fc.string({ maxLength: 8 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'int':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return TIMESTAMPS;
    case 'literal':
      return fc.constant(type.value);
    case 'union':
      return fc.oneof(...type.members.map((member) => valueOf(member, depth)));
    case 'array':
      // Deep down only empty lists, so that a recursive type's values end.
      return depth > 3 ? fc.constant([]) : fc.array(valueOf(type.element, depth + 1), { maxLength: 3 });
    case 'record': {
      const fields = type.fields.map((field) => {
        const value = valueOf(field.type, depth + 1);
        // An optional field is left out, or present with a value (never `null`: JSON has no `undefined`).
        return field.optional ? fc.option(value, { nil: undefined, freq: 2 }).map((v) => [field.name, v] as const) : value.map((v) => [field.name, v] as const);
      });
      // A record may carry fields its type does not name, as in TypeScript.
      return fc.tuple(fc.tuple(...fields), fc.option(fc.integer(), { nil: undefined })).map(([entries, extra]) => {
        const record: Record<string, unknown> = Object.fromEntries(entries.filter(([, v]) => v !== undefined));
        if (extra !== undefined && !type.fields.some((f) => f.name === 'zz_extra')) record.zz_extra = extra;
        return record;
      });
    }
    case 'ref':
      return valueOf(declaredTypes[type.name] as PayloadType, depth + 1);
    default:
      throw new Error(`no values of ${type.kind} in these tests`);
  }
}

/** A place in a value where a mistake can be made, with the type found there. */
export interface Spot {
  readonly path: readonly (string | number)[];
  /** The type at `path`, or `missing` for a required field that can be left out. */
  readonly type: PayloadType | 'missing';
}

/** Every spot of `value` (which has `type`), the value itself first. */
export function spotsOf(value: unknown, type: PayloadType, path: readonly (string | number)[] = []): Spot[] {
  const resolved = type.kind === 'ref' ? (declaredTypes[type.name] as PayloadType) : type;
  const here: Spot = { path, type: resolved };
  if (resolved.kind === 'array') return [here, ...(value as unknown[]).flatMap((item, i) => spotsOf(item, resolved.element, [...path, i]))];
  if (resolved.kind === 'record') {
    const record = value as Record<string, unknown>;
    return [
      here,
      ...resolved.fields.flatMap((field) => {
        if (!(field.name in record)) return [];
        return [...(field.optional ? [] : [{ path: [...path, field.name], type: 'missing' } as const]), ...spotsOf(record[field.name], field.type, [...path, field.name])];
      }),
    ];
  }
  return [here];
}

/** A value that `type` rejects, for each kind of type: the mistakes of a stale producer. */
export function wrongValueFor(type: PayloadType): unknown {
  switch (type.kind) {
    case 'string':
    case 'timestamp':
      return type.kind === 'string' ? 42 : 'yesterday';
    case 'number':
      return '12.50';
    case 'int':
      return 1.5;
    case 'boolean':
      return 'true';
    case 'literal':
    case 'union':
      return '\u0000 none of them';
    case 'array':
      return { 0: 'not a list' };
    case 'record':
      return ['not', 'an', 'object'];
    default:
      throw new Error(`no wrong values of ${type.kind} in these tests`);
  }
}

/** `value` with the spot at `spot.path` broken: replaced by a wrong value, or removed. */
export function breakAt(value: unknown, spot: Spot): unknown {
  if (spot.path.length === 0) return wrongValueFor(spot.type as PayloadType);
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of spot.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = spot.path[spot.path.length - 1] as string | number;
  if (spot.type === 'missing') delete parent[last];
  else parent[last] = wrongValueFor(spot.type);
  return copy;
}
