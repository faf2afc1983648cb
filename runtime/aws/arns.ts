/**
 * The ARN of each kind of resource flowc makes, from its physical name: the one place the
 * formats are spelled. The CloudFormation emitter fills the partition, Region and account with
 * pseudo parameters (`${AWS::Partition}`…), the simulator with its own; each format is AWS's:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 * (the "Resource types" table of Lambda, SQS, SNS, EventBridge, Kinesis, DynamoDB and
 * CloudWatch Logs). S3 bucket ARNs have no Region or account: the name is global.
 */
export type ArnKind = 'fn' | 'queue' | 'topic' | 'bus' | 'stream' | 'table' | 'api' | 'schedule' | 'table-stream' | 'bucket' | 'bucket-objects' | 'log-group' | 'log-streams' | 'secret';

/** https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html#auth-and-access_examples_wildcard */
const secretArnSuffixWildcard = '-??????';

export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** `arn:aws:sqs:eu-west-1:123456789012:shop-jobs` for `arnOf('queue', 'shop-jobs', scope)`. */
export function arnOf(kind: ArnKind, physical: string, { partition, region, account }: ArnScope): string {
  const prefix = `arn:${partition}`;
  const scope = `${region}:${account}`;
  switch (kind) {
    case 'fn':
      return `${prefix}:lambda:${scope}:function:${physical}`;
    case 'queue':
      return `${prefix}:sqs:${scope}:${physical}`;
    case 'topic':
      return `${prefix}:sns:${scope}:${physical}`;
    case 'bus':
      return `${prefix}:events:${scope}:event-bus/${physical}`;
    case 'stream':
      return `${prefix}:kinesis:${scope}:stream/${physical}`;
    case 'table':
      return `${prefix}:dynamodb:${scope}:table/${physical}`;
    case 'api':
      // `physical` is the API's id (API Gateway picks it; the template refers to it by `Ref`).
      return `${prefix}:execute-api:${scope}:${physical}`;
    case 'schedule':
      // flowc's schedules are in the `default` schedule group.
      return `${prefix}:scheduler:${scope}:schedule/default/${physical}`;
    case 'table-stream':
      // A wildcard AWS requires: the stream label is a timestamp DynamoDB picks when the stream
      // is enabled, so the stream ARN cannot be spelled in advance (docs/cloudformation.md).
      return `${prefix}:dynamodb:${scope}:table/${physical}/stream/*`;
    case 'bucket':
      return `${prefix}:s3:::${physical}`;
    case 'bucket-objects':
      // Every object of the bucket: object ARNs are `<bucket ARN>/<key>`, and the keys a handler writes are not known.
      return `${prefix}:s3:::${physical}/*`;
    case 'log-group':
      // `physical` is the log group name (`/aws/lambda/<function>`).
      return `${prefix}:logs:${scope}:log-group:${physical}`;
    case 'log-streams':
      // A wildcard AWS requires: PutLogEvents is authorized against the ARN of a log stream
      // (`log-group:<name>:log-stream:<stream>`), which Lambda names at run time, and
      // CreateLogStream against the group, whose ARN CloudWatch Logs also spells `<arn>:*`.
      // `:*` after the group's own ARN covers that group and its streams, nothing else.
      return `${prefix}:logs:${scope}:log-group:${physical}:*`;
    case 'secret':
      // `physical` is the secret's name. The `-??????` AWS advises: Secrets Manager ends a
      // secret's ARN with `-` and six random characters, so the name alone matches no ARN, and
      // `-??????` (exactly six) does not match another secret whose name only starts the same.
      return `${prefix}:secretsmanager:${scope}:secret:${physical}${secretArnSuffixWildcard}`;
  }
}

/** The log group Lambda writes a function's logs to (flowc creates it with the function). */
export function functionLogGroupName(functionPhysicalName: string): string {
  return `/aws/lambda/${functionPhysicalName}`;
}

/** The kinds of declaration with an ARN of their own, named by their physical name. */
export type DeclarationArnKind = Exclude<ArnKind, 'table-stream' | 'bucket-objects' | 'log-group' | 'log-streams' | 'secret'>;

/**
 * A grant's resource by the flow's names (the manifest's `GrantResource`): a declaration, or
 * one of the forms only IAM names, whose `name` is the table, bucket, function or secret.
 */
export interface ArnReference {
  readonly kind: ArnKind;
  readonly name: string;
}

/**
 * The ARN of what a grant is on: the one place a grant's logical reference becomes an ARN, for
 * the template's policies and the simulator's checks alike. `physicalOf` is the backend's
 * physical name of a declaration (the template's has pseudo parameters in a bucket's).
 */
export function arnOfGrant(resource: ArnReference, physicalOf: (kind: DeclarationArnKind, name: string) => string, scope: ArnScope): string {
  switch (resource.kind) {
    case 'table-stream':
      return arnOf('table-stream', physicalOf('table', resource.name), scope);
    case 'bucket-objects':
      return arnOf('bucket-objects', physicalOf('bucket', resource.name), scope);
    case 'log-group':
    case 'log-streams':
      return arnOf(resource.kind, functionLogGroupName(physicalOf('fn', resource.name)), scope);
    case 'secret':
      return arnOf('secret', resource.name, scope);
    default:
      return arnOf(resource.kind, physicalOf(resource.kind, resource.name), scope);
  }
}

/**
 * The principal of a call made with a role's temporary credentials, as IAM names it in an
 * access-denied message: `arn:aws:sts::<account>:assumed-role/<role>/<session>` (Lambda's
 * session is the function's name: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
 */
export function assumedRoleArnOf(role: string, session: string, { partition, account }: ArnScope): string {
  return `arn:${partition}:sts::${account}:assumed-role/${role}/${session}`;
}

/** The ARN of the rule `name` on the bus `busPhysical`: `rule/<bus>/<rule>` for a rule on a custom bus. */
export function ruleArnOf(busPhysical: string, name: string, { partition, region, account }: ArnScope): string {
  return `arn:${partition}:events:${region}:${account}:rule/${busPhysical}/${name}`;
}

/**
 * What follows an HTTP API's ARN in the `execute-api` ARN of one of its routes, the part of the
 * `SourceArn` that scopes Lambda's permission to it: `/<stage>/<method>/<path>`, the stage `*`
 * (every stage), `ANY` written `*`, each path parameter `*`, a greedy one too
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html).
 * `$default` is the path `$default`.
 */
export function routeArnSuffix(method: string, path: string): string {
  if (path === '$default') return '/*/$default';
  const verb = method === 'ANY' ? '*' : method;
  return `/*/${verb}/${path.replace(/\{[^}]+\}/g, '*').replace(/^\//, '')}`;
}
