import type { ExistingResource, FlowManifest, ResourceKind } from '../manifest/schema.js';
import { sendTargetVariable } from '../manifest/env.js';
import { type ArnScope, arnOf, existingQueueUrl, resourceArnOf } from '../aws/arns.js';
import { bucketName, physicalName } from '../manifest/names.js';

/**
 * The ARNs, URLs and names resources have in a simulation: the physical names a deployment
 * gives them (`<app>[-<stage>]-<name>`, `.fifo` for FIFO queues and topics: the one rule of
 * runtime/manifest/names.ts, which the CloudFormation emitter uses too), in a fake
 * account (000000000000 by default), so handler code that parses them keeps working. The value
 * of each `sendTargetVariable` is one of these, and SDK calls are routed back to the resource by it.
 * An existing resource (`arn = "…"`) is simulated like a declared one, under its own ARN, name
 * and URL, in the account and Region its ARN names (docs/simulator.md).
 */
export class Addresses {
  private readonly byAddress = new Map<string, { kind: ResourceKind; name: string }>();
  private readonly fifo = new Set<string>();
  private readonly existing = new Map<string, ExistingResource>();

  private readonly app: string;
  private readonly stage: string | undefined;

  constructor(
    manifest: FlowManifest,
    readonly region: string,
    readonly account: string,
  ) {
    this.app = manifest.app;
    this.stage = manifest.stage;
    for (const queue of manifest.queues) if (queue.fifo) this.fifo.add(`queue:${queue.name}`);
    for (const topic of manifest.topics) if (topic.fifo) this.fifo.add(`topic:${topic.name}`);
    const lists: readonly [ResourceKind, readonly { readonly name: string; readonly existing?: ExistingResource }[]][] = [
      ['queue', manifest.queues],
      ['topic', manifest.topics],
      ['bus', manifest.buses],
      ['stream', manifest.streams],
      ['table', manifest.tables],
    ];
    for (const [kind, list] of lists) for (const item of list) if (item.existing !== undefined) this.existing.set(`${kind}:${item.name}`, item.existing);
    const add = (kind: ResourceKind, name: string): void => {
      this.byAddress.set(this.sendTargetValue(kind, name), { kind, name });
      this.byAddress.set(this.arn(kind, name), { kind, name });
    };
    for (const queue of manifest.queues) add('queue', queue.name);
    for (const topic of manifest.topics) add('topic', topic.name);
    for (const bus of manifest.buses) add('bus', bus.name);
    for (const stream of manifest.streams) add('stream', stream.name);
    for (const table of manifest.tables) add('table', table.name);
    for (const bucket of manifest.buckets) add('bucket', bucket.name);
  }

  /** The physical name: `<app>[-<stage>]-<name>`; FIFO queues and topics end in `.fifo`. */
  physicalName(kind: ResourceKind | 'fn', name: string): string {
    const existing = this.existing.get(`${kind}:${name}`);
    if (existing !== undefined) return existing.name;
    if (kind === 'bucket') return bucketName(this.app, this.stage, name, this.account, this.region);
    return physicalName(this.app, this.stage, name, this.fifo.has(`${kind}:${name}`));
  }

  functionArn(fn: string): string {
    return arnOf('fn', this.physicalName('fn', fn), this.#scope);
  }

  /** The qualified ARN destination records and EventBridge `resources` carry. */
  qualifiedFunctionArn(fn: string): string {
    return `${this.functionArn(fn)}:$LATEST`;
  }

  arn(kind: ResourceKind, name: string): string {
    const existing = this.existing.get(`${kind}:${name}`);
    return resourceArnOf(kind, existing === undefined ? {} : { existing }, this.physicalName(kind, name), this.#scope);
  }

  /** The simulated account is in the `aws` partition. */
  get #scope(): ArnScope {
    return { partition: 'aws', region: this.region, account: this.account };
  }

  /** The DynamoDB stream ARN of a table (its label is fixed: the run starts at virtual time 0). */
  tableStreamArn(table: string): string {
    const existing = this.existing.get(`table:${table}`);
    if (existing?.streamArn !== undefined) return existing.streamArn;
    return `${this.arn('table', table)}/stream/2026-01-01T00:00:00.000`;
  }

  queueUrl(name: string): string {
    const existing = this.existing.get(`queue:${name}`);
    if (existing !== undefined) return existingQueueUrl(existing);
    return `https://sqs.${this.region}.amazonaws.com/${this.account}/${this.physicalName('queue', name)}`;
  }

  /** The value of `sendTargetVariable(kind, name)`: queue URL, topic ARN, bus, stream, table or bucket name. */
  sendTargetValue(kind: ResourceKind, name: string): string {
    switch (kind) {
      case 'queue':
        return this.queueUrl(name);
      case 'topic':
        return this.arn('topic', name);
      case 'bus':
        // An existing bus by its ARN, as the template gives it (EmitContext.address).
        return this.existing.has(`bus:${name}`) ? this.arn('bus', name) : this.physicalName('bus', name);
      default:
        return this.physicalName(kind, name);
    }
  }

  /** Every send-target variable of the flow, for the environment handlers run in. */
  sendTargetVariables(manifest: FlowManifest): Record<string, string> {
    const variables: Record<string, string> = {};
    const kinds: [ResourceKind, readonly { name: string }[]][] = [
      ['queue', manifest.queues],
      ['topic', manifest.topics],
      ['bus', manifest.buses],
      ['stream', manifest.streams],
      ['table', manifest.tables],
      ['bucket', manifest.buckets],
    ];
    for (const [kind, resources] of kinds) {
      for (const resource of resources) variables[sendTargetVariable(kind, resource.name)] = this.sendTargetValue(kind, resource.name);
    }
    return variables;
  }

  /** The resource an SDK call names (URL, ARN or name), or undefined when the flow has none. */
  resolve(kind: ResourceKind, address: string): string | undefined {
    const found = this.byAddress.get(address);
    if (found !== undefined && found.kind === kind) return found.name;
    // The flow's own name (`receipts` for `shop-receipts`) is accepted too, as tests write it.
    const byName = this.byAddress.get(this.sendTargetValue(kind, address));
    return byName !== undefined && byName.kind === kind ? byName.name : undefined;
  }
}
