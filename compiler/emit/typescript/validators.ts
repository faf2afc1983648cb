/**
 * The validators of the generated module: the flow's type descriptors (the manifest's JSON,
 * which `payloadSchema` of flowc/runtime compiles), a Standard Schema per declared type under
 * `schemas`, and the schema each handler helper checks its payloads with. Kept apart from the
 * type declarations: a validator is data plus one runtime call, the type is text.
 */
import type { FunctionSpec } from '../../../runtime/manifest/schema.js';
import type { PayloadType } from '../../../runtime/manifest/types.js';
import { propertyName, quote, type TypeNames } from './type-text.js';

/** The identifiers the validators take in the generated module. */
export interface ValidatorNames {
  /** `export const schemas = { Order: …, … }`. */
  readonly schemas: string;
  /** The (not exported) table of type descriptors every schema is compiled over. */
  readonly types: string;
}

/**
 * The declarations of the validators: the descriptors, then one schema per declared type.
 * They come before the functions, whose helpers refer to them as the module loads.
 */
export function validatorsBlock(types: Readonly<Record<string, PayloadType>>, names: ValidatorNames, typeNames: TypeNames, declaredAt: (name: string) => string): string {
  const rt = typeNames.runtime;
  const declared = Object.keys(types);
  const descriptors = declared.map((name) => `  ${propertyName(name)}: ${literalText(types[name])},`);
  const schemas = declared.flatMap((name) => [
    `  /** Checks \`${name}\` values (${declaredAt(name)}): a Standard Schema (https://standardschema.dev), for Powertools' parser and other libraries too. */`,
    `  ${propertyName(name)}: /* @__PURE__ */ ${rt}.payloadSchema<${typeNames.declared(name)}>(${quote(name)}, ${names.types}),`,
  ]);
  return [
    '// Validators',
    '',
    '// The flow\'s types as data: what `runtime.payloadSchema` checks values against.',
    `const ${names.types}: ${rt}.PayloadTypes = ${descriptors.length === 0 ? '{}' : `{\n${descriptors.join('\n')}\n}`};`,
    '',
    '/** A validator per declared type; the handler helpers below check what they decode with them. */',
    `export const ${names.schemas} = ${schemas.length === 0 ? '{}' : `{\n${schemas.join('\n')}\n}`};`,
  ].join('\n');
}

/**
 * The `schema` option of a handler helper whose payloads are `payloads` (one per edge), or null
 * when nothing is to be checked: the function says `validate = false`, or its payload is
 * `unknown`. A declared type uses its entry of `schemas`; any other type gets its own.
 */
export function schemaOption(spec: FunctionSpec, payloads: readonly PayloadType[], payloadText: string, names: ValidatorNames, typeNames: TypeNames): string | null {
  if (!spec.validatePayloads) return null;
  const distinct = [...new Map(payloads.map((p) => [JSON.stringify(p), p])).values()];
  const [only] = distinct;
  if (only === undefined || (distinct.length === 1 && only.kind === 'unknown')) return null;
  // A declared type by its name: the schema of `schemas.Order`, built here rather than read from
  // `schemas`, since a bundler cannot drop an unused helper whose argument reads a property.
  const descriptor = distinct.length === 1 && only.kind === 'ref' ? quote(only.name) : literalText(distinct.length === 1 ? only : { kind: 'union', members: distinct });
  return `schema: ${typeNames.runtime}.payloadSchema<${payloadText}>(${descriptor}, ${names.types})`;
}

/** JSON data as a TypeScript literal in the module's style: `{ kind: 'ref', name: 'Item' }`. */
function literalText(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(literalText).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${propertyName(key)}: ${literalText(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}
