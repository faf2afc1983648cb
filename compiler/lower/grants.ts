import { executionRole, type Grant, resourcePolicy, schedulerRole, type ServiceGrant } from '../../runtime/aws/iam.js';
import type { EdgeSpec, FunctionSpec, GrantResource, Grants, RoleGrant, ScheduleSpec, ServicePermission } from '../../runtime/manifest/schema.js';

/**
 * Every permission of the app, worked out once from the lowered declarations and edges, as
 * runtime/aws/iam.ts lists what each part needs (with the AWS pages that say so): the backends
 * only render (the template's policies) or enforce (the simulator) these. Resources are the
 * flow's names, never ARNs (runtime/aws/arns.ts `arnOfGrant` spells them).
 */
export function grantsOf(functions: readonly FunctionSpec[], schedules: readonly ScheduleSpec[], edges: readonly EdgeSpec[]): Grants {
  const from = byEnd(edges, 'source');
  const into = byEnd(edges, 'target');
  return {
    functions: Object.fromEntries(functions.map((fn) => [fn.name, functionGrants(fn, from.get(fn.name) ?? [], into.get(fn.name) ?? [])])),
    schedules: Object.fromEntries(schedules.flatMap((schedule) => {
      const grants = scheduleGrants(schedule, from.get(schedule.name) ?? []);
      return grants === undefined ? [] : [[schedule.name, grants]];
    })),
    services: firstOfEachPair(edges).flatMap(servicePermissions),
  };
}

function grant(needed: Grant, kind: GrantResource['kind'], name: string): RoleGrant {
  return { actions: needed.actions, resource: { kind, name }, docs: needed.docs };
}

/**
 * A function's execution role: exactly what its edges and `sends` need, and writing to its own
 * log group, each on the one resource it is for. The only wildcards are in the ARNs AWS requires
 * (a table's stream, the log group's streams: runtime/aws/arns.ts).
 */
function functionGrants(fn: FunctionSpec, from: readonly EdgeSpec[], into: readonly EdgeSpec[]): RoleGrant[] {
  const grants: RoleGrant[] = [grant(executionRole.writeLogs, 'log-group', fn.name), grant(executionRole.writeLogs, 'log-streams', fn.name)];
  for (const edge of from) if (edge.kind === 'destination') grants.push(grant(executionRole.deliver[edge.targetKind], edge.targetKind, edge.target));
  for (const target of fn.sends) {
    if (target.kind === 'bucket') grants.push(grant(executionRole.send.bucket, 'bucket-objects', target.name), grant(executionRole.listBucket, 'bucket', target.name));
    else grants.push(grant(executionRole.send[target.kind], target.kind, target.name));
  }
  if (fn.idempotency !== null) grants.push(grant(executionRole.idempotency, 'table', fn.idempotency.table));
  for (const parameter of fn.parameters ?? []) if (parameter.source === 'secret') grants.push(grant(executionRole.readSecret, 'secret', parameter.name));
  for (const edge of into) {
    if (edge.kind === 'queue-trigger') grants.push(grant(executionRole.poll.queue, 'queue', edge.source));
    if (edge.kind === 'stream-trigger') grants.push(grant(executionRole.poll.stream, 'stream', edge.source));
    if (edge.kind === 'table-trigger') grants.push(grant(executionRole.poll.tableStream, 'table-stream', edge.source));
    if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure) grants.push(grant(executionRole.onFailure[edge.onFailure.kind], edge.onFailure.kind, edge.onFailure.name));
  }
  return grants;
}

/** A schedule's own role: the one call of its target, and sending to its dead-letter queue; none without a target (it creates nothing). */
function scheduleGrants(schedule: ScheduleSpec, from: readonly EdgeSpec[]): RoleGrant[] | undefined {
  const edge = from.find((e) => e.kind === 'schedule-target');
  if (edge?.kind !== 'schedule-target') return undefined;
  const grants = [grant(schedulerRole.target[edge.targetKind], edge.targetKind, edge.target)];
  if (schedule.deadLetterQueue !== null) grants.push(grant(schedulerRole.deadLetterQueue, 'queue', schedule.deadLetterQueue));
  return grants;
}

/**
 * What a service needs from the resource it delivers to along an edge: SNS, EventBridge, API
 * Gateway and S3 call as service principals, so the function, queue or topic must allow them.
 * Destinations, triggers and schedules need none: Lambda and Scheduler call with a role.
 */
function servicePermissions(edge: EdgeSpec): ServicePermission[] {
  switch (edge.kind) {
    case 'subscription':
      return permission(edge, edge.targetKind === 'fn' ? resourcePolicy.topicToFunction : resourcePolicy.topicToQueue, { kind: 'topic', name: edge.source });
    case 'rule':
      return permission(edge, edge.targetKind === 'fn' ? resourcePolicy.ruleToFunction : resourcePolicy.ruleToQueue, { kind: 'rule', edge: edge.id });
    case 'route':
      return permission(edge, resourcePolicy.routeToFunction, { kind: 'route', edge: edge.id });
    case 'notification': {
      const needed = { fn: resourcePolicy.bucketToFunction, queue: resourcePolicy.bucketToQueue, topic: resourcePolicy.bucketToTopic }[edge.targetKind];
      return permission(edge, needed, { kind: 'bucket', name: edge.source });
    }
    default:
      return [];
  }
}

/** The one permission `needed` along `edge`; a module function, not a closure made for every edge. */
function permission(edge: EdgeSpec, needed: ServiceGrant, source: ServicePermission['source']): ServicePermission[] {
  return [{ edge: edge.id, principal: needed.service, action: needed.action, resource: { kind: targetKindOf(edge), name: edge.target }, source, docs: needed.docs }];
}

/**
 * The edges but the repeats of a bucket's notifications of one target: a bucket may notify one
 * target on several edges (one filter each), and S3's grant names no filter, so it is made once,
 * for the first. Other edges are one per pair (FL4040), or, for an API's routes, each its own grant.
 */
function firstOfEachPair(edges: readonly EdgeSpec[]): EdgeSpec[] {
  const notified = new Set<string>();
  return edges.filter((edge) => {
    if (edge.kind !== 'notification') return true;
    const pair = `${edge.source}->${edge.target}`;
    if (notified.has(pair)) return false;
    notified.add(pair);
    return true;
  });
}

function targetKindOf(edge: EdgeSpec): 'fn' | 'queue' | 'topic' {
  return 'targetKind' in edge && (edge.targetKind === 'queue' || edge.targetKind === 'topic') ? edge.targetKind : 'fn';
}

function byEnd(edges: readonly EdgeSpec[], end: 'source' | 'target'): Map<string, EdgeSpec[]> {
  const out = new Map<string, EdgeSpec[]>();
  for (const edge of edges) {
    const list = out.get(edge[end]);
    if (list) list.push(edge);
    else out.set(edge[end], [edge]);
  }
  return out;
}
