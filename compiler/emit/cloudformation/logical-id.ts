import { createHash } from 'node:crypto';
import { type EdgeSpec, type FlowManifest, manifestLists } from '../../../runtime/manifest/schema.js';
import type { DeclarationKind } from '../../kinds/registry.js';

/**
 * Logical IDs: readable, stable (an ID depends only on the names it is made of), and unique.
 *
 * A declaration's ID is its name in PascalCase plus a role suffix: `charge` → `ChargeFunction`,
 * `ChargeFunctionRole`, `ChargeFunctionLogGroup`; `payouts_dead` → `PayoutsDeadQueue`.
 * PascalCase is one-to-one on snake_case names (`[a-z][a-z0-9]*` words joined by single `_`),
 * the language's style; any other name (`sendEmail`, `a__b`, `x_1`) gets an 8-digit hash of the exact name appended,
 * because two such names can share a PascalCase. No role suffix ends with another one, so two
 * IDs with different roles never meet either.
 *
 * An edge's ID is `<Source>To<Target>` plus a role (`ReceiptsToEmailMapping`). Two edges can
 * spell the same `<Source>To<Target>` (`a_to_b -> c`, `a -> b_to_c`); then each of them gets the
 * hash of its edge id. Edge resources hold no data, so an ID that changes because such a twin
 * was added costs a replacement, nothing more.
 */

export type DeclarationRole =
  | 'Function'
  | 'FunctionRole'
  | 'FunctionLogGroup'
  | 'FunctionEventInvokeConfig'
  | 'Queue'
  | 'QueuePolicy'
  | 'Topic'
  | 'Bus'
  | 'Stream'
  | 'Table'
  | 'Api'
  | 'ApiStage'
  | 'Bucket'
  | 'TopicPolicy'
  | 'Schedule'
  | 'ScheduleRole';
export type EdgeRole = 'Mapping' | 'Subscription' | 'Permission' | 'Rule' | 'Route' | 'Integration';

/** The template parameter that holds the S3 key of a function's code (filled by `flowc package`). */
export const ASSETS_BUCKET_PARAMETER = 'FlowcAssetsBucket';

const snakeCase = /^[a-z][a-z0-9]*(?:_[a-z][a-z0-9]*)*$/;

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
}

/**
 * Stems already computed. The emitter asks for the stem of the same name some twenty times
 * (each of its IDs, the references to it, its outputs, its IAM grants), so it is computed once;
 * the cache is emptied when it grows past `MAX_CACHED_STEMS`, so a long-running process
 * (`flowc sim` watching a flow) does not keep the names of every flow it has seen.
 */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 100_000;

/** The PascalCase stem of a declaration name, unique among all names (see above). */
export function nameStem(name: string): string {
  let stem = stems.get(name);
  if (stem === undefined) {
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stem = computeStem(name);
    stems.set(name, stem);
  }
  return stem;
}

function computeStem(name: string): string {
  if (snakeCase.test(name)) return name.replace(/(?:^|_)([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const pascal = name
    .split('_')
    .filter((word) => word.length > 0)
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
  return `${/^[A-Za-z]/.test(pascal) ? pascal : `X${pascal}`}${shortHash(name)}`;
}

export function declarationId(name: string, role: DeclarationRole): string {
  return `${nameStem(name)}${role}`;
}

/** `<FunctionLogicalId>CodeKey`: the parameter with the S3 key of the function's code bundle. */
export function codeKeyParameter(functionName: string): string {
  return `${declarationId(functionName, 'Function')}CodeKey`;
}

/** The stems of the edges that have resources of their own (all but destinations), by edge id. */
export function edgeStems(edges: readonly EdgeSpec[]): ReadonlyMap<string, string> {
  const plain = new Map<string, string>();
  const uses = new Map<string, number>();
  for (const edge of edges) {
    // A destination is its source's EventInvokeConfig, a schedule's target part of the schedule.
    if (edge.kind === 'destination' || edge.kind === 'schedule-target') continue;
    const stem = edge.kind === 'route' ? `${nameStem(edge.source)}${routeStem(edge.routeKey)}` : `${nameStem(edge.source)}To${nameStem(edge.target)}`;
    plain.set(edge.id, stem);
    uses.set(stem, (uses.get(stem) ?? 0) + 1);
  }
  const stems = new Map<string, string>();
  for (const [id, stem] of plain) stems.set(id, (uses.get(stem) ?? 0) > 1 ? `${stem}${shortHash(id)}` : stem);
  return stems;
}

/**
 * A route's words in PascalCase: `POST /orders/{id}` → `PostOrdersId`, `$default` → `Default`,
 * `GET /` → `GetRoot`. Not one-to-one (`/a-b` and `/ab`), so two routes can share it: then
 * `edgeStems` hashes both, as for any other twin.
 */
function routeStem(routeKey: string): string {
  const words = routeKey.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const pascal = words.map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1).toLowerCase()}`).join('');
  return routeKey.endsWith(' /') ? `${pascal}Root` : pascal;
}

export interface LogicalIdOwner {
  /** A declaration, or an edge id such as `receipts->email`. */
  readonly name: string;
  readonly kind: DeclarationKind | 'edge' | 'parameter';
  readonly role: DeclarationRole | EdgeRole | 'CodeKey' | 'AssetsBucket';
}

/**
 * Every logical ID a manifest can give rise to, both ways: from a declaration or edge to its
 * IDs, and from an ID (say, of a resource that failed to deploy) back to the .flow name.
 */
export class LogicalIds {
  private readonly stems: ReadonlyMap<string, string>;
  /**
   * Built on the first `owner` call: the emitter needs only the edge stems, and an app of
   * 1,000 functions has some 7,000 IDs. (The emitter checks its own IDs as it uses them:
   * `buildTemplate` refuses two resources or parameters with one ID.)
   */
  private owners: Map<string, LogicalIdOwner> | undefined;

  constructor(private readonly manifest: FlowManifest) {
    this.stems = edgeStems(manifest.edges);
  }

  /** The ID of an edge's resource; the edge must have resources (not a destination). */
  edge(edgeId: string, role: EdgeRole): string {
    const stem = this.stems.get(edgeId);
    if (stem === undefined) throw new Error(`internal: edge ${edgeId} has no resources`);
    return `${stem}${role}`;
  }

  /** Which declaration or edge an ID belongs to; undefined for IDs flowc does not make. */
  owner(logicalId: string): LogicalIdOwner | undefined {
    this.owners ??= allOwners(this.manifest, this.stems);
    return this.owners.get(logicalId);
  }
}

function allOwners(manifest: FlowManifest, stems: ReadonlyMap<string, string>): Map<string, LogicalIdOwner> {
  const owners = new Map<string, LogicalIdOwner>();
  const add = (id: string, owner: LogicalIdOwner): void => {
    const taken = owners.get(id);
    if (taken) throw new Error(`internal: logical ID ${id} of ${owner.name} is also the ID of ${taken.name}`);
    owners.set(id, owner);
  };
  add(ASSETS_BUCKET_PARAMETER, { name: ASSETS_BUCKET_PARAMETER, kind: 'parameter', role: 'AssetsBucket' });
  // The IDs each kind's resources may take: a Record over the registry's kinds, so a new kind says which.
  const roles: Record<DeclarationKind, readonly DeclarationRole[]> = {
    fn: ['Function', 'FunctionRole', 'FunctionLogGroup', 'FunctionEventInvokeConfig'],
    queue: ['Queue', 'QueuePolicy'],
    topic: ['Topic', 'TopicPolicy'],
    bus: ['Bus'],
    stream: ['Stream'],
    table: ['Table'],
    api: ['Api', 'ApiStage'],
    bucket: ['Bucket'],
    schedule: ['Schedule', 'ScheduleRole'],
  };
  for (const kind of Object.keys(roles) as DeclarationKind[]) {
    for (const { name } of manifest[manifestLists[kind]]) {
      for (const role of roles[kind]) add(declarationId(name, role), { name, kind, role });
      if (kind === 'fn') add(codeKeyParameter(name), { name, kind: 'parameter', role: 'CodeKey' });
    }
  }
  for (const edge of manifest.edges) {
    const stem = stems.get(edge.id);
    if (stem === undefined) continue;
    for (const role of edgeRolesOf(edge)) add(`${stem}${role}`, { name: edge.id, kind: 'edge', role });
  }
  return owners;
}

/** The resources an edge gives rise to, besides its source's and target's own. */
export function edgeRolesOf(edge: EdgeSpec): readonly EdgeRole[] {
  switch (edge.kind) {
    case 'destination':
    case 'schedule-target':
      return [];
    case 'queue-trigger':
    case 'stream-trigger':
    case 'table-trigger':
      return ['Mapping'];
    case 'subscription':
      return edge.targetKind === 'fn' ? ['Subscription', 'Permission'] : ['Subscription'];
    case 'rule':
      return edge.targetKind === 'fn' ? ['Rule', 'Permission'] : ['Rule'];
    case 'route':
      return ['Route', 'Integration', 'Permission'];
    case 'notification':
      // The configuration itself is a property of the bucket; a function target needs S3's permission.
      return edge.targetKind === 'fn' ? ['Permission'] : [];
  }
}
