import { schedulerRole, schedulerTrust } from '../../../../runtime/aws/iam.js';
import { scheduler } from '../../../../runtime/aws/limits.js';
import type { JsonValue, ScheduleSpec, ScheduleTargetEdge } from '../../../../runtime/manifest/schema.js';
import { rateExpression } from '../../../../runtime/schedule/rate.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { declarationId } from '../logical-id.js';
import { getAtt, type TemplateValue } from '../template.js';
import { type Grant, policyStatements } from './iam.js';

/**
 * A schedule: `AWS::Scheduler::Schedule` with its one target, and a role of its own that
 * Scheduler assumes to call that target (and to send to the dead-letter queue), nothing else
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-scheduler-schedule.html).
 * A schedule without a target creates nothing: Scheduler refuses a schedule without one.
 *
 * The target and the role name their resources by ARNs spelled from physical names (names.ts),
 * so the schedule depends only on its role (CloudFormation may create it before its target),
 * and a function that a schedule invokes needs no Lambda permission: Scheduler calls with the
 * role, not as a service principal.
 */
/** The queue's `group` field of the constant input when it is a string there (what a producer would send), else the schedule's name. */
function messageGroupOf(schedule: ScheduleSpec, groupBy: readonly string[] | null): string {
  let value: JsonValue | undefined = schedule.input ?? undefined;
  for (const segment of groupBy ?? []) value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Readonly<Record<string, JsonValue>>)[segment] : undefined;
  return groupBy !== null && typeof value === 'string' && value !== '' ? value : schedule.name;
}

export function scheduleResources(context: EmitContext, schedule: ScheduleSpec): NamedResource[] {
  const edge = context.edgesFrom(schedule.name).find((e): e is ScheduleTargetEdge => e.kind === 'schedule-target');
  if (edge === undefined) return [];
  const roleId = declarationId(schedule.name, 'ScheduleRole');
  const targetArn = context.arn(edge.targetKind, edge.target);
  const grants: Grant[] = [{ actions: schedulerRole.target[edge.targetKind].actions, arn: targetArn }];
  if (schedule.deadLetterQueue !== null) grants.push({ actions: schedulerRole.deadLetterQueue.actions, arn: context.arn('queue', schedule.deadLetterQueue) });
  const roleProperties: Record<string, TemplateValue> = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: schedulerTrust.service }, Action: schedulerTrust.action, Condition: { StringEquals: { [schedulerTrust.conditionKey]: { Ref: 'AWS::AccountId' } } } }],
    },
    Policies: [{ PolicyName: 'flowc', PolicyDocument: { Version: '2012-10-17', Statement: policyStatements(grants) } }],
  };
  const { path, permissionsBoundary } = context.manifest.roles;
  if (path !== null) roleProperties.Path = path;
  if (permissionsBoundary !== null) roleProperties.PermissionsBoundary = permissionsBoundary;

  const target: Record<string, TemplateValue> = {
    Arn: targetArn,
    RoleArn: getAtt(roleId, 'Arn'),
    // A string, never an intrinsic: the user's constant is JSON text to Scheduler.
    Input: JSON.stringify(schedule.input ?? scheduler.contextAttributes),
    RetryPolicy: { MaximumRetryAttempts: schedule.retryAttempts, MaximumEventAgeInSeconds: schedule.maximumEventAgeSeconds },
  };
  if (schedule.deadLetterQueue !== null) target.DeadLetterConfig = { Arn: context.arn('queue', schedule.deadLetterQueue) };
  if (edge.targetKind === 'bus') target.EventBridgeParameters = { Source: context.manifest.app, DetailType: schedule.name };
  if (edge.targetKind === 'queue' && context.queue(edge.target).fifo) target.SqsParameters = { MessageGroupId: messageGroupOf(schedule, context.queue(edge.target).fifoSettings?.groupBy ?? null) };

  const properties: Record<string, TemplateValue> = {
    Name: context.physical('schedule', schedule.name),
    ScheduleExpression: schedule.expression.kind === 'rate' ? rateExpression(schedule.expression.minutes) : `cron(${schedule.expression.fields})`,
    ...(schedule.timezone !== null ? { ScheduleExpressionTimezone: schedule.timezone } : {}),
    FlexibleTimeWindow: schedule.flexibleWindowMinutes === null ? { Mode: 'OFF' } : { Mode: 'FLEXIBLE', MaximumWindowInMinutes: schedule.flexibleWindowMinutes },
    State: schedule.state,
    Target: target,
  };
  return [
    [roleId, resource('AWS::IAM::Role', roleProperties, schedule.name, schedule.origin)],
    // No DependsOn on the target: it would glue the function into the schedule's nested stack.
    // A delivery that reaches no target yet (a rate's first, at creation) is retried by the RetryPolicy.
    [declarationId(schedule.name, 'Schedule'), resource('AWS::Scheduler::Schedule', properties, schedule.name, schedule.origin)],
  ];
}
