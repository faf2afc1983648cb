import { eventBridge } from '../../../runtime/aws/limits.js';
import { shortHash } from './logical-id.js';
import { type ArnKind, type ArnScope, arnOf as arnFormat, type ExistingArn, resourceArnOf, routeArnSuffix, ruleArnOf } from '../../../runtime/aws/arns.js';
import { join, subPseudo, type TemplateValue } from './template.js';

/** The log group Lambda writes a function's logs to; flowc creates it (resources/functions.ts). */
export function functionLogGroupName(functionPhysicalName: string): string {
  return `/aws/lambda/${functionPhysicalName}`;
}

/**
 * The name of the rule of a bus edge: its target's physical name (`shop-charge`,
 * `shop-orders.fifo`), unique on the bus because a bus has one rule per target (FL4040). A name
 * longer than EventBridge allows (64 characters; declaration names are `[A-Za-z0-9_]`, so every
 * character is one EventBridge takes) keeps its first 55 characters and gets the hash of the edge id.
 * Rules are named, rather than named by CloudFormation, so that their ARN can be spelled before
 * they exist: the queue policy or Lambda permission a rule needs then does not reference the
 * rule, and the rule can be created after it (resources/edges.ts).
 */
export function ruleName(targetPhysicalName: string, edgeId: string): string {
  if (targetPhysicalName.length <= eventBridge.ruleNameLengthMax) return targetPhysicalName;
  return `${targetPhysicalName.slice(0, eventBridge.ruleNameLengthMax - 9)}-${shortHash(edgeId)}`;
}

export type { ArnKind } from '../../../runtime/aws/arns.js';

/** The partition, Region and account of the stack, as pseudo parameters. */
const pseudoScope: ArnScope = { partition: '${AWS::Partition}', region: '${AWS::Region}', account: '${AWS::AccountId}' };

/**
 * The ARN of a resource of the app, spelled from its physical name with pseudo parameters.
 * IAM statements use these rather than `Fn::GetAtt`: a role then depends on nothing, so two
 * functions that are each other's destination make no dependency cycle (role → function →
 * role), and a role can be created before the resources it grants access to.
 */
export function arnOf(kind: ArnKind, physical: string): TemplateValue {
  return subPseudo(arnFormat(kind, physical, pseudoScope));
}

/**
 * The ARN of a resource the manifest declares (runtime/aws/arns.ts `resourceArnOf`): an existing
 * one's own, as a plain string; one the stack creates spelled like `arnOf`.
 */
export function resourceArn(kind: ArnKind, entry: { readonly existing?: ExistingArn }, physical: string): TemplateValue {
  const arn = resourceArnOf(kind, entry, physical, pseudoScope);
  return entry.existing === undefined ? subPseudo(arn) : arn;
}

/** The ARN of the rule `name` on the bus `busPhysicalName`: `rule/<bus>/<rule>` for a rule on a custom bus. */
export function ruleArn(busPhysicalName: string, name: string): TemplateValue {
  return subPseudo(ruleArnOf(busPhysicalName, name, pseudoScope));
}

/**
 * The execute-api ARN of one route of an HTTP API: the API's id is API Gateway's choice, so it
 * is a `Ref` joined to the ARN's prefix and the route's method and path (never a `Sub` of the
 * path, which is the user's text).
 */
export function routeArn(apiId: TemplateValue, method: string, path: string): TemplateValue {
  return join([subPseudo(arnFormat('api', '', pseudoScope)), apiId, routeArnSuffix(method, path)]);
}
