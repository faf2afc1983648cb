import { bucketName, physicalName } from '../../../runtime/manifest/names.js';
import type { EdgeSpec, FlowManifest, Origin, QueueSpec, RuleEdge, ServicePermission, TopicSpec } from '../../../runtime/manifest/schema.js';
import { declarationId, LogicalIds } from './logical-id.js';
import { ruleArn, ruleName } from './names.js';
import { getAtt, ref, type Resource, type TemplateValue } from './template.js';

/** What every resource builder needs: the manifest, its IDs, and lookups by name. */
export class EmitContext {
  readonly ids: LogicalIds;
  private readonly queues: ReadonlyMap<string, QueueSpec>;
  private readonly topics: ReadonlyMap<string, TopicSpec>;
  private readonly into = new Map<string, EdgeSpec[]>();
  private readonly from = new Map<string, EdgeSpec[]>();
  private readonly edgesById = new Map<string, EdgeSpec>();
  private readonly permissionsByEdge = new Map<string, ServicePermission>();
  private readonly permissionsByResource = new Map<string, ServicePermission[]>();

  constructor(readonly manifest: FlowManifest) {
    this.ids = new LogicalIds(manifest);
    this.queues = new Map(manifest.queues.map((q) => [q.name, q]));
    this.topics = new Map(manifest.topics.map((t) => [t.name, t]));
    for (const edge of manifest.edges) {
      append(this.into, edge.target, edge);
      append(this.from, edge.source, edge);
      this.edgesById.set(edge.id, edge);
    }
    for (const permission of manifest.grants.services) {
      this.permissionsByEdge.set(permission.edge, permission);
      append(this.permissionsByResource, `${permission.resource.kind}:${permission.resource.name}`, permission);
    }
  }

  queue(name: string): QueueSpec {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`internal: the manifest has no queue ${name}`);
    return queue;
  }

  topic(name: string): TopicSpec {
    const topic = this.topics.get(name);
    if (!topic) throw new Error(`internal: the manifest has no topic ${name}`);
    return topic;
  }

  /** `<app>[-<stage>]-<name>`, with `.fifo` for FIFO queues and topics, `-<account>-<region>` after a bucket's (runtime/manifest/names.ts). */
  physical(kind: 'fn' | 'queue' | 'topic' | 'bus' | 'stream' | 'table' | 'api' | 'bucket' | 'schedule', name: string): string {
    // With `${AWS::AccountId}` and `${AWS::Region}` in it: what reads it puts it in an `Fn::Sub` (`subPseudo`).
    if (kind === 'bucket') return bucketName(this.manifest.app, this.manifest.stage, name, '${AWS::AccountId}', '${AWS::Region}');
    const fifo = kind === 'queue' ? this.queue(name).fifo : kind === 'topic' ? this.topic(name).fifo : false;
    return physicalName(this.manifest.app, this.manifest.stage, name, fifo);
  }

  /** The `Name` of a bus edge's rule (names.ts `ruleName`). */
  ruleName(edge: RuleEdge): string {
    return ruleName(this.physical(edge.targetKind, edge.target), edge.id);
  }

  /** The ARN of a bus edge's rule, spelled from its name: what its queue policy statement or Lambda permission names. */
  ruleArn(edge: RuleEdge): TemplateValue {
    return ruleArn(this.physical('bus', edge.source), this.ruleName(edge));
  }

  /** In source order. */
  edgesInto(target: string): readonly EdgeSpec[] {
    return this.into.get(target) ?? [];
  }

  /** In source order. */
  edgesFrom(source: string): readonly EdgeSpec[] {
    return this.from.get(source) ?? [];
  }

  edge(id: string): EdgeSpec {
    const edge = this.edgesById.get(id);
    if (!edge) throw new Error(`internal: the manifest has no edge ${id}`);
    return edge;
  }

  /** The manifest's grant for a service to deliver along the edge (a Lambda permission, a policy statement). */
  permissionOf(edge: EdgeSpec): ServicePermission {
    const permission = this.permissionsByEdge.get(edge.id);
    if (!permission) throw new Error(`internal: the manifest grants nothing for the edge ${edge.id}`);
    return permission;
  }

  /** The manifest's grants of services on one queue or topic (its policy's statements), in edge order. */
  permissionsOn(kind: 'queue' | 'topic', name: string): readonly ServicePermission[] {
    return this.permissionsByResource.get(`${kind}:${name}`) ?? [];
  }

  /** The ARN of a destination or on-failure target, as a reference (so the target exists first). */
  targetArn(kind: 'fn' | 'queue' | 'topic' | 'bus', name: string): TemplateValue {
    switch (kind) {
      case 'fn':
        return getAtt(declarationId(name, 'Function'), 'Arn');
      case 'queue':
        return getAtt(declarationId(name, 'Queue'), 'Arn');
      case 'topic':
        return ref(declarationId(name, 'Topic'));
      case 'bus':
        return getAtt(declarationId(name, 'Bus'), 'Arn');
    }
  }
}

export interface ResourceOptions {
  readonly dependsOn?: readonly string[];
  readonly retain?: boolean;
}

/** A resource with its origin in `Metadata.flowc`, so a deploy failure can point at the .flow line. */
export function resource(type: string, properties: Resource['Properties'], name: string, origin: Origin, options: ResourceOptions = {}): Resource {
  const metadata = { flowc: { name, line: origin.line, column: origin.column } };
  const dependsOn = options.dependsOn !== undefined && options.dependsOn.length > 0 ? options.dependsOn : undefined;
  // One literal per case rather than conditional spreads: emitted for every resource, and the
  // key order (the order in the template) is the same in all four.
  if (options.retain === true) {
    return dependsOn === undefined
      ? { Type: type, Properties: properties, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Metadata: metadata }
      : { Type: type, Properties: properties, DependsOn: dependsOn, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Metadata: metadata };
  }
  return dependsOn === undefined ? { Type: type, Properties: properties, Metadata: metadata } : { Type: type, Properties: properties, DependsOn: dependsOn, Metadata: metadata };
}

export type NamedResource = readonly [logicalId: string, resource: Resource];

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
