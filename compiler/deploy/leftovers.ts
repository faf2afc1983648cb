import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { type AwsClients, describeAwsError } from './aws.js';
import type { Clock } from './clock.js';
import { type FlowKinds, type ResourceChange, subjectOf } from './explain.js';
import { retrying } from './retry.js';
import type { CfnTemplate } from './template.js';

/**
 * The resources flowc names itself (`<app>-<name>`) and keeps with `Retain` by default. One
 * left outside any stack — by a failed first deploy before flowc asked CloudFormation to delete
 * new resources on rollback, by a deleted stack, or by a declaration removed and added back —
 * makes every create of that name fail with "already exists".
 */
interface NamedKind {
  /** The property that holds the physical name. */
  readonly nameProperty: string;
  readonly what: string;
  /** The call that looks the name up, for messages. */
  readonly operation: string;
  /** Looks the name up; resolves to the resource's URL or name, or undefined when there is none. */
  lookup(clients: AwsClients, name: string): Promise<string | undefined>;
  deleteCommand(name: string, found: string): string;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue' || name === 'ResourceNotFoundException';
}

/** Resolves to undefined when the service says there is no such resource. */
async function unlessMissing<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

const NAMED: Readonly<Record<string, NamedKind>> = {
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    what: 'SQS queue',
    operation: 'GetQueueUrl',
    lookup: async (clients, name) => (await unlessMissing(() => clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }))))?.QueueUrl ?? undefined,
    deleteCommand: (_name, url) => `aws sqs delete-queue --queue-url ${url}`,
  },
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    what: 'DynamoDB table',
    operation: 'DescribeTable',
    lookup: async (clients, name) => ((await unlessMissing(() => clients.dynamodb.send(new DescribeTableCommand({ TableName: name })))) ? name : undefined),
    deleteCommand: (name) => `aws dynamodb delete-table --table-name ${name}`,
  },
  'AWS::Kinesis::Stream': {
    nameProperty: 'Name',
    what: 'Kinesis stream',
    operation: 'DescribeStreamSummary',
    lookup: async (clients, name) =>
      (await unlessMissing(() => clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name })))) ? name : undefined,
    deleteCommand: (name) => `aws kinesis delete-stream --stream-name ${name}`,
  },
};

/** A resource the change set would create under a name something outside the stack already has. */
export interface Leftover {
  readonly change: ResourceChange;
  readonly what: string;
  readonly physicalName: string;
  readonly deleteCommand: string;
  /**
   * When the same change set deletes the declaration's resource elsewhere (it moves between
   * nested stacks), the stack it moves from: the name is taken by the resource itself, which
   * CloudFormation deletes only after creating the new one.
   */
  readonly movesFrom?: readonly string[];
}

export interface LeftoverCheck {
  readonly leftovers: readonly Leftover[];
  /** One line per name that could not be looked up (a missing permission): the deploy goes on. */
  readonly unchecked: readonly string[];
}

/**
 * Looks up, before anything is created, the physical name of each queue, table and stream the
 * change set creates (`localTemplate` gives their names by stack path).
 */
export async function findLeftovers(
  clients: AwsClients,
  changes: readonly ResourceChange[],
  localTemplate: (stackPath: readonly string[]) => CfnTemplate | undefined,
  clock: Clock,
): Promise<LeftoverCheck> {
  const leftovers: Leftover[] = [];
  const unchecked: string[] = [];
  for (const change of changes) {
    const kind = NAMED[change.resourceType];
    if (change.action !== 'create' || kind === undefined) continue;
    const name = localTemplate(change.stackPath)?.Resources?.[change.logicalId]?.Properties?.[kind.nameProperty];
    if (typeof name !== 'string') continue;
    try {
      const found = await retrying(clock, () => kind.lookup(clients, name));
      if (found === undefined) continue;
      const moved = changes.find(
        (other) => other.action === 'delete' && other.resourceType === change.resourceType && other.origin !== undefined && other.origin.name === change.origin?.name,
      );
      leftovers.push({
        change,
        what: kind.what,
        physicalName: name,
        deleteCommand: kind.deleteCommand(name, found),
        ...(moved ? { movesFrom: moved.stackPath } : {}),
      });
    } catch (error) {
      unchecked.push(`could not check whether ${kind.what} ${name} exists already (${describeAwsError(kind.operation, error)}); if it does, creating it fails`);
    }
  }
  return { leftovers, unchecked };
}

/** What deploy prints when it refuses because of leftovers: which, and how to adopt or delete them. */
export function leftoverMessage(leftovers: readonly Leftover[], flowFile: string, kinds: FlowKinds): string[] {
  const stackOf = (stackPath: readonly string[]) => (stackPath.length > 0 ? `[${stackPath.join('/')}]` : 'the root stack');
  const lines = [
    leftovers.length === 1
      ? 'this resource of the flow exists already under its name, so creating it would fail:'
      : 'these resources of the flow exist already under their names, so creating them would fail:',
  ];
  for (const { change, what, physicalName, movesFrom } of leftovers) {
    const stack = change.stackPath.length > 0 ? `[${change.stackPath.join('/')}] ` : '';
    const where = change.origin ? `  (${flowFile}:${change.origin.line})` : '';
    const move = movesFrom ? ` (it moves from ${stackOf(movesFrom)} to ${stackOf(change.stackPath)}: CloudFormation creates the new one before deleting the old)` : '';
    lines.push(`  ${stack}${subjectOf(change, kinds)}: ${what} ${physicalName}${move}${where}`);
  }
  const outside = leftovers.filter((leftover) => leftover.movesFrom === undefined);
  if (leftovers.length > outside.length) {
    lines.push(
      'a queue, table or stream cannot move to another nested stack in one deploy: stacks are filled in the order of the .flow file, ' +
        'so keep it where it was by declaring what is new after it',
    );
  }
  if (outside.length > 0) {
    lines.push(
      `${outside.length === leftovers.length ? 'they are' : 'the others are'} outside the stack: an earlier stack let go of them and AWS kept them (Retain) — a failed first deploy, a deleted stack, or a declaration removed and added back.`,
      'to keep what they hold, adopt them into the stack: deploy again with --import-existing (CloudFormation imports each one of that name instead of creating it; it must be declared with the default retain = true)',
      'to start empty instead, delete them, then deploy again:',
      ...outside.map((leftover) => `  ${leftover.deleteCommand}`),
    );
  }
  return lines;
}
