/**
 * The ARN of each kind of resource flowc makes, from its physical name: the one place the
 * formats are spelled. The CloudFormation emitter fills the partition, Region and account with
 * pseudo parameters (`${AWS::Partition}`…), the simulator with its own; each format is AWS's:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 * (the "Resource types" table of Lambda, SQS, SNS, EventBridge, Kinesis, DynamoDB and
 * CloudWatch Logs). S3 bucket ARNs have no Region or account: the name is global.
 */
export type ArnKind = 'fn' | 'queue' | 'topic' | 'bus' | 'stream' | 'table' | 'api' | 'schedule' | 'table-stream' | 'bucket' | 'bucket-objects' | 'log-group' | 'log-streams' | 'secret';

import { accountIdPattern, regionShape } from './targets.js';

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

/** The kinds a declaration can name an existing resource of with `arn = "…"`. */
export type ExistingKind = 'queue' | 'topic' | 'bus' | 'stream' | 'table';

/**
 * An existing resource as its ARN names it (`queue legacy: Order { arn = "…" }`): what the
 * manifest's `existing` holds. For a table written as its stream's ARN
 * (`table/<name>/stream/<label>`, the only way to trigger from an existing table: DynamoDB picks
 * the label when the stream is enabled, so it cannot be derived), `arn` is the table's and
 * `streamArn` the stream's.
 */
export interface ExistingArn {
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The resource's name: the queue's, topic's (with `.fifo`), bus's, stream's or table's. */
  readonly name: string;
  readonly streamArn?: string;
}

/**
 * Why a text is not the ARN of an existing resource of a kind: `syntax` (not an ARN, or not one
 * of the resource the service names that way: FL2030), or `service` (an ARN of another
 * service, or of another resource type of the service: FL2031).
 */
export interface ArnProblem {
  readonly problem: 'syntax' | 'service';
  /** What is wrong, in a phrase: "the account id `12345` is not 12 digits". */
  readonly detail: string;
  /** The kind of declaration the ARN would fit, when it is another one's (`topic` for an `sns` ARN). */
  readonly fits?: ExistingKind;
}

/**
 * ARN syntax: `arn:partition:service:region:account-id:resource`, in the partitions flowc deploys
 * to (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 */
const arnPartitions: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'];

/**
 * The service of each kind's ARN and the form of its resource part, with the characters each
 * service allows in the name and its length (the "Resource types" tables of
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html;
 * names: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html,
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html,
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html). A FIFO
 * queue's or topic's `.fifo` counts in its length.
 */
export const existingArnForms: Readonly<Record<ExistingKind, { readonly service: string; readonly prefix: string; readonly name: RegExp; readonly nameLength: { readonly min: number; readonly max: number }; readonly example: string }>> = {
  queue: { service: 'sqs', prefix: '', name: /^[A-Za-z0-9_-]+(\.fifo)?$/, nameLength: { min: 1, max: 80 }, example: 'arn:aws:sqs:eu-west-1:123456789012:orders' },
  topic: { service: 'sns', prefix: '', name: /^[A-Za-z0-9_-]+(\.fifo)?$/, nameLength: { min: 1, max: 256 }, example: 'arn:aws:sns:eu-west-1:123456789012:orders' },
  bus: { service: 'events', prefix: 'event-bus/', name: /^[A-Za-z0-9._-]+$/, nameLength: { min: 1, max: 256 }, example: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders' },
  stream: { service: 'kinesis', prefix: 'stream/', name: /^[A-Za-z0-9._-]+$/, nameLength: { min: 1, max: 128 }, example: 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders' },
  table: { service: 'dynamodb', prefix: 'table/', name: /^[A-Za-z0-9._-]+$/, nameLength: { min: 3, max: 255 }, example: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders' },
};


/** The existing resource of `kind` that `text` names, or why it names none. */
export function parseExistingArn(kind: ExistingKind, text: string): ExistingArn | ArnProblem {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return { problem: 'syntax', detail: 'an ARN is `arn:partition:service:region:account-id:resource`' };
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (!arnPartitions.includes(partition)) return { problem: 'syntax', detail: `the partition \`${partition}\` is none of ${arnPartitions.map((p) => `\`${p}\``).join(', ')}` };
  const form = existingArnForms[kind];
  if (service !== form.service) {
    const fits = (Object.keys(existingArnForms) as ExistingKind[]).find((k) => existingArnForms[k].service === service);
    return { problem: 'service', detail: `it is an ARN of \`${service}\`, and a ${kind}'s is one of \`${form.service}\``, ...(fits === undefined ? {} : { fits }) };
  }
  if (!regionShape.test(region)) return { problem: 'syntax', detail: region === '' ? 'it has no Region' : `\`${region}\` is not a Region code such as \`eu-west-1\`` };
  if (!accountIdPattern.test(account)) return { problem: 'syntax', detail: account === '' ? 'it has no account id' : `the account id \`${account}\` is not 12 digits` };
  if (!resource.startsWith(form.prefix)) return { problem: 'service', detail: `its resource \`${resource}\` is not a ${kind}'s, \`${form.prefix}NAME\`` };
  let name = resource.slice(form.prefix.length);
  let streamArn: string | undefined;
  if (kind === 'table') {
    const stream = /^([^/]+)\/stream\/([^/]+)$/.exec(name);
    if (stream) {
      name = stream[1] as string;
      streamArn = text;
    }
  }
  if (name.length < form.nameLength.min || name.length > form.nameLength.max || !form.name.test(name)) {
    return { problem: 'syntax', detail: `\`${name}\` is not a ${kind} name: ${form.nameLength.min}–${form.nameLength.max} characters of letters, digits${form.service === 'sqs' || form.service === 'sns' ? ', `-` and `_` (and `.fifo` at the end)' : ', `.`, `-` and `_`'}` };
  }
  const arn = streamArn === undefined ? text : `arn:${partition}:${service}:${region}:${account}:${form.prefix}${name}`;
  return { arn, partition, region, account, name, ...(streamArn === undefined ? {} : { streamArn }) };
}

export function isArnProblem(value: ExistingArn | ArnProblem): value is ArnProblem {
  return 'problem' in value;
}

/**
 * The ARN of a resource of the app: the one function every phase asks (IAM statements, the
 * emitter's references, the simulator). An existing resource's is its own; a resource the
 * stack creates has the one `arnOf` spells from its physical name.
 */
export function resourceArnOf(kind: ArnKind, entry: { readonly existing?: ExistingArn }, physical: string, scope: ArnScope): string {
  if (entry.existing !== undefined) {
    if (kind === 'table-stream') return entry.existing.streamArn ?? `${entry.existing.arn}/stream/*`;
    return entry.existing.arn;
  }
  return arnOf(kind, physical, scope);
}

/**
 * An existing queue's URL, what SendMessage takes: `https://sqs.<region>.<domain>/<account>/<name>`,
 * the domain `amazonaws.com.cn` in the China Regions
 * (https://docs.aws.amazon.com/general/latest/gr/sqs-service.html).
 */
export function existingQueueUrl(existing: ExistingArn): string {
  const domain = existing.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${existing.region}.${domain}/${existing.account}/${existing.name}`;
}
