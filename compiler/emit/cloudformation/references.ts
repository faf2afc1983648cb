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
  const target = record.Ref;
  const getAtt = record['Fn::GetAtt'];
  // Most maps are neither: they are ruled out before their keys are counted (which allocates).
  if (target === undefined && getAtt === undefined) return undefined;
  if (Object.keys(record).length !== 1) return undefined;
  if (typeof target === 'string') return target.startsWith('AWS::') ? undefined : { id: target, attribute: null };
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') return { id: getAtt[0], attribute: getAtt[1] };
  return undefined;
}

/** Every `Ref` to a resource or parameter and every `Fn::GetAtt` in a value, in document order. */
export function referencesIn(value: TemplateValue): Reference[] {
  const out: Reference[] = [];
  forEachReference(value, (id, attribute) => out.push({ id, attribute }));
  return out;
}

/**
 * `visit` for each reference `referencesIn` finds, in the same order, without an object per
 * reference: the nested-stack layout walks every resource of the app with it.
 */
export function forEachReference(value: TemplateValue, visit: (id: string, attribute: string | null) => void): void {
  if (typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value as readonly TemplateValue[]) forEachReference(item, visit);
    return;
  }
  const record = value as { readonly [key: string]: TemplateValue };
  const target = record.Ref;
  const getAtt = record['Fn::GetAtt'];
  // Most maps are neither: they are ruled out before their keys are counted (which allocates).
  if ((target !== undefined || getAtt !== undefined) && Object.keys(record).length === 1) {
    if (typeof target === 'string') {
      // A pseudo parameter (`AWS::Region`) is no one's value.
      if (!target.startsWith('AWS::')) visit(target, null);
      return;
    }
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') {
      visit(getAtt[0], getAtt[1]);
      return;
    }
  }
  // for…in rather than Object.values: no array per map (a template's maps are plain data, with no inherited keys).
  for (const key in record) forEachReference(record[key] as TemplateValue, visit);
}

/**
 * `value` with each reference swapped for what `replace` gives (undefined keeps it). Copy on
 * write: only the maps and sequences on the way to a swapped reference are copied, the rest is
 * shared, and `value` itself comes back when nothing is swapped (the nested-stack layout
 * rewrites thousands of resources, most of which reference nothing in another stack).
 */
export function rewriteReferences(value: TemplateValue, replace: (reference: Reference) => TemplateValue | undefined): TemplateValue {
  if (typeof value !== 'object') return value;
  const reference = asReference(value);
  if (reference) return replace(reference) ?? value;
  if (Array.isArray(value)) {
    const items = value as readonly TemplateValue[];
    let out: TemplateValue[] | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as TemplateValue;
      const rewritten = rewriteReferences(item, replace);
      if (rewritten !== item && out === undefined) out = items.slice(0, i);
      out?.push(rewritten);
    }
    return out ?? value;
  }
  const record = value as { readonly [key: string]: TemplateValue };
  const keys = Object.keys(record);
  let out: Record<string, TemplateValue> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = record[key] as TemplateValue;
    const rewritten = rewriteReferences(item, replace);
    if (rewritten !== item && out === undefined) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j] as string] = record[keys[j] as string] as TemplateValue;
    }
    if (out !== undefined) out[key] = rewritten;
  }
  return out ?? value;
}

/** The logical IDs a resource needs to exist first: what it references, and its `DependsOn`. */
export function dependenciesOf(resource: Resource): { readonly references: readonly Reference[]; readonly dependsOn: readonly string[] } {
  return { references: referencesIn(resource.Properties), dependsOn: resource.DependsOn ?? [] };
}
