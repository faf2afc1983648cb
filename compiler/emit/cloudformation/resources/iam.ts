import { lambdaTrust } from '../../../../runtime/aws/iam.js';
import type { RoleGrant } from '../../../../runtime/manifest/schema.js';
import type { EmitContext } from '../context.js';
import { grantArn } from '../names.js';
import type { TemplateValue } from '../template.js';

/**
 * The policies of the roles: the manifest's grants (compiler/lower/grants.ts, from the IAM
 * facts of `runtime/aws/iam.ts`), each on the one resource it is for. No action is `*` and no
 * resource is `*`; the two ARNs with a wildcard are ones AWS requires (runtime/aws/arns.ts): a
 * table's stream (`table/<name>/stream/*`) and the log streams of the function's own log group
 * (`log-group:/aws/lambda/<function>:*`).
 */

/** One statement per set of actions, over every resource that needs them; sorted, without duplicates. */
export function policyStatements(context: EmitContext, grants: readonly RoleGrant[]): TemplateValue[] {
  const physicalOf = context.physical.bind(context);
  // By the actions joined with commas: the actions, and the ARNs by their JSON text (which sorts them).
  const byActions = new Map<string, { readonly actions: readonly string[]; readonly resources: Map<string, TemplateValue> }>();
  for (const grant of grants) {
    const key = grant.actions.join(',');
    let entry = byActions.get(key);
    if (!entry) {
      entry = { actions: grant.actions, resources: new Map() };
      byActions.set(key, entry);
    }
    // A declaration through the context, which knows an existing resource's own ARN; the forms only IAM names through arns.ts.
    const { kind, name } = grant.resource;
    const arn = kind === 'log-group' || kind === 'log-streams' || kind === 'secret' || kind === 'bucket-objects' || kind === 'bucket' ? grantArn(grant.resource, physicalOf) : context.arn(kind, name);
    entry.resources.set(JSON.stringify(arn), arn);
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
