import { bucketName, physicalName } from '../../../runtime/manifest/names.js';
import { type ExistingKind, existingQueueUrl } from '../../../runtime/aws/arns.js';
import type { EdgeSpec, ExistingResource, FlowManifest, Origin, QueueSpec, RuleEdge, TopicSpec } from '../../../runtime/manifest/schema.js';
import { declarationId, LogicalIds } from './logical-id.js';
import { type ArnKind, arnOf, resourceArn, ruleArn, ruleName } from './names.js';
import { getAtt, ref, type Resource, type TemplateValue } from './template.js';

/** What every resource builder needs: the manifest, its IDs, and lookups by name. */
export class EmitContext {
  readonly ids: LogicalIds;
  private readonly queues: ReadonlyMap<string, QueueSpec>;
  private readonly topics: ReadonlyMap<string, TopicSpec>;
  /** The existing resources (`arn = "…"`), by `kind:name`. */
  private readonly existingByName = new Map<string, ExistingResource>();
  private readonly into = new Map<string, EdgeSpec[]>();
  private readonly from = new Map<string, EdgeSpec[]>();

  constructor(readonly manifest: FlowManifest) {
    this.ids = new LogicalIds(manifest);
    this.queues = new Map(manifest.queues.map((q) => [q.name, q]));
    this.topics = new Map(manifest.topics.map((t) => [t.name, t]));
    const lists: readonly [ExistingKind, readonly { readonly name: string; readonly existing?: ExistingResource }[]][] = [
      ['queue', manifest.queues],
      ['topic', manifest.topics],
      ['bus', manifest.buses],
      ['stream', manifest.streams],
      ['table', manifest.tables],
    ];
    for (const [kind, list] of lists) for (const item of list) if (item.existing !== undefined) this.existingByName.set(`${kind}:${item.name}`, item.existing);
    for (const edge of manifest.edges) {
      append(this.into, edge.target, edge);
      append(this.from, edge.source, edge);
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

  /** The existing resource a queue, topic, bus, stream or table names with `arn = "…"`; undefined for one the stack creates. */
  existing(kind: string, name: string): ExistingResource | undefined {
    return this.existingByName.get(`${kind}:${name}`);
  }

  /**
   * The ARN IAM statements and references name a resource by: an existing one's own (a table's
   * stream: the stream's), else spelled from its physical name with pseudo parameters (names.ts).
   */
  arn(kind: ArnKind, name: string): TemplateValue {
    const declared = kind === 'table-stream' ? 'table' : kind;
    const existing = this.existing(declared, name);
    if (existing !== undefined) return resourceArn(kind, { existing }, existing.name);
    return arnOf(kind, this.physical(declared as Parameters<EmitContext['physical']>[0], name));
  }

  /** `<app>[-<stage>]-<name>`, with `.fifo` for FIFO queues and topics, `-<account>-<region>` after a bucket's (runtime/manifest/names.ts); an existing resource's own name. */
  physical(kind: 'fn' | 'queue' | 'topic' | 'bus' | 'stream' | 'table' | 'api' | 'bucket' | 'schedule', name: string): string {
    const existing = this.existing(kind, name);
    if (existing !== undefined) return existing.name;
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

  /**
   * The ARN of a destination, on-failure target or event source, as a reference (so the target
   * exists first); an existing resource's ARN as written.
   */
  targetArn(kind: 'fn' | 'queue' | 'topic' | 'bus' | 'stream', name: string): TemplateValue {
    const existing = this.existing(kind, name);
    if (existing !== undefined) return existing.arn;
    switch (kind) {
      case 'fn':
        return getAtt(declarationId(name, 'Function'), 'Arn');
      case 'queue':
        return getAtt(declarationId(name, 'Queue'), 'Arn');
      case 'topic':
        return ref(declarationId(name, 'Topic'));
      case 'bus':
        return getAtt(declarationId(name, 'Bus'), 'Arn');
      case 'stream':
        return getAtt(declarationId(name, 'Stream'), 'Arn');
    }
  }

  /** The stream ARN of a table, for its event source mappings: an existing table's as written (FL4094 makes sure it is there). */
  tableStreamArn(name: string): TemplateValue {
    const existing = this.existing('table', name);
    if (existing !== undefined) return existing.streamArn ?? existing.arn;
    return getAtt(declarationId(name, 'Table'), 'StreamArn');
  }

  /**
   * What a function's code finds a resource by (runtime/manifest/env.ts `sendTargetVariable`):
   * queue → URL, topic → ARN, bus, stream and table → name, each a `Ref`; an existing queue's URL
   * spelled from its ARN, an existing bus's ARN (PutEvents takes a bus in another account only
   * by its ARN), an existing topic's ARN, stream's and table's name.
   */
  address(kind: ExistingKind, name: string): TemplateValue {
    const existing = this.existing(kind, name);
    if (existing === undefined) return ref(declarationId(name, logicalSuffix[kind]));
    if (kind === 'queue') return existingQueueUrl(existing);
    return kind === 'topic' || kind === 'bus' ? existing.arn : existing.name;
  }

  /** The resource whose policy lets a service deliver to a queue or topic, to wait for; none for an existing one (its owner's policy). */
  deliveryPolicyId(kind: 'queue' | 'topic', name: string): string | undefined {
    return this.existing(kind, name) !== undefined ? undefined : declarationId(name, kind === 'queue' ? 'QueuePolicy' : 'TopicPolicy');
  }
}

const logicalSuffix = { queue: 'Queue', topic: 'Topic', bus: 'Bus', stream: 'Stream', table: 'Table' } as const;

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
