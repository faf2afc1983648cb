import {
  type CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { awsCall, describeAwsError } from './aws.js';
import type { Clock } from './clock.js';
import { DeployError } from './errors.js';
import { retrying } from './retry.js';
import { type CfnTemplate, parseTemplate } from './template.js';

/** A stack as deploy needs it; undefined when no stack has the name. */
export interface StackState {
  readonly stackId: string;
  readonly status: string;
  readonly parameters: ReadonlyMap<string, string>;
  readonly outputs: readonly { key: string; value: string }[];
  /** `EnableTerminationProtection`: CloudFormation refuses to delete the stack. */
  readonly terminationProtection: boolean;
}

function isMissingStack(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'ValidationError' && /does not exist/.test(message ?? '');
}

/** DescribeStacks by name or id; a stack that does not exist is `undefined`, not an error. */
export async function describeStack(cloudformation: CloudFormationClient, stack: string, clock: Clock): Promise<StackState | undefined> {
  let found: Stack | undefined;
  try {
    const response = await retrying(clock, () => cloudformation.send(new DescribeStacksCommand({ StackName: stack })));
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
    terminationProtection: found.EnableTerminationProtection === true,
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

/** How to see what a stack is doing, for messages. */
function watchCommand(stackName: string): string {
  return `\`aws cloudformation describe-stack-events --stack-name ${stackName}\``;
}

/** A stack another operation is changing: nothing flowc does can go through until it ends. */
export function busyMessage(stackName: string, status: string, when: 'before' | 'during'): string {
  const started = when === 'before' ? 'another operation is changing it' : 'another operation started changing it while flowc prepared this deploy';
  return (
    `stack ${stackName} is busy: ${started} (${status}), not this deploy; ` +
    `wait until it ends (follow it with ${watchCommand(stackName)} or in the CloudFormation console), then deploy again`
  );
}

/**
 * CloudFormation's answer to a change set created or executed while another operation runs:
 * "Stack:arn:… is in UPDATE_IN_PROGRESS state and can not be updated." Returns that state.
 */
export function busyStateIn(error: unknown): string | undefined {
  const { name, message } = error as { name?: string; message?: string };
  if (name !== 'ValidationError') return undefined;
  return /is in ([A-Z_]+_IN_PROGRESS) state and can ?not be updated/.exec(message ?? '')?.[1];
}

/** States no change set can be made from; the message says what to do. */
export function unusableStateMessage(stackName: string, status: string): string | undefined {
  if (status === 'REVIEW_IN_PROGRESS' || status === 'ROLLBACK_COMPLETE') return undefined;
  if (isInProgress(status)) return busyMessage(stackName, status, 'before');
  switch (status) {
    case 'UPDATE_ROLLBACK_FAILED':
      return (
        `stack ${stackName} is UPDATE_ROLLBACK_FAILED: an update failed, and so did its rollback, so CloudFormation takes no change until the rollback is finished. ` +
        `Find the resource that blocked it in the stack's events (${watchCommand(stackName)}), fix it, then run ` +
        `\`aws cloudformation continue-update-rollback --stack-name ${stackName}\` (with \`--resources-to-skip LOGICAL_ID\` for a resource that cannot be rolled back), and deploy again`
      );
    case 'IMPORT_ROLLBACK_FAILED':
      return (
        `stack ${stackName} is IMPORT_ROLLBACK_FAILED: a resource import failed, and so did its rollback. ` +
        `Find the resource that blocked it in the stack's events (${watchCommand(stackName)}) and fix it in the CloudFormation console; ` +
        `deploy again once the stack is back in a *_COMPLETE state`
      );
    case 'ROLLBACK_FAILED':
      return (
        `stack ${stackName} is ROLLBACK_FAILED: its first deploy failed, and CloudFormation could not delete what it had created. ` +
        `Fix what blocked it (see ${watchCommand(stackName)}), delete the stack (\`aws cloudformation delete-stack --stack-name ${stackName}\`), and deploy again`
      );
    case 'DELETE_FAILED':
      return (
        `stack ${stackName} is DELETE_FAILED: a deletion could not remove every resource. ` +
        `Fix what blocked it (see ${watchCommand(stackName)}), or keep those resources with \`aws cloudformation delete-stack --stack-name ${stackName} --retain-resources LOGICAL_ID…\`, then deploy again`
      );
    default:
      return undefined;
  }
}

/** What to do about termination protection before a stack can be deleted. */
export function terminationProtectionMessage(stackName: string, status: string): string {
  return (
    `stack ${stackName} is ${status} and must be deleted before it can be created again, but it has termination protection. ` +
    `If it is the stack you mean, turn the protection off (\`aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ${stackName}\`), then deploy again`
  );
}

function isTerminationProtected(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'ValidationError' && /TerminationProtection/i.test(message ?? '');
}

/**
 * Deletes a stack whose first deploy failed and rolled back (ROLLBACK_COMPLETE), and waits
 * until it is gone. CloudFormation cannot update such a stack, and it holds nothing: every
 * resource was deleted, or kept outside it by `Retain`.
 */
export async function deleteRolledBackStack(cloudformation: CloudFormationClient, stackName: string, stack: StackState, clock: Clock): Promise<void> {
  // Retried with the same token, a DeleteStack that already went through is not a second one.
  const token = `flowc-delete-${stack.stackId.split('/').at(-1) ?? 'stack'}`.replace(/[^-a-zA-Z0-9]/g, '-').slice(0, 128);
  try {
    await retrying(clock, () => cloudformation.send(new DeleteStackCommand({ StackName: stack.stackId, ClientRequestToken: token })));
  } catch (error) {
    if (isTerminationProtected(error)) throw new DeployError(terminationProtectionMessage(stackName, stack.status));
    throw new DeployError(describeAwsError('DeleteStack', error));
  }
  for (;;) {
    await clock.sleep(clock.pollMs);
    const state = await describeStack(cloudformation, stack.stackId, clock);
    if (state === undefined || state.status === 'DELETE_COMPLETE') return;
    if (state.status === 'DELETE_FAILED') {
      throw new DeployError(
        `could not delete the rolled-back stack ${stackName}: DELETE_FAILED; see ${watchCommand(stackName)}, delete it in the console, and deploy again`,
      );
    }
  }
}

/** The template the stack was last deployed with, as written (`Original`). */
export async function deployedTemplate(cloudformation: CloudFormationClient, stack: string, clock: Clock): Promise<CfnTemplate> {
  const response = await awsCall(
    'GetTemplate',
    () => cloudformation.send(new GetTemplateCommand({ StackName: stack, TemplateStage: 'Original' })),
    clock,
  );
  return parseTemplate(response.TemplateBody ?? '{}', `the template of stack ${stack}`);
}
