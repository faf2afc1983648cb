import { type CloudFormationClient, DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { awsCall } from './aws.js';
import type { Clock } from './clock.js';
import { DeployError } from './errors.js';
import { describeStack, isInProgress, type StackState } from './stack.js';

/** The id of the stack's newest event: the events after it belong to the next operation. */
export async function newestEventId(cloudformation: CloudFormationClient, stackId: string, clock: Clock): Promise<string | undefined> {
  const page = await awsCall('DescribeStackEvents', () => cloudformation.send(new DescribeStackEventsCommand({ StackName: stackId })), clock);
  return page.StackEvents?.[0]?.EventId;
}

/**
 * The events newer than `afterEventId`, oldest first. CloudFormation lists events newest
 * first, a page at a time: read pages until the last event already seen.
 */
export async function eventsSince(
  cloudformation: CloudFormationClient,
  stackId: string,
  afterEventId: string | undefined,
  clock: Clock,
): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall(
      'DescribeStackEvents',
      () => cloudformation.send(new DescribeStackEventsCommand({ StackName: stackId, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) })),
      clock,
    );
    for (const event of page.StackEvents ?? []) {
      if (afterEventId !== undefined && event.EventId === afterEventId) return fresh.reverse();
      fresh.push(event);
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return fresh.reverse();
}

/** An event of the stack itself (not of one of its resources) in a final state. */
function endsOperation(event: StackEvent, stackId: string): boolean {
  return (
    event.PhysicalResourceId === stackId &&
    event.ResourceType === 'AWS::CloudFormation::Stack' &&
    event.ResourceStatus !== undefined &&
    !isInProgress(event.ResourceStatus)
  );
}

/**
 * Follows the stack's events from `afterEventId`, handing each to `onEvent` in the order they
 * happened, until the stack reaches a final state; returns that state and every event seen.
 * A final-looking event of the stack is confirmed with DescribeStacks before stopping.
 * Throttled and failed polls are retried (`awsCall`); when AWS stays unreachable, the error says
 * that the stack operation goes on without flowc watching it.
 */
export async function followStackEvents(
  cloudformation: CloudFormationClient,
  stackId: string,
  afterEventId: string | undefined,
  clock: Clock,
  onEvent: (event: StackEvent) => void,
  stackName: string = stackId,
): Promise<{ final: StackState; events: StackEvent[] }> {
  try {
    return await follow(cloudformation, stackId, afterEventId, clock, onEvent);
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    throw new DeployError(
      `lost track of stack ${stackName}: ${error.message}. The stack operation goes on in CloudFormation: ` +
        `follow it with \`aws cloudformation describe-stack-events --stack-name ${stackName}\` or in the console`,
    );
  }
}

async function follow(
  cloudformation: CloudFormationClient,
  stackId: string,
  afterEventId: string | undefined,
  clock: Clock,
  onEvent: (event: StackEvent) => void,
): Promise<{ final: StackState; events: StackEvent[] }> {
  const seen: StackEvent[] = [];
  let last = afterEventId;
  for (;;) {
    const fresh = await eventsSince(cloudformation, stackId, last, clock);
    for (const event of fresh) {
      onEvent(event);
      seen.push(event);
    }
    last = fresh.at(-1)?.EventId ?? last;
    if (fresh.some((event) => endsOperation(event, stackId))) {
      const state = await describeStack(cloudformation, stackId, clock);
      if (state && !isInProgress(state.status)) return { final: state, events: seen };
    }
    await clock.sleep(clock.pollMs);
  }
}

/** Statuses that end a resource's part of the operation successfully (progress counts these). */
export function completesResource(status: string | undefined): boolean {
  return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'DELETE_COMPLETE' || status === 'DELETE_SKIPPED';
}

/**
 * The failure that caused the rollback: the first resource that failed, skipping the
 * "cancelled" failures CloudFormation reports for everything it stopped because of it.
 */
export function firstFailure(events: readonly StackEvent[], stackId: string): StackEvent | undefined {
  const failures = events.filter((event) => event.ResourceStatus?.endsWith('_FAILED') && event.PhysicalResourceId !== stackId);
  return failures.find((event) => !/cancelled/i.test(event.ResourceStatusReason ?? '')) ?? failures[0];
}
