import { CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { eventsSince, firstFailure, followStackEvents } from '../../compiler/deploy/events.js';
import { instantClock, STACK_ID, stackEvent } from './helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const client = new CloudFormationClient({ region: 'eu-west-1' });

beforeEach(() => cloudformation.reset());

const ids = (events: readonly StackEvent[]) => events.map((event) => `${event.LogicalResourceId}:${event.ResourceStatus}`);

describe('stack events', () => {
  test('pages are read newest first until the last event seen, and handed out oldest first', async () => {
    const seen = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    const a = stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS');
    const b = stackEvent(2, 'JobsQueue', 'UPDATE_IN_PROGRESS');
    const c = stackEvent(3, 'JobsQueue', 'UPDATE_COMPLETE');
    const older = stackEvent(-5, 'shop', 'CREATE_COMPLETE');
    cloudformation.on(DescribeStackEventsCommand, { StackName: STACK_ID }).resolves({ StackEvents: [c, b], NextToken: 'page-2' });
    cloudformation.on(DescribeStackEventsCommand, { StackName: STACK_ID, NextToken: 'page-2' }).resolves({ StackEvents: [a, seen, older] });
    expect(ids(await eventsSince(client, STACK_ID, seen.EventId, instantClock()))).toEqual([
      'shop:UPDATE_IN_PROGRESS',
      'JobsQueue:UPDATE_IN_PROGRESS',
      'JobsQueue:UPDATE_COMPLETE',
    ]);
  });

  test('following prints each event once, in order, across polls, until the stack is final', async () => {
    const seen = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    const e1 = stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS');
    const e2 = stackEvent(2, 'JobsQueue', 'UPDATE_IN_PROGRESS');
    const e3 = stackEvent(3, 'JobsQueue', 'UPDATE_COMPLETE');
    const e4 = stackEvent(4, 'shop', 'UPDATE_COMPLETE');
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [e1, seen] })
      .resolvesOnce({ StackEvents: [e1, seen] })
      .resolvesOnce({ StackEvents: [e3, e2, e1, seen] })
      .resolves({ StackEvents: [e4, e3, e2, e1, seen] });
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
    const printed: StackEvent[] = [];
    const clock = instantClock();
    const { final, events } = await followStackEvents(client, STACK_ID, seen.EventId, clock, (event) => printed.push(event));
    expect(ids(printed)).toEqual(['shop:UPDATE_IN_PROGRESS', 'JobsQueue:UPDATE_IN_PROGRESS', 'JobsQueue:UPDATE_COMPLETE', 'shop:UPDATE_COMPLETE']);
    expect(events).toEqual(printed);
    expect(final.status).toBe('UPDATE_COMPLETE');
    expect(clock.sleeps).toBe(3);
  });

  test('a final-looking stack event is checked with DescribeStacks; following goes on while the stack is still busy', async () => {
    const seen = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    const failed = stackEvent(1, 'shop', 'UPDATE_FAILED');
    const rolling = stackEvent(2, 'shop', 'UPDATE_ROLLBACK_IN_PROGRESS');
    const done = stackEvent(3, 'shop', 'UPDATE_ROLLBACK_COMPLETE');
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce({ StackEvents: [failed, seen] })
      .resolves({ StackEvents: [done, rolling, failed, seen] });
    cloudformation
      .on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', CreationTime: new Date() }] })
      .resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_ROLLBACK_COMPLETE', CreationTime: new Date() }] });
    const printed: StackEvent[] = [];
    const { final } = await followStackEvents(client, STACK_ID, seen.EventId, instantClock(), (event) => printed.push(event));
    expect(final.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(ids(printed)).toEqual(['shop:UPDATE_FAILED', 'shop:UPDATE_ROLLBACK_IN_PROGRESS', 'shop:UPDATE_ROLLBACK_COMPLETE']);
  });

  test('the first failure is the cause; "cancelled" failures and the stack itself are not', () => {
    const events = [
      stackEvent(1, 'JobsQueue', 'CREATE_FAILED', { ResourceStatusReason: 'Resource creation cancelled' }),
      stackEvent(2, 'WorkFunction', 'CREATE_FAILED', { ResourceStatusReason: 'Role is invalid' }),
      stackEvent(3, 'OtherFunction', 'CREATE_FAILED', { ResourceStatusReason: 'later' }),
      stackEvent(4, 'shop', 'ROLLBACK_FAILED', { ResourceStatusReason: 'stack' }),
    ];
    expect(firstFailure(events, STACK_ID)?.LogicalResourceId).toBe('WorkFunction');
    expect(firstFailure(events.slice(0, 1), STACK_ID)?.LogicalResourceId).toBe('JobsQueue');
    expect(firstFailure(events.slice(3), STACK_ID)).toBeUndefined();
  });
});
