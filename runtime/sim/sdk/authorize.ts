import { arnOfGrant, assumedRoleArnOf } from '../../aws/arns.js';
import { accessDenied, commandActions, executionRole } from '../../aws/iam.js';
import type { FlowManifest, GrantResource, ResourceKind, SendKind } from '../../manifest/schema.js';
import type { Addresses } from '../addresses.js';
import { AwsServiceError } from '../errors.js';

/** A call the caller's role does not allow: the request fails as a whole, never one entry of a batch. */
export class AccessDeniedError extends AwsServiceError {}

interface Allowed {
  readonly actions: ReadonlySet<string>;
  /** The grant's ARN as IAM matches it: `*` any characters, `?` one. */
  readonly resource: RegExp;
}

/**
 * Each function's execution role as the manifest grants it (compiler/lower/grants.ts), checked
 * on every SDK call of its handler as IAM checks it on AWS: the action that authorizes the
 * command (runtime/aws/iam.ts `commandActions`) on the ARN the call is for, which a grant's ARN
 * must match. A call no grant allows fails with the service's access-denied error.
 */
export class RolePermissions {
  private readonly byFunction = new Map<string, readonly Allowed[]>();

  constructor(
    manifest: FlowManifest,
    private readonly addresses: Addresses,
  ) {
    const physicalOf = addresses.physicalName.bind(addresses);
    for (const fn of manifest.functions) {
      const grants = manifest.grants.functions[fn.name] ?? [];
      this.byFunction.set(
        fn.name,
        grants.map((grant) => ({ actions: new Set(grant.actions), resource: wildcard(this.arnOf(grant.resource, physicalOf)) })),
      );
    }
  }

  /** A grant's ARN: a declaration's as the addresses spell it (an existing resource's own), the forms only IAM names through arns.ts. */
  private arnOf(resource: GrantResource, physicalOf: (kind: ResourceKind | 'fn', name: string) => string): string {
    const { kind, name } = resource;
    if (kind === 'fn' || kind === 'table-stream' || kind === 'bucket-objects' || kind === 'log-group' || kind === 'log-streams' || kind === 'secret') return arnOfGrant(resource, physicalOf, this.addresses.scope);
    return this.addresses.arn(kind, name);
  }

  /** Throws AccessDeniedError unless `fn`'s role allows `command` on the resource `name` (for an object command, on its `key`). */
  authorize(fn: string, kind: SendKind, command: string, name: string, key: unknown): void {
    const action = (commandActions[kind] as Readonly<Record<string, string>>)[command];
    // A command no client sends is not modelled: the dispatcher refuses it on its own.
    if (action === undefined) return;
    const bucketArn = kind === 'bucket' ? this.addresses.arn('bucket', name) : undefined;
    // Object commands are authorized on the object's ARN, `<bucket ARN>/<key>`; listing on the bucket's.
    const arn = bucketArn !== undefined && (executionRole.send.bucket.actions as readonly string[]).includes(action) ? `${bucketArn}/${typeof key === 'string' ? key : ''}` : (bucketArn ?? this.addresses.arn(kind, name));
    if ((this.byFunction.get(fn) ?? []).some((grant) => grant.actions.has(action) && grant.resource.test(arn))) return;
    // CloudFormation names the role; the simulator's stand-in is the function's physical name and `-role`.
    const principal = assumedRoleArnOf(`${this.addresses.physicalName('fn', fn)}-role`, this.addresses.physicalName('fn', fn), this.addresses.scope);
    throw new AccessDeniedError(accessDenied.codes[kind], accessDenied.message(principal, action, arn));
  }
}

function wildcard(arn: string): RegExp {
  return new RegExp(`^${arn.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}
