import type { FunctionSpec, ResourceKind } from '../../../../runtime/manifest/schema.js';
import type { EmitContext } from '../context.js';
import { type ArnKind, arnOf, functionLogGroupName } from '../names.js';
import type { TemplateValue } from '../template.js';

/**
 * The execution role's permissions: exactly what the function's edges and `sends` need
 * (aws-facts §1.6, §2.4, §2.8), and writing to its own log group, each on the one resource it
 * is for. No action is `*` and no resource is `*`; the two ARNs with a wildcard are ones AWS
 * requires (names.ts): a table's stream (`table/<name>/stream/*`) and the log streams of the
 * function's own log group (`log-group:/aws/lambda/<function>:*`).
 */

interface Grant {
  readonly actions: readonly string[];
  readonly kind: ArnKind;
  readonly physical: string;
}

/** Destinations and stream on-failure targets: Lambda writes to them with the function's role. */
const deliverTo: Readonly<Record<'fn' | 'queue' | 'topic' | 'bus', readonly string[]>> = {
  fn: ['lambda:InvokeFunction'],
  queue: ['sqs:SendMessage'],
  topic: ['sns:Publish'],
  bus: ['events:PutEvents'],
};

/**
 * `sends`: what the handler's code may call on the target, the operations of the generated
 * clients (runtime/clients, runtime/idempotency) and of the SDK calls the simulator models
 * (runtime/sim/sdk): a table is read and written (GetItem, PutItem, DeleteItem: the table
 * client's `get`, `put` and `delete`, the idempotency store's conditional PutItem); a stream
 * takes PutRecord and PutRecords.
 */
const sendTo: Readonly<Record<ResourceKind, readonly string[]>> = {
  queue: ['sqs:SendMessage'],
  topic: ['sns:Publish'],
  bus: ['events:PutEvents'],
  stream: ['kinesis:PutRecord', 'kinesis:PutRecords'],
  table: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
};

/**
 * Lambda writes the function's logs with its role: it creates a log stream per execution
 * environment in the group flowc creates, and puts events into it. No `logs:CreateLogGroup`:
 * the group exists before the function (it `DependsOn` it).
 */
const writeLogs = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** Event source mappings poll with the function's role (AWSLambdaSQSQueueExecutionRole and its Kinesis and DynamoDB twins). */
const readQueue = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
const readStream = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
  'kinesis:ListStreams',
  'kinesis:SubscribeToShard',
];
const readTableStream = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

export function functionGrants(context: EmitContext, fn: FunctionSpec): Grant[] {
  const logGroup = functionLogGroupName(context.physical('fn', fn.name));
  const grants: Grant[] = [
    { actions: writeLogs, kind: 'log-group', physical: logGroup },
    { actions: writeLogs, kind: 'log-streams', physical: logGroup },
  ];
  for (const edge of context.edgesFrom(fn.name)) {
    if (edge.kind === 'destination') grants.push({ actions: deliverTo[edge.targetKind], kind: edge.targetKind, physical: context.physical(edge.targetKind, edge.target) });
  }
  for (const target of fn.sends) grants.push({ actions: sendTo[target.kind], kind: target.kind, physical: context.physical(target.kind, target.name) });
  for (const edge of context.edgesInto(fn.name)) {
    if (edge.kind === 'queue-trigger') grants.push({ actions: readQueue, kind: 'queue', physical: context.physical('queue', edge.source) });
    if (edge.kind === 'stream-trigger') grants.push({ actions: readStream, kind: 'stream', physical: context.physical('stream', edge.source) });
    if (edge.kind === 'table-trigger') grants.push({ actions: readTableStream, kind: 'table-stream', physical: context.physical('table', edge.source) });
    if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure) {
      const { kind, name } = edge.onFailure;
      grants.push({ actions: deliverTo[kind], kind, physical: context.physical(kind, name) });
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
    const arn = arnOf(grant.kind, grant.physical);
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

export const lambdaAssumeRolePolicy: TemplateValue = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `keys` sorted in place (most lists here have one entry). */
function sorted(keys: string[]): string[] {
  return keys.length > 1 ? keys.sort(compare) : keys;
}
