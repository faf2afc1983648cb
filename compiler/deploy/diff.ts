import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Clock } from './clock.js';
import type { ChangeAction, ResourceChange } from './explain.js';
import { nestedStackId, resourcesDeletedWith } from './nested.js';
import { deployedTemplate, describeStack, isUncreated } from './stack.js';
import { type CfnResource, type CfnTemplate, flowOrigin, isRetained } from './template.js';

const ACTIONS: Partial<Record<ResourceImpact, ChangeAction>> = {
  [ResourceImpact.WILL_CREATE]: 'create',
  [ResourceImpact.WILL_UPDATE]: 'update',
  [ResourceImpact.WILL_REPLACE]: 'replace',
  [ResourceImpact.MAY_REPLACE]: 'may-replace',
  [ResourceImpact.WILL_DESTROY]: 'delete',
  [ResourceImpact.WILL_ORPHAN]: 'delete',
};

/**
 * What deploying `local` over `deployed` would do to each resource of one stack, as
 * @aws-cdk/cloudformation-diff predicts it from the resource specification (which property
 * changes replace a resource). `deployed` is undefined for a stack that does not exist yet.
 *
 * Two differences are not changes and are left out of the comparison: resource `Metadata`
 * (CloudFormation never updates a stack for metadata alone, and ours only holds .flow line
 * numbers), and nested stacks' `TemplateURL` (the deployed one is an S3 URL, the local one a
 * file; their contents are compared stack by stack instead).
 */
export function diffStack(deployed: CfnTemplate | undefined, local: CfnTemplate, stackPath: readonly string[] = []): ResourceChange[] {
  const diff = fullDiff(comparable(deployed ?? {}), comparable(local));
  const changes: ResourceChange[] = [];
  diff.resources.forEachDifference((logicalId, difference) => {
    const action = ACTIONS[difference.changeImpact];
    if (action === undefined) return;
    const before = deployed?.Resources?.[logicalId];
    const after = local.Resources?.[logicalId];
    const source = action === 'delete' ? before : after;
    changes.push({
      stackPath,
      logicalId,
      resourceType: (source ?? before ?? after)?.Type ?? 'unknown',
      action,
      origin: flowOrigin(source),
      retained: action === 'delete' ? isRetained(before) : isRetained(after) || isRetained(before),
      properties: action === 'create' || action === 'delete' ? [] : Object.keys(difference.propertyUpdates).sort(),
    });
  });
  return changes;
}

function comparable(template: CfnTemplate): CfnTemplate {
  const resources: Record<string, CfnResource> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const { Metadata: _metadata, ...rest } = resource;
    if (resource.Type === 'AWS::CloudFormation::Stack' && rest.Properties) {
      const { TemplateURL: _url, ...properties } = rest.Properties;
      rest.Properties = properties;
    }
    resources[logicalId] = rest as CfnResource;
  }
  return { ...template, Resources: resources };
}

/** The templates of a flow, as emitted: the root, and nested ones by their logical id in the root. */
export interface LocalTemplates {
  readonly root: CfnTemplate;
  readonly nested: ReadonlyMap<string, CfnTemplate>;
}

export interface StackComparison {
  /** Whether the stack exists; when it does not, every resource is a creation. */
  readonly exists: boolean;
  readonly changes: readonly ResourceChange[];
}

/**
 * Compares the local templates with what the stack runs now, nested stacks included. A
 * deployed nested stack the flow no longer has is a deletion of everything in it, at any depth,
 * read from the stack itself: the root template only says that the stack goes.
 */
export async function compareWithStack(
  cloudformation: CloudFormationClient,
  stackName: string,
  local: LocalTemplates,
  clock: Clock,
): Promise<StackComparison> {
  const stack = await describeStack(cloudformation, stackName, clock);
  const exists = stack !== undefined && !isUncreated(stack.status);
  const deployedRoot = exists ? await deployedTemplate(cloudformation, stack.stackId, clock) : undefined;
  const changes = diffStack(deployedRoot, local.root);
  for (const [logicalId, nested] of local.nested) {
    let deployedNested: CfnTemplate | undefined;
    if (exists && deployedRoot?.Resources?.[logicalId]?.Type === NESTED_STACK) {
      const nestedId = await nestedStackId(cloudformation, stack.stackId, logicalId, clock);
      if (nestedId) deployedNested = await deployedTemplate(cloudformation, nestedId, clock);
    }
    changes.push(...diffStack(deployedNested, nested, [logicalId]));
  }
  if (exists) {
    for (const [logicalId, resource] of Object.entries(deployedRoot?.Resources ?? {})) {
      if (resource.Type !== NESTED_STACK || local.nested.has(logicalId)) continue;
      const nestedId = await nestedStackId(cloudformation, stack.stackId, logicalId, clock);
      if (nestedId) changes.push(...(await resourcesDeletedWith(cloudformation, nestedId, [logicalId], clock)));
    }
  }
  return { exists, changes };
}

const NESTED_STACK = 'AWS::CloudFormation::Stack';
