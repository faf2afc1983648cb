import type { Resource, TemplateValue } from './template.js';

/**
 * References between the resources and parameters of a template: every `Ref` and
 * `Fn::GetAtt` (flowc puts no logical ID inside `Fn::Sub`, see `subPseudo`), and `DependsOn`.
 */

/** `attribute` is null for a `Ref`. */
export interface Reference {
  readonly id: string;
  readonly attribute: string | null;
}

export function referenceKey(reference: Reference): string {
  return reference.attribute === null ? reference.id : `${reference.id}.${reference.attribute}`;
}

function asReference(value: TemplateValue): Reference | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as { readonly [key: string]: TemplateValue };
  const keys = Object.keys(record);
  if (keys.length !== 1) return undefined;
  const target = record.Ref;
  if (typeof target === 'string') return target.startsWith('AWS::') ? undefined : { id: target, attribute: null };
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') return { id: getAtt[0], attribute: getAtt[1] };
  return undefined;
}

/** Every `Ref` to a resource or parameter and every `Fn::GetAtt` in a value, in document order. */
export function referencesIn(value: TemplateValue, out: Reference[] = []): Reference[] {
  if (typeof value !== 'object') return out;
  const reference = asReference(value);
  if (reference) {
    out.push(reference);
    return out;
  }
  if (Array.isArray(value)) for (const item of value as readonly TemplateValue[]) referencesIn(item, out);
  else for (const item of Object.values(value as { readonly [key: string]: TemplateValue })) referencesIn(item, out);
  return out;
}

/** A copy of `value` in which `replace` may swap each reference for another value (undefined keeps it). */
export function rewriteReferences(value: TemplateValue, replace: (reference: Reference) => TemplateValue | undefined): TemplateValue {
  if (typeof value !== 'object') return value;
  const reference = asReference(value);
  if (reference) return replace(reference) ?? value;
  if (Array.isArray(value)) return (value as readonly TemplateValue[]).map((item) => rewriteReferences(item, replace));
  const out: Record<string, TemplateValue> = {};
  for (const [key, item] of Object.entries(value as { readonly [key: string]: TemplateValue })) out[key] = rewriteReferences(item, replace);
  return out;
}

/** The logical IDs a resource needs to exist first: what it references, and its `DependsOn`. */
export function dependenciesOf(resource: Resource): { readonly references: readonly Reference[]; readonly dependsOn: readonly string[] } {
  return { references: referencesIn(resource.Properties), dependsOn: resource.DependsOn ?? [] };
}
