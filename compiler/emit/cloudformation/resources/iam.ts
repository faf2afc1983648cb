import { executionRole, type Grant as Needed, lambdaTrust } from '../../../../runtime/aws/iam.js';
import type { FunctionSpec } from '../../../../runtime/manifest/schema.js';
import type { EmitContext } from '../context.js';
import { arnOf, functionLogGroupName } from '../names.js';
import type { TemplateValue } from '../template.js';

/**
 * The execution role's permissions: exactly what the function's edges and `sends` need, as
 * `runtime/aws/iam.ts` lists it with the AWS pages that say so, and writing to its own log
 * group, each on the one resource it is for. No action is `*` and no resource is `*`; the two
 * ARNs with a wildcard are ones AWS requires (names.ts): a table's stream
 * (`table/<name>/stream/*`) and the log streams of the function's own log group
 * (`log-group:/aws/lambda/<function>:*`).
 */

export interface Grant {
  readonly actions: readonly string[];
  /** The one resource the actions are for (EmitContext.arn: an existing resource's own ARN). */
  readonly arn: TemplateValue;
}

function grant(needed: Needed, arn: TemplateValue): Grant {
  return { actions: needed.actions, arn };
}

export function functionGrants(context: EmitContext, fn: FunctionSpec): Grant[] {
  const logGroup = functionLogGroupName(context.physical('fn', fn.name));
  const grants: Grant[] = [grant(executionRole.writeLogs, arnOf('log-group', logGroup)), grant(executionRole.writeLogs, arnOf('log-streams', logGroup))];
  for (const edge of context.edgesFrom(fn.name)) {
    if (edge.kind === 'destination') grants.push(grant(executionRole.deliver[edge.targetKind], context.arn(edge.targetKind, edge.target)));
  }
  for (const target of fn.sends) {
    if (target.kind === 'bucket') {
      const bucket = context.physical('bucket', target.name);
      grants.push(grant(executionRole.send.bucket, arnOf('bucket-objects', bucket)), grant(executionRole.listBucket, arnOf('bucket', bucket)));
    } else grants.push(grant(executionRole.send[target.kind], context.arn(target.kind, target.name)));
  }
  if (fn.idempotency !== null) grants.push(grant(executionRole.idempotency, context.arn('table', fn.idempotency.table)));
  for (const parameter of fn.parameters ?? []) if (parameter.source === 'secret') grants.push(grant(executionRole.readSecret, arnOf('secret', parameter.name)));
  for (const edge of context.edgesInto(fn.name)) {
    if (edge.kind === 'queue-trigger') grants.push(grant(executionRole.poll.queue, context.arn('queue', edge.source)));
    if (edge.kind === 'stream-trigger') grants.push(grant(executionRole.poll.stream, context.arn('stream', edge.source)));
    if (edge.kind === 'table-trigger') grants.push(grant(executionRole.poll.tableStream, context.arn('table-stream', edge.source)));
    if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure) {
      const { kind, name } = edge.onFailure;
      grants.push(grant(executionRole.onFailure[kind], context.arn(kind, name)));
    }
  }
  return grants;
}

/** One statement per set of actions, over every resource that needs them; sorted, without duplicates. */
export function policyStatements(grants: readonly Grant[]): TemplateValue[] {
  // By the actions joined with commas: the actions, and the ARNs by their JSON text (which sorts them).
  const byActions = new Map<string, { readonly actions: readonly string[]; readonly resources: Map<string, TemplateValue> }>();
  for (const grant of grants) {
    const key = grant.actions.join(',');
    let entry = byActions.get(key);
    if (!entry) {
      entry = { actions: grant.actions, resources: new Map() };
      byActions.set(key, entry);
    }
    entry.resources.set(JSON.stringify(grant.arn), grant.arn);
  }
  const statements: TemplateValue[] = [];
  for (const key of sorted([...byActions.keys()])) {
    const { actions, resources } = byActions.get(key) as { readonly actions: readonly string[]; readonly resources: Map<string, TemplateValue> };
    statements.push({
      Effect: 'Allow',
      Action: actions.length === 1 ? (actions[0] as string) : actions,
      Resource: sorted([...resources.keys()]).map((arnKey) => resources.get(arnKey) as TemplateValue),
    });
  }
  return statements;
}

/** Lambda may assume the role for functions of the stack's own account only (runtime/aws/iam.ts `lambdaTrust`). */
export const lambdaAssumeRolePolicy: TemplateValue = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: lambdaTrust.service },
      Action: lambdaTrust.action,
      Condition: { StringEquals: { [lambdaTrust.conditionKey]: { Ref: 'AWS::AccountId' } } },
    },
  ],
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `keys` sorted in place (most lists here have one entry). */
function sorted(keys: string[]): string[] {
  return keys.length > 1 ? keys.sort(compare) : keys;
}
