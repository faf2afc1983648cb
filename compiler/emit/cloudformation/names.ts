import { eventBridge } from '../../../runtime/aws/limits.js';
import type { ResourceKind } from '../../../runtime/manifest/schema.js';
import { shortHash } from './logical-id.js';
import { subPseudo, type TemplateValue } from './template.js';

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

/** ARNs, spelled from physical names (runtime/manifest/names.ts). */
export type ArnKind = ResourceKind | 'fn' | 'table-stream' | 'log-group' | 'log-streams';

/**
 * The ARN of a resource of the app, spelled from its physical name with pseudo parameters.
 * IAM statements use these rather than `Fn::GetAtt`: a role then depends on nothing, so two
 * functions that are each other's destination make no dependency cycle (role → function →
 * role), and a role can be created before the resources it grants access to.
 */
export function arnOf(kind: ArnKind, physical: string): TemplateValue {
  const prefix = 'arn:${AWS::Partition}';
  const scope = '${AWS::Region}:${AWS::AccountId}';
  switch (kind) {
    case 'fn':
      return subPseudo(`${prefix}:lambda:${scope}:function:${physical}`);
    case 'queue':
      return subPseudo(`${prefix}:sqs:${scope}:${physical}`);
    case 'topic':
      return subPseudo(`${prefix}:sns:${scope}:${physical}`);
    case 'bus':
      return subPseudo(`${prefix}:events:${scope}:event-bus/${physical}`);
    case 'stream':
      return subPseudo(`${prefix}:kinesis:${scope}:stream/${physical}`);
    case 'table':
      return subPseudo(`${prefix}:dynamodb:${scope}:table/${physical}`);
    case 'table-stream':
      // A wildcard AWS requires: the stream label is a timestamp DynamoDB picks when the stream
      // is enabled, so the stream ARN cannot be spelled in advance (docs/cloudformation.md).
      return subPseudo(`${prefix}:dynamodb:${scope}:table/${physical}/stream/*`);
    case 'log-group':
      // `physical` is the log group name (`/aws/lambda/<function>`).
      return subPseudo(`${prefix}:logs:${scope}:log-group:${physical}`);
    case 'log-streams':
      // A wildcard AWS requires: PutLogEvents is authorized against the ARN of a log stream
      // (`log-group:<name>:log-stream:<stream>`), which Lambda names at run time, and
      // CreateLogStream against the group, whose ARN CloudWatch Logs also spells `<arn>:*`.
      // `:*` after the group's own ARN covers that group and its streams, nothing else.
      return subPseudo(`${prefix}:logs:${scope}:log-group:${physical}:*`);
  }
}

/** The ARN of the rule `name` on the bus `busPhysicalName`: `rule/<bus>/<rule>` for a rule on a custom bus. */
export function ruleArn(busPhysicalName: string, name: string): TemplateValue {
  return subPseudo(`arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${busPhysicalName}/${name}`);
}
