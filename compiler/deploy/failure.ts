import type { CloudFormationClient, StackEvent } from '@aws-sdk/client-cloudformation';
import type { Clock } from './clock.js';
import { eventsSince, firstFailure } from './events.js';
import { type FlowKinds, subjectOf } from './explain.js';
import { MAX_NESTING } from './nested.js';
import { type CfnTemplate, flowOrigin } from './template.js';

/** The resource that made an operation fail, found in the innermost stack that failed. */
export interface FailureCause {
  readonly stackPath: readonly string[];
  readonly event: StackEvent;
}

/**
 * The first failed resource; when it is a nested stack, the first failed resource inside it
 * (its events since the operation began), and so on down. CloudFormation reports a nested
 * stack's failure as "Embedded stack … was not successfully created", which names no cause.
 */
export async function findFailureCause(
  cloudformation: CloudFormationClient,
  events: readonly StackEvent[],
  stackId: string,
  clock: Clock,
): Promise<FailureCause | undefined> {
  const since = events[0]?.Timestamp?.getTime() ?? 0;
  let cause = firstFailure(events, stackId);
  const stackPath: string[] = [];
  while (cause && cause.ResourceType === 'AWS::CloudFormation::Stack' && cause.PhysicalResourceId && stackPath.length < MAX_NESTING) {
    const nestedId = cause.PhysicalResourceId;
    const nestedEvents = (await eventsSince(cloudformation, nestedId, undefined, clock)).filter((event) => (event.Timestamp?.getTime() ?? 0) >= since);
    const inner = firstFailure(nestedEvents, nestedId);
    if (!inner) break;
    stackPath.push(cause.LogicalResourceId ?? '?');
    cause = inner;
  }
  return cause ? { stackPath, event: cause } : undefined;
}

/** What a final rolled-back state means for the user. */
function meaningOf(status: string): string {
  switch (status) {
    case 'ROLLBACK_COMPLETE':
      return 'the stack was created and rolled back: it holds nothing, and the next deploy offers to delete it and create it again';
    case 'UPDATE_ROLLBACK_COMPLETE':
      return 'the stack is back to its previous version';
    case 'UPDATE_ROLLBACK_FAILED':
      return 'the rollback failed too: fix the resource below, then run `aws cloudformation continue-update-rollback --stack-name STACK` before deploying again';
    case 'ROLLBACK_FAILED':
      return 'the rollback failed too: fix the resource below, then delete the stack (`aws cloudformation delete-stack --stack-name STACK`) before deploying again';
    case 'IMPORT_ROLLBACK_FAILED':
      return 'the rollback of an import failed too: fix the resource below in the CloudFormation console before deploying again';
    default:
      return 'the stack was not updated as asked';
  }
}

/**
 * The failure as the user reads it: the failing resource, AWS's reason, and the .flow line
 * that resource comes from.
 *
 *   deploy of stack shop failed: UPDATE_ROLLBACK_COMPLETE (the stack is back to its previous version)
 *     ChargeFunction (AWS::Lambda::Function) UPDATE_FAILED: Resource handler returned message: …
 *     --> shop.flow:27:1: fn charge
 */
export function formatFailure(
  stackName: string,
  status: string,
  cause: FailureCause | undefined,
  templateAt: (stackPath: readonly string[]) => CfnTemplate | undefined,
  flowFile: string,
  kinds: FlowKinds = new Map(),
): string[] {
  const lines = [`deploy of stack ${stackName} failed: ${status} (${meaningOf(status).replaceAll('STACK', stackName)})`];
  if (!cause) return lines;
  const event = cause.event;
  const logicalId = event.LogicalResourceId ?? '?';
  const resourceType = event.ResourceType ?? 'unknown';
  const where = cause.stackPath.length > 0 ? ` in nested stack ${cause.stackPath.join('/')}` : '';
  lines.push(`  ${logicalId} (${resourceType})${where} ${event.ResourceStatus ?? 'FAILED'}: ${event.ResourceStatusReason ?? 'no reason given'}`);
  const origin = flowOrigin(templateAt(cause.stackPath)?.Resources?.[logicalId]);
  if (origin) lines.push(`  --> ${flowFile}:${origin.line}:${origin.column}: ${subjectOf({ logicalId, resourceType, origin }, kinds)}`);
  return lines;
}
