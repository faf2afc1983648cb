import {
  type CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { awsCall, describeAwsError } from './aws.js';
import { DeployError } from './errors.js';
import type { Clock } from './clock.js';
import { type CfnTemplate, parseTemplate } from './template.js';

/** A stack as deploy needs it; undefined when no stack has the name. */
export interface StackState {
  readonly stackId: string;
  readonly status: string;
  readonly parameters: ReadonlyMap<string, string>;
  readonly outputs: readonly { key: string; value: string }[];
}

function isMissingStack(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'ValidationError' && /does not exist/.test(message ?? '');
}

/** DescribeStacks by name or id; a stack that does not exist is `undefined`, not an error. */
export async function describeStack(cloudformation: CloudFormationClient, stack: string): Promise<StackState | undefined> {
  let found: Stack | undefined;
  try {
    const response = await cloudformation.send(new DescribeStacksCommand({ StackName: stack }));
    found = response.Stacks?.[0];
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw new DeployError(describeAwsError('DescribeStacks', error));
  }
  if (!found?.StackId || !found.StackStatus) return undefined;
  return {
    stackId: found.StackId,
    status: found.StackStatus,
    parameters: new Map((found.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
    outputs: (found.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? '', value: o.OutputValue ?? '' })),
  };
}

export function isInProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}

/** A stack that only exists to hold a change set that was never executed: create it again. */
export function isUncreated(status: string): boolean {
  return status === 'REVIEW_IN_PROGRESS';
}

/** Final states in which the operation did what was asked. */
export function isSuccessful(status: string): boolean {
  return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE';
}

/** States no change set can be made from; the message says what to do. */
export function unusableStateMessage(stackName: string, status: string): string | undefined {
  if (status === 'REVIEW_IN_PROGRESS' || status === 'ROLLBACK_COMPLETE') return undefined;
  if (isInProgress(status)) return `stack ${stackName} is busy (${status}); wait until it finishes, then deploy again`;
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    return `stack ${stackName} is ${status}: fix what blocked the rollback, then run \`aws cloudformation continue-update-rollback --stack-name ${stackName}\``;
  }
  if (status === 'ROLLBACK_FAILED' || status === 'DELETE_FAILED') {
    return `stack ${stackName} is ${status}: delete it (\`aws cloudformation delete-stack --stack-name ${stackName}\`) after fixing what blocked it`;
  }
  return undefined;
}

/**
 * Deletes a stack whose first deploy failed and rolled back (ROLLBACK_COMPLETE): CloudFormation
 * cannot update such a stack, and it holds nothing, since every resource was rolled back.
 */
export async function deleteRolledBackStack(cloudformation: CloudFormationClient, stack: StackState, clock: Clock): Promise<void> {
  await awsCall('DeleteStack', () => cloudformation.send(new DeleteStackCommand({ StackName: stack.stackId })));
  for (;;) {
    await clock.sleep(clock.pollMs);
    const state = await describeStack(cloudformation, stack.stackId);
    if (state === undefined || state.status === 'DELETE_COMPLETE') return;
    if (state.status === 'DELETE_FAILED') {
      throw new DeployError(`could not delete the rolled-back stack ${stack.stackId}: DELETE_FAILED; delete it in the console and deploy again`);
    }
  }
}

/** The template the stack was last deployed with, as written (`Original`). */
export async function deployedTemplate(cloudformation: CloudFormationClient, stack: string): Promise<CfnTemplate> {
  const response = await awsCall('GetTemplate', () =>
    cloudformation.send(new GetTemplateCommand({ StackName: stack, TemplateStage: 'Original' })),
  );
  return parseTemplate(response.TemplateBody ?? '{}', `the template of stack ${stack}`);
}
