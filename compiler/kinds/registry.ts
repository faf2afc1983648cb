import type { FlowManifest, ResourceKind } from '../../runtime/manifest/schema.js';
import { apiKind } from './api.js';
import { bucketKind } from './bucket.js';
import { busKind } from './bus.js';
import { fnKind } from './fn.js';
import type { KindSpec, ManifestItem } from './kind.js';
import { queueKind } from './queue.js';
import { scheduleKind } from './schedule.js';
import { streamKind } from './stream.js';
import { tableKind } from './table.js';
import { topicKind } from './topic.js';

/**
 * Every kind of declaration: a function, or one of the manifest's resource kinds. Adding a
 * resource kind to `ResourceKind` (runtime/manifest/schema.ts) makes `kinds` below a type error
 * until the kind has its module, and every `Record<DeclarationKind, …>` of the phases one too;
 * CONTRIBUTING.md lists the places, test/kinds/registry.test.ts checks what tsc cannot.
 */
export type DeclarationKind = 'fn' | ResourceKind;

/** The registry: one module per kind. */
export const kinds = {
  fn: fnKind,
  queue: queueKind,
  topic: topicKind,
  bus: busKind,
  stream: streamKind,
  table: tableKind,
  api: apiKind,
  bucket: bucketKind,
  schedule: scheduleKind,
} as const satisfies { readonly [K in DeclarationKind]: KindSpec<K> };

export const declarationKinds = Object.keys(kinds) as DeclarationKind[];

/** A per-kind table built from the registry: `byKind((k) => k.noun)`. */
export function byKind<V>(value: (spec: (typeof kinds)[DeclarationKind]) => V): Record<DeclarationKind, V> {
  return Object.fromEntries(declarationKinds.map((kind) => [kind, value(kinds[kind])])) as Record<DeclarationKind, V>;
}

/** One declaration of the manifest with its kind: the discriminated view over the manifest's per-kind lists. */
export type ManifestDeclaration = { readonly [K in DeclarationKind]: { readonly kind: K; readonly spec: ManifestItem<(typeof kinds)[K]['manifestList']> } }[DeclarationKind];

/** Every declaration of the manifest, kind by kind in registry order, each list as the manifest sorts it. */
export function declarationsOf(manifest: FlowManifest): ManifestDeclaration[] {
  return declarationKinds.flatMap((kind) => manifest[kinds[kind].manifestList].map((spec) => ({ kind, spec }) as ManifestDeclaration));
}
