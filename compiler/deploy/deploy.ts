import { DeleteStackCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { sha256Hex } from './assets.js';
import { accountId, type AwsClients, awsCall, s3ObjectUrl } from './aws.js';
import { DeployError } from './errors.js';
import {
  type ChangeSetHandle,
  changeSetName,
  changesOf,
  createChangeSet,
  deleteChangeSet,
  describeChangeSetTree,
  dropsNestedStack,
  executeChangeSet,
  waitForChangeSet,
} from './changeset.js';
import type { Clock } from './clock.js';
import { completesResource, followStackEvents, newestEventId } from './events.js';
import { existingNotes, type FlowKinds, flowKinds, formatChanges, guardMessage, isGuarded, type ResourceChange, subjectOf } from './explain.js';
import { findFailureCause, formatFailure } from './failure.js';
import { findLeftovers, leftoverMessage } from './leftovers.js';
import { nestedStackId, resourcesDeletedWith } from './nested.js';
import type { PackagedApp } from './package.js';
import {
  deleteRolledBackStack,
  deployedTemplate,
  describeStack,
  isSuccessful,
  isUncreated,
  terminationProtectionMessage,
  unusableStateMessage,
} from './stack.js';
import { ASSETS_BUCKET_PARAMETER, type CfnTemplate, flowOrigin, withValues } from './template.js';
import { uploadMissing, type UploadObject } from './upload.js';
import type { OnProgress } from './work-progress.js';

export interface DeployOptions {
  readonly stackName: string;
  /** The S3 bucket for code and nested templates; else the one the stack was last deployed with. */
  readonly bucket?: string;
  /** Execute without asking. */
  readonly yes: boolean;
  /** Go ahead even when a queue, table or stream would be replaced or deleted. */
  readonly allowReplace: boolean;
  /** Adopt queues, tables and streams that exist outside the stack under the flow's names, instead of failing to create them. */
  readonly importExisting?: boolean;
  /** The .flow file as shown in messages. */
  readonly flowFile: string;
}

/** How deploy talks to the user. `confirm` is absent when there is no terminal to ask on. */
export interface DeployUi {
  info(line: string): void;
  error(line: string): void;
  confirm?: (question: string) => Promise<boolean>;
  /** Told as handlers are bundled and objects uploaded (a progress line on a terminal). */
  progress?: OnProgress;
}

export type DeployOutcome = 'deployed' | 'unchanged' | 'declined' | 'refused' | 'failed';

/** CloudFormation takes a template inline up to 51,200 bytes; larger ones are read from S3. */
const MAX_INLINE_TEMPLATE_BYTES = 51_200;

/**
 * Deploys a packaged flow to a stack through a change set: uploads what the bucket lacks,
 * creates and shows the change set, refuses data loss unless allowed (and creates that would
 * fail on a name taken outside the stack), asks (unless --yes), executes, and follows the
 * stack's events to a final state.
 */
export async function deployApp(
  packaged: PackagedApp,
  clients: AwsClients,
  options: DeployOptions,
  ui: DeployUi,
  clock: Clock,
): Promise<DeployOutcome> {
  const { cloudformation } = clients;
  const { stackName } = options;
  const kinds = flowKinds(packaged.manifest);
  const region = await clients.region();
  const prepared = await prepareStack(packaged, clients, options, region, ui, clock);
  if (prepared === 'declined') return 'declined';
  const { type, bucket } = prepared;
  const rootText = packaged.templates.get(packaged.rootFile) as string;
  const { template, parameters } =
    bucket === undefined ? { template: { body: rootText }, parameters: packaged.parameters } : await uploadAll(packaged, clients, bucket, region, ui, clock);

  const handle = await createChangeSet(
    cloudformation,
    {
      stackName,
      changeSetName: changeSetName(clock.now()),
      type,
      template,
      parameters,
      hasNestedStacks: packaged.nestedFiles.size > 0,
      importExisting: options.importExisting === true,
      ...(packaged.manifest.tags !== undefined && { tags: packaged.manifest.tags }),
    },
    clock,
  );
  ui.info(`${type === 'CREATE' ? 'creating' : 'updating'} stack ${stackName} in ${region}: waiting for the change set...`);
  if ((await waitForChangeSet(cloudformation, handle.id, clock)) === 'empty') {
    await deleteChangeSet(cloudformation, handle, clock);
    ui.info(`stack ${stackName} is up to date: nothing to deploy`);
    return 'unchanged';
  }

  const { changes, rootChangeCount } = await reviewChangeSet(packaged, clients, handle, type, clock);
  ui.info(`changes (change set ${handle.id.split('/')[1] ?? handle.id}):`);
  for (const line of formatChanges(changes, options.flowFile, kinds)) ui.info(line);
  for (const line of existingNotes(packaged.manifest, options.flowFile)) ui.info(line);
  const guarded = changes.filter(isGuarded);
  const refusedForData = guarded.length > 0 && !options.allowReplace;
  if (refusedForData) for (const line of guardMessage(guarded, options.flowFile, kinds)) ui.error(line);
  const { leftovers, unchecked } = await findLeftovers(clients, changes, (stackPath) => localTemplate(packaged, stackPath), clock);
  for (const line of unchecked) ui.error(`warning: ${line}`);
  if (leftovers.length > 0) for (const line of leftoverMessage(leftovers, options.flowFile, kinds)) ui.error(line);
  if (refusedForData || leftovers.length > 0) {
    await discard(clients, handle, type, clock);
    return 'refused';
  }
  if (guarded.length > 0) {
    const what = guarded.length === 1 ? 'a resource' : `${guarded.length} resources`;
    ui.info(`--allow-replace: going ahead although ${what} holding data will be replaced or removed`);
  }
  if (!options.yes) {
    if (!ui.confirm) throw new DeployError('not a terminal: pass --yes to deploy without confirmation');
    if (!(await ui.confirm(`deploy these changes to stack ${stackName} in ${region}? [y/N] `))) {
      await discard(clients, handle, type, clock);
      ui.info('nothing deployed');
      return 'declined';
    }
  }

  const lastEventBefore = await newestEventId(cloudformation, handle.stackId, clock);
  await executeChangeSet(cloudformation, handle, stackName, clock);
  const progress = new Progress(rootChangeCount, handle.stackId, kinds);
  const rootTemplate = localTemplate(packaged, []);
  const { final, events } = await followStackEvents(
    cloudformation,
    handle.stackId,
    lastEventBefore,
    clock,
    (event) => {
      for (const line of progress.lines(event, stackName, rootTemplate, options.flowFile)) ui.info(line);
    },
    stackName,
  );
  if (isSuccessful(final.status)) {
    ui.info(`stack ${stackName}: ${final.status}`);
    for (const output of final.outputs) ui.info(`  ${output.key} = ${output.value}`);
    return 'deployed';
  }
  const cause = await findFailureCause(cloudformation, events, handle.stackId, clock);
  const templateAt = (stackPath: readonly string[]) => localTemplate(packaged, stackPath);
  for (const line of formatFailure(stackName, final.status, cause, templateAt, options.flowFile, kinds)) ui.error(line);
  return 'failed';
}

/**
 * Decides CREATE or UPDATE and the bucket, before anything is uploaded: refuses a stack that
 * cannot take a change set, and deletes one left in ROLLBACK_COMPLETE once the user agrees
 * (with --yes, saying so).
 */
async function prepareStack(
  packaged: PackagedApp,
  clients: AwsClients,
  options: DeployOptions,
  region: string,
  ui: DeployUi,
  clock: Clock,
): Promise<{ type: 'CREATE' | 'UPDATE'; bucket: string | undefined } | 'declined'> {
  const { stackName } = options;
  const stack = await describeStack(clients.cloudformation, stackName, clock);
  const unusable = stack && unusableStateMessage(stackName, stack.status);
  if (unusable) throw new DeployError(unusable);

  const bucket = options.bucket ?? stack?.parameters.get(ASSETS_BUCKET_PARAMETER);
  const rootText = packaged.templates.get(packaged.rootFile) as string;
  const needsBucket = packaged.assets.length > 0 || packaged.nestedFiles.size > 0 || byteLength(rootText) > MAX_INLINE_TEMPLATE_BYTES;
  if (needsBucket && bucket === undefined) {
    throw new DeployError(
      `flowc deploy needs an S3 bucket in ${region} for the function code: pass --bucket NAME (later deploys of the stack reuse it)`,
    );
  }

  if (stack?.status === 'ROLLBACK_COMPLETE') {
    if (stack.terminationProtection) throw new DeployError(terminationProtectionMessage(stackName, stack.status));
    ui.info(
      `stack ${stackName} is ROLLBACK_COMPLETE: its first deploy failed and was rolled back, so it holds nothing. ` +
        'CloudFormation cannot update such a stack, only delete it and create it again.',
    );
    if (options.yes) {
      ui.info(`--yes: deleting stack ${stackName} to create it again...`);
    } else {
      if (!ui.confirm) throw new DeployError('not a terminal: pass --yes to deploy without confirmation');
      if (!(await ui.confirm(`delete stack ${stackName} in ${region} and create it again? [y/N] `))) {
        ui.info(`nothing deployed: stack ${stackName} is left as it was`);
        return 'declined';
      }
      ui.info(`deleting stack ${stackName}...`);
    }
    await deleteRolledBackStack(clients.cloudformation, stackName, stack, clock);
    ui.info(`deleted stack ${stackName}`);
    return { type: 'CREATE', bucket };
  }
  return { type: stack === undefined || isUncreated(stack.status) ? 'CREATE' : 'UPDATE', bucket };
}

/**
 * The change set's changes in the flow's words, at any depth of nested stacks: the nested
 * change sets, and for a nested stack removed or replaced, every resource it deletes, read
 * from the deployed stack (its change set does not list them).
 */
async function reviewChangeSet(
  packaged: PackagedApp,
  clients: AwsClients,
  handle: ChangeSetHandle,
  type: 'CREATE' | 'UPDATE',
  clock: Clock,
): Promise<{ changes: ResourceChange[]; rootChangeCount: number }> {
  const { cloudformation } = clients;
  const tree = await describeChangeSetTree(cloudformation, handle.id, clock);
  const deployed = new Map<string, CfnTemplate>();
  for (const node of tree) {
    // Removed resources are only in the deployed template: read it for their .flow origins.
    if (type === 'UPDATE' && node.changes.some((change) => change.ResourceChange?.Action === 'Remove')) {
      deployed.set(pathKey(node.stackPath), await deployedTemplate(cloudformation, node.stackId, clock));
    }
  }
  const changes = changesOf(
    tree,
    (stackPath) => localTemplate(packaged, stackPath),
    (stackPath) => deployed.get(pathKey(stackPath)),
  );
  for (const node of tree) {
    for (const change of node.changes.filter(dropsNestedStack)) {
      const logicalId = change.ResourceChange?.LogicalResourceId as string;
      const stackId = change.ResourceChange?.PhysicalResourceId || (await nestedStackId(cloudformation, node.stackId, logicalId, clock));
      if (stackId) changes.push(...(await resourcesDeletedWith(cloudformation, stackId, [...node.stackPath, logicalId], clock)));
    }
  }
  return { changes, rootChangeCount: tree[0]?.changes.length ?? 0 };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function pathKey(stackPath: readonly string[]): string {
  return stackPath.join('/');
}

/** The local template of a stack: the root, or the nested template its logical id points to. */
function localTemplate(packaged: PackagedApp, stackPath: readonly string[]): CfnTemplate | undefined {
  if (stackPath.length === 0) return packaged.parsed.get(packaged.rootFile);
  if (stackPath.length > 1) return undefined;
  const file = packaged.nestedFiles.get(stackPath[0] as string);
  return file === undefined ? undefined : packaged.parsed.get(file);
}

/**
 * Uploads the function zips and nested templates the bucket lacks, then points the root
 * template at the nested templates' S3 URLs (and uploads the root too when it is too large to
 * pass inline). Template keys carry a hash of their content, like the zips.
 */
async function uploadAll(
  packaged: PackagedApp,
  clients: AwsClients,
  bucket: string,
  region: string,
  ui: DeployUi,
  clock: Clock,
): Promise<{ template: { body: string } | { url: string }; parameters: ReadonlyMap<string, string> }> {
  const app = packaged.manifest.app;
  const objects: UploadObject[] = packaged.assets.map((asset) => ({ key: asset.key, body: asset.zip, contentType: 'application/zip' }));
  const urls: { path: string[]; value: string }[] = [];
  for (const [logicalId, file] of packaged.nestedFiles) {
    const text = packaged.templates.get(file) as string;
    const key = templateKey(app, file, text);
    objects.push({ key, body: text, contentType: contentTypeOf(file) });
    urls.push({ path: ['Resources', logicalId, 'Properties', 'TemplateURL'], value: s3ObjectUrl(bucket, key, region, clients.endpointUrl) });
  }
  const rootText = withValues(packaged.templates.get(packaged.rootFile) as string, urls);
  let template: { body: string } | { url: string } = { body: rootText };
  if (byteLength(rootText) > MAX_INLINE_TEMPLATE_BYTES) {
    const key = templateKey(app, packaged.rootFile, rootText);
    objects.push({ key, body: rootText, contentType: contentTypeOf(packaged.rootFile) });
    template = { url: s3ObjectUrl(bucket, key, region, clients.endpointUrl) };
  }
  const account = await accountId(clients, clock);
  const result = await uploadMissing(clients.s3, { bucket, account }, objects, clock, ui.progress);
  ui.info(`s3://${bucket}/${app}/: uploaded ${result.uploaded.length}, unchanged ${result.unchanged.length}`);
  const parameters = new Map(packaged.parameters);
  parameters.set(ASSETS_BUCKET_PARAMETER, bucket);
  return { template, parameters };
}

/** `shop/templates/template-<hash>.yaml` */
function templateKey(app: string, file: string, text: string): string {
  const dot = file.lastIndexOf('.');
  return `${app}/templates/${file.slice(0, dot).replaceAll('/', '-')}-${sha256Hex(text).slice(0, 16)}${file.slice(dot)}`;
}

function contentTypeOf(file: string): string {
  return file.endsWith('.json') ? 'application/json' : 'application/yaml';
}

/**
 * Leaves the account as it was: deletes the change set, and the empty stack CloudFormation
 * made to hold it when the stack is new (REVIEW_IN_PROGRESS).
 */
async function discard(clients: AwsClients, handle: ChangeSetHandle, type: 'CREATE' | 'UPDATE', clock: Clock): Promise<void> {
  await deleteChangeSet(clients.cloudformation, handle, clock);
  if (type === 'CREATE') {
    await awsCall('DeleteStack', () => clients.cloudformation.send(new DeleteStackCommand({ StackName: handle.stackId })), clock);
  }
}

/** Numbers each event by how many of the change set's resources are done. */
class Progress {
  private readonly done = new Set<string>();

  constructor(
    private readonly total: number,
    private readonly stackId: string,
    private readonly kinds: FlowKinds,
  ) {}

  lines(event: StackEvent, stackName: string, template: CfnTemplate | undefined, flowFile: string): string[] {
    const logicalId = event.LogicalResourceId ?? '?';
    const isStack = event.PhysicalResourceId === this.stackId;
    if (!isStack && completesResource(event.ResourceStatus)) this.done.add(logicalId);
    const width = String(this.total).length;
    const count = `[${String(Math.min(this.done.size, this.total)).padStart(width)}/${this.total}]`;
    const time = event.Timestamp?.toISOString().slice(11, 19) ?? '--:--:--';
    const status = (event.ResourceStatus ?? '').padEnd(28);
    const origin = isStack ? undefined : flowOrigin(template?.Resources?.[logicalId]);
    const subject = isStack
      ? `stack ${stackName}`
      : origin
        ? `${subjectOf({ logicalId, resourceType: event.ResourceType ?? '', origin }, this.kinds)} (${flowFile}:${origin.line})`
        : `${logicalId} (${event.ResourceType ?? 'unknown'})`;
    const lines = [`${count} ${time}  ${status} ${subject}`];
    if (event.ResourceStatus?.endsWith('_FAILED') && event.ResourceStatusReason) lines.push(`${' '.repeat(count.length + 11)}${event.ResourceStatusReason}`);
    return lines;
  }
}
