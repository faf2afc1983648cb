import {
  type CloudFormationClient,
  DescribeStackResourceCommand,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { awsCall } from './aws.js';
import type { Clock } from './clock.js';
import type { ResourceChange } from './explain.js';
import { deployedTemplate } from './stack.js';
import { flowOrigin, isRetained } from './template.js';

/** How deep nested stacks are followed; flowc nests one level, this only guards against a loop. */
export const MAX_NESTING = 8;

const NESTED_STACK = 'AWS::CloudFormation::Stack';

/**
 * Every resource of a stack, page by page. ListStackResources rather than
 * DescribeStackResources, which returns at most 100
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResources.html).
 */
export async function listStackResources(cloudformation: CloudFormationClient, stackId: string, clock: Clock): Promise<StackResourceSummary[]> {
  const resources: StackResourceSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall(
      'ListStackResources',
      () => cloudformation.send(new ListStackResourcesCommand({ StackName: stackId, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) })),
      clock,
    );
    resources.push(...(page.StackResourceSummaries ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return resources;
}

/** The stack id of the nested stack `logicalId` of `parentStackId` (its physical id), if it exists. */
export async function nestedStackId(cloudformation: CloudFormationClient, parentStackId: string, logicalId: string, clock: Clock): Promise<string | undefined> {
  const resource = await awsCall(
    'DescribeStackResource',
    () => cloudformation.send(new DescribeStackResourceCommand({ StackName: parentStackId, LogicalResourceId: logicalId })),
    clock,
  );
  return resource.StackResourceDetail?.PhysicalResourceId || undefined;
}

/** Resources a stack no longer holds. */
function isGone(status: string | undefined): boolean {
  return status === 'DELETE_COMPLETE' || status === 'DELETE_SKIPPED';
}

/**
 * What removing (or replacing) a deployed nested stack deletes: every resource in it, and in
 * the stacks nested in it, as deletions under `stackPath` (the removed stack's path), each with
 * its .flow origin and `Retain` policies from the template that stack runs. CloudFormation's
 * change set lists only the nested stack itself, so the replacement guard reads the rest here.
 */
export async function resourcesDeletedWith(
  cloudformation: CloudFormationClient,
  stackId: string,
  stackPath: readonly string[],
  clock: Clock,
): Promise<ResourceChange[]> {
  const changes: ResourceChange[] = [];
  const resources = await listStackResources(cloudformation, stackId, clock);
  const template = await deployedTemplate(cloudformation, stackId, clock);
  for (const summary of resources) {
    const logicalId = summary.LogicalResourceId;
    if (logicalId === undefined || isGone(summary.ResourceStatus)) continue;
    const resource = template.Resources?.[logicalId];
    const resourceType = summary.ResourceType ?? resource?.Type ?? 'unknown';
    changes.push({ stackPath, logicalId, resourceType, action: 'delete', origin: flowOrigin(resource), retained: isRetained(resource), properties: [] });
    if (resourceType === NESTED_STACK && summary.PhysicalResourceId && stackPath.length < MAX_NESTING) {
      changes.push(...(await resourcesDeletedWith(cloudformation, summary.PhysicalResourceId, [...stackPath, logicalId], clock)));
    }
  }
  return changes;
}
