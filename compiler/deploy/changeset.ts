import {
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetOutput,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { awsCall } from './aws.js';
import { DeployError } from './errors.js';
import type { Clock } from './clock.js';
import type { ChangeAction, ResourceChange } from './explain.js';
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
}

export interface ChangeSetHandle {
  readonly id: string;
  readonly stackId: string;
}

/**
 * IAM capabilities because flowc creates each function's role (named when the flow names
 * things); AUTO_EXPAND because nested stacks are expanded as part of the change set.
 */
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

export async function createChangeSet(cloudformation: CloudFormationClient, request: ChangeSetRequest): Promise<ChangeSetHandle> {
  const template = 'body' in request.template ? { TemplateBody: request.template.body } : { TemplateURL: request.template.url };
  const response = await awsCall('CreateChangeSet', () =>
    cloudformation.send(
      new CreateChangeSetCommand({
        StackName: request.stackName,
        ChangeSetName: request.changeSetName,
        ChangeSetType: request.type,
        ...template,
        Parameters: [...request.parameters].map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
        Capabilities: [...CAPABILITIES],
        ...(request.hasNestedStacks ? { IncludeNestedStacks: true } : {}),
        Description: 'flowc deploy',
      }),
    ),
  );
  if (!response.Id || !response.StackId) throw new DeployError('CreateChangeSet returned no change set id');
  return { id: response.Id, stackId: response.StackId };
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
    const described = await describePage(cloudformation, id, undefined);
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

function describePage(cloudformation: CloudFormationClient, id: string, nextToken: string | undefined): Promise<DescribeChangeSetOutput> {
  return awsCall('DescribeChangeSet', () =>
    cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: id, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) })),
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
  stackPath: readonly string[] = [],
): Promise<StackChangeSet[]> {
  const changes: Change[] = [];
  let stackId = '';
  let nextToken: string | undefined;
  do {
    const page = await describePage(cloudformation, id, nextToken);
    stackId = page.StackId ?? stackId;
    changes.push(...(page.Changes ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  const tree: StackChangeSet[] = [{ stackPath, stackId, changes }];
  for (const change of changes) {
    const resource = change.ResourceChange;
    if (resource?.ResourceType === 'AWS::CloudFormation::Stack' && resource.ChangeSetId && resource.LogicalResourceId) {
      tree.push(...(await describeChangeSetTree(cloudformation, resource.ChangeSetId, [...stackPath, resource.LogicalResourceId])));
    }
  }
  return tree;
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
    default:
      // Import and SyncWithActual move no data.
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
      if (resource.ResourceType === 'AWS::CloudFormation::Stack' && resource.ChangeSetId) continue;
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

export async function executeChangeSet(cloudformation: CloudFormationClient, handle: ChangeSetHandle): Promise<void> {
  await awsCall('ExecuteChangeSet', () =>
    cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: handle.id, StackName: handle.stackId })),
  );
}

export async function deleteChangeSet(cloudformation: CloudFormationClient, handle: ChangeSetHandle): Promise<void> {
  await awsCall('DeleteChangeSet', () =>
    cloudformation.send(new DeleteChangeSetCommand({ ChangeSetName: handle.id, StackName: handle.stackId })),
  );
}

/** `flowc-20261129-120000`: sortable, and valid as a change set name (`[a-zA-Z][-a-zA-Z0-9]*`). */
export function changeSetName(now: Date): string {
  const iso = now.toISOString();
  return `flowc-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
