import {
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetOutput,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { randomBytes } from 'node:crypto';
import { awsCall, describeAwsError } from './aws.js';
import { DeployError } from './errors.js';
import type { Clock } from './clock.js';
import type { ChangeAction, ResourceChange } from './explain.js';
import { retrying } from './retry.js';
import { busyMessage, busyStateIn } from './stack.js';
import { type CfnTemplate, flowOrigin, isRetained } from './template.js';

export interface ChangeSetRequest {
  readonly stackName: string;
  readonly changeSetName: string;
  /** CREATE for a stack that does not exist yet, UPDATE otherwise. */
  readonly type: 'CREATE' | 'UPDATE';
  /** The root template: inline when small enough, else the S3 URL it was uploaded to. */
  readonly template: { readonly body: string } | { readonly url: string };
  readonly parameters: ReadonlyMap<string, string>;
  readonly hasNestedStacks: boolean;
  /**
   * Adopt named resources that exist outside any stack instead of creating them
   * (`ImportExistingResources`, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/import-resources-automatically.html).
   */
  readonly importExisting?: boolean;
  /**
   * The app's `tags`: the stack's tags, which CloudFormation also propagates to the resources
   * it creates (the template sets them on each resource too). Sent only when the app has tags,
   * so that a deploy of an app without them leaves any tags the stack has as they are.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ChangeSetHandle {
  readonly id: string;
  readonly stackId: string;
  /** The name flowc gave it; also the token of its CreateChangeSet and ExecuteChangeSet requests. */
  readonly name: string;
}

/**
 * IAM capabilities because flowc creates each function's role (named when the flow names
 * things); AUTO_EXPAND because nested stacks are expanded as part of the change set.
 */
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

export async function createChangeSet(cloudformation: CloudFormationClient, request: ChangeSetRequest, clock: Clock): Promise<ChangeSetHandle> {
  const template = 'body' in request.template ? { TemplateBody: request.template.body } : { TemplateURL: request.template.url };
  let response;
  try {
    response = await retrying(clock, () =>
      cloudformation.send(
        new CreateChangeSetCommand({
          StackName: request.stackName,
          ChangeSetName: request.changeSetName,
          // The name is unique per deploy: a retried request is recognised, not a second change set.
          ClientToken: request.changeSetName,
          ChangeSetType: request.type,
          ...template,
          Parameters: [...request.parameters].map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
          Capabilities: [...CAPABILITIES],
          ...(request.hasNestedStacks ? { IncludeNestedStacks: true } : {}),
          ...(request.importExisting === true ? { ImportExistingResources: true } : {}),
          ...(request.tags !== undefined && Object.keys(request.tags).length > 0 ? { Tags: stackTags(request.tags) } : {}),
          Description: 'flowc deploy',
        }),
      ),
    );
  } catch (error) {
    const busy = busyStateIn(error);
    if (busy !== undefined) throw new DeployError(busyMessage(request.stackName, busy, 'during'));
    throw new DeployError(describeAwsError('CreateChangeSet', error));
  }
  if (!response.Id || !response.StackId) throw new DeployError('CreateChangeSet returned no change set id');
  return { id: response.Id, stackId: response.StackId, name: request.changeSetName };
}

/** `[{ Key, Value }]`, sorted by key. */
function stackTags(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.keys(tags)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((Key) => ({ Key, Value: tags[Key] as string }));
}

/** CloudFormation's two ways of saying a change set would change nothing. */
function isNoChange(reason: string | undefined): boolean {
  return /didn't contain changes|No updates are to be performed/.test(reason ?? '');
}

/**
 * Polls until the change set is ready to execute ('ready') or CloudFormation found nothing to
 * change ('empty'); any other failure is a DeployError with AWS's reason.
 */
export async function waitForChangeSet(cloudformation: CloudFormationClient, id: string, clock: Clock): Promise<'ready' | 'empty'> {
  for (;;) {
    const described = await describePage(cloudformation, id, undefined, clock);
    const status = described.Status ?? 'CREATE_PENDING';
    if (status === 'CREATE_COMPLETE') return 'ready';
    if (status === 'FAILED') {
      if (isNoChange(described.StatusReason)) return 'empty';
      throw new DeployError(`CloudFormation rejected the change set: ${described.StatusReason ?? 'no reason given'}`);
    }
    if (status.startsWith('DELETE')) throw new DeployError(`the change set was deleted while flowc waited for it (${status})`);
    await clock.sleep(clock.pollMs);
  }
}

function describePage(cloudformation: CloudFormationClient, id: string, nextToken: string | undefined, clock: Clock): Promise<DescribeChangeSetOutput> {
  return awsCall(
    'DescribeChangeSet',
    () => cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: id, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) })),
    clock,
  );
}

/** The changes of one stack's change set; nested stacks have their own. */
export interface StackChangeSet {
  readonly stackPath: readonly string[];
  readonly stackId: string;
  readonly changes: readonly Change[];
}

/** Every page of the change set, then the change sets of its nested stacks, depth first. */
export async function describeChangeSetTree(
  cloudformation: CloudFormationClient,
  id: string,
  clock: Clock,
  stackPath: readonly string[] = [],
): Promise<StackChangeSet[]> {
  const changes: Change[] = [];
  let stackId = '';
  let nextToken: string | undefined;
  do {
    const page = await describePage(cloudformation, id, nextToken, clock);
    stackId = page.StackId ?? stackId;
    changes.push(...(page.Changes ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  const tree: StackChangeSet[] = [{ stackPath, stackId, changes }];
  for (const change of changes) {
    const resource = change.ResourceChange;
    if (hasNestedChangeSet(change) && resource?.ChangeSetId && resource.LogicalResourceId) {
      tree.push(...(await describeChangeSetTree(cloudformation, resource.ChangeSetId, clock, [...stackPath, resource.LogicalResourceId])));
    }
  }
  return tree;
}

/**
 * A nested stack created or updated has a change set of its own, which says what happens
 * inside it. A nested stack removed has none that does: what it deletes is read from the
 * deployed stack instead (`nested.ts`).
 */
export function hasNestedChangeSet(change: Change): boolean {
  const resource = change.ResourceChange;
  return resource?.ResourceType === 'AWS::CloudFormation::Stack' && resource.ChangeSetId !== undefined && resource.Action !== 'Remove';
}

/** A nested stack whose resources all go when the change set runs: removed or replaced, with no change set of its own to say so. */
export function dropsNestedStack(change: Change): boolean {
  const resource = change.ResourceChange;
  if (resource?.ResourceType !== 'AWS::CloudFormation::Stack' || hasNestedChangeSet(change)) return false;
  const action = actionOf(change);
  return action === 'delete' || action === 'replace' || action === 'may-replace';
}

function actionOf(change: Change): ChangeAction | undefined {
  const resource = change.ResourceChange;
  switch (resource?.Action) {
    case 'Add':
      return 'create';
    case 'Remove':
      return 'delete';
    case 'Modify':
      if (resource.Replacement === 'True') return 'replace';
      if (resource.Replacement === 'Conditional') return 'may-replace';
      return 'update';
    case 'Dynamic':
      // CloudFormation decides only while deploying: assume the worst.
      return 'may-replace';
    case 'Import':
      return 'import';
    default:
      // SyncWithActual moves no data.
      return undefined;
  }
}

/**
 * The change set in the flow's words. `localTemplate` gives the templates being deployed
 * (origins of added and modified resources, their Retain policies), `deployedTemplate` the
 * ones being replaced (origins of removed resources), both by stack path.
 */
export function changesOf(
  tree: readonly StackChangeSet[],
  localTemplate: (stackPath: readonly string[]) => CfnTemplate | undefined,
  deployedTemplate: (stackPath: readonly string[]) => CfnTemplate | undefined,
): ResourceChange[] {
  const changes: ResourceChange[] = [];
  for (const stack of tree) {
    for (const change of stack.changes) {
      const resource = change.ResourceChange;
      const action = actionOf(change);
      if (!resource?.LogicalResourceId || action === undefined) continue;
      // A nested stack's own change is shown through the changes inside it.
      if (hasNestedChangeSet(change)) continue;
      const logicalId = resource.LogicalResourceId;
      const local = localTemplate(stack.stackPath)?.Resources?.[logicalId];
      const deployed = deployedTemplate(stack.stackPath)?.Resources?.[logicalId];
      const properties = new Set<string>();
      for (const detail of resource.Details ?? []) {
        if (detail.Target?.Attribute === 'Properties' && detail.Target.Name) properties.add(detail.Target.Name);
      }
      changes.push({
        stackPath: stack.stackPath,
        logicalId,
        resourceType: resource.ResourceType ?? 'unknown',
        action,
        origin: flowOrigin(action === 'delete' ? deployed : (local ?? deployed)),
        retained: action === 'delete' ? isRetained(deployed) : isRetained(local) || isRetained(deployed),
        properties: action === 'update' || action === 'replace' || action === 'may-replace' ? [...properties].sort() : [],
      });
    }
  }
  return changes;
}

/**
 * Executes the change set. `RetainExceptOnCreate`: should it fail and roll back, what it
 * created goes too, even a queue, table or stream with `DeletionPolicy: Retain` — new, so it
 * holds nothing yet — instead of staying behind outside the stack under the name the next
 * deploy needs (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html).
 */
export async function executeChangeSet(cloudformation: CloudFormationClient, handle: ChangeSetHandle, stackName: string, clock: Clock): Promise<void> {
  try {
    await retrying(clock, () =>
      cloudformation.send(
        new ExecuteChangeSetCommand({
          ChangeSetName: handle.id,
          StackName: handle.stackId,
          ClientRequestToken: handle.name,
          RetainExceptOnCreate: true,
        }),
      ),
    );
  } catch (error) {
    const busy = busyStateIn(error);
    if (busy !== undefined) throw new DeployError(busyMessage(stackName, busy, 'during'));
    if (isObsolete(error)) {
      throw new DeployError(
        `stack ${stackName} changed after flowc made the change set (another deploy or update went through in between), so CloudFormation will not run it; ` +
          'deploy again to see the changes against the stack as it is now',
      );
    }
    throw new DeployError(describeAwsError('ExecuteChangeSet', error));
  }
}

/** "ChangeSet [...] cannot be executed in its current status of [OBSOLETE]" */
function isObsolete(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'InvalidChangeSetStatusException' || name === 'InvalidChangeSetStatus' || /OBSOLETE/.test(message ?? '');
}

export async function deleteChangeSet(cloudformation: CloudFormationClient, handle: ChangeSetHandle, clock: Clock): Promise<void> {
  await awsCall('DeleteChangeSet', () => cloudformation.send(new DeleteChangeSetCommand({ ChangeSetName: handle.id, StackName: handle.stackId })), clock);
}

/** Change set names: `[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html). */
export const CHANGE_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/**
 * `flowc-20261129-120000-1a2b3c4d`: sortable by time, and unique — two deploys in the same
 * second, from two terminals or two CI jobs, differ in the 32 random bits at the end.
 */
export function changeSetName(now: Date, suffix: string = randomBytes(4).toString('hex')): string {
  const iso = now.toISOString();
  return `flowc-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${suffix}`;
}
