import { apiGateway } from '../../../../runtime/aws/api-gateway.js';
import type { ServicePermission } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, resource } from '../context.js';
import { declarationId } from '../logical-id.js';
import { arnOf, routeArn } from '../names.js';
import { ref, type Resource, type TemplateValue } from '../template.js';

/**
 * The manifest's resource-based grants (compiler/lower/grants.ts) as the template writes them:
 * a Lambda permission, or a statement of a queue or topic policy, each for its one source.
 */

/**
 * The source a grant allows, as its `SourceArn`: a topic by `Ref`; a bus rule and a bucket by
 * ARNs spelled from their names, since each is created after the grant it needs (names.ts
 * `ruleName`, resources/buckets.ts); a route as its execute-api ARN (any stage).
 */
function sourceArnOf(context: EmitContext, permission: ServicePermission): TemplateValue {
  const source = permission.source;
  switch (source.kind) {
    case 'topic':
      // By reference, or an existing topic's own ARN.
      return context.targetArn('topic', source.name);
    case 'bucket':
      return arnOf('bucket', context.physical('bucket', source.name));
    case 'rule': {
      const edge = context.edge(source.edge);
      if (edge.kind !== 'rule') throw new Error(`internal: ${source.edge} is not a rule`);
      return context.ruleArn(edge);
    }
    case 'route': {
      const edge = context.edge(source.edge);
      if (edge.kind !== 'route') throw new Error(`internal: ${source.edge} is not a route`);
      const path = edge.routeKey === apiGateway.defaultRoute ? edge.routeKey : edge.routeKey.slice(edge.routeKey.indexOf(' ') + 1);
      return routeArn(ref(declarationId(edge.source, 'Api')), edge.method, path);
    }
  }
}

/** A bucket's ARN names no account: without `SourceAccount` another account's bucket of the same name could deliver. */
function fromBucket(permission: ServicePermission): boolean {
  return permission.source.kind === 'bucket';
}

/** The `AWS::Lambda::Permission` of a grant on a function, with its edge's origin. */
export function lambdaPermission(context: EmitContext, permission: ServicePermission): Resource {
  const edge = context.edge(permission.edge);
  const properties: Record<string, TemplateValue> = {
    Action: permission.action,
    FunctionName: context.targetArn('fn', permission.resource.name),
    Principal: permission.principal,
    SourceArn: sourceArnOf(context, permission),
  };
  if (fromBucket(permission)) properties.SourceAccount = ref('AWS::AccountId');
  return resource('AWS::Lambda::Permission', properties, edge.id, edge.origin);
}

/**
 * A queue or topic policy's statement of a grant: the service may call the action on
 * `resourceArn`, for the grant's source only (and, for a bucket, this account's:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html).
 */
export function policyStatement(context: EmitContext, permission: ServicePermission, resourceArn: TemplateValue): TemplateValue {
  const condition: Record<string, TemplateValue> = { ArnEquals: { 'aws:SourceArn': sourceArnOf(context, permission) } };
  if (fromBucket(permission)) condition.StringEquals = { 'aws:SourceAccount': ref('AWS::AccountId') };
  return { Effect: 'Allow', Principal: { Service: permission.principal }, Action: permission.action, Resource: resourceArn, Condition: condition };
}
