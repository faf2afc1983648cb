import { type AwsTarget, createAwsClients } from '../../deploy/aws.js';
import { type Clock, realClock } from '../../deploy/clock.js';
import { compareWithStack, diffStack } from '../../deploy/diff.js';
import { existingNotes, flowKinds, formatChanges, guardMessage, isGuarded, type ResourceChange, sortChanges, subjectOf } from '../../deploy/explain.js';
import { type CfnTemplate, nestedStacks, parseTemplate } from '../../deploy/template.js';
import { emitCloudFormation } from '../../emit/cloudformation/index.js';
import { unknownProfileProblem } from '../aws-profile.js';
import type { Host } from '../host.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { compileBytes } from '../../program.js';
import { readInput } from '../read-input.js';
import { printDiagnostics, printOutputProblems, UsageError } from '../report.js';
import { stageTarget } from '../stage-target.js';
import { compileForDeploy, EXIT_FAILED, isUserFacing } from './package.js';

/** A profile that does not exist is a mistake in the command line (exit 2), as in `main`. */
const EXIT_USAGE = 2;

export interface DiffCommandOptions extends AwsTarget {
  /** The stack; default with `--stage`: `<app>-<stage>`. */
  readonly stack?: string;
  /** `--stage`: the flow's template for this stage. */
  readonly stage?: string;
}

/**
 * `flowc diff FILE --stack NAME`: what deploying the flow would change in the stack, resource
 * by resource, in the flow's words, with a warning where data would be lost. Function code is
 * not compared here: it lives in S3 under content-hash names, and deploy uploads what changed.
 * Exit 0 whether or not there are differences; 1 when the flow has errors or AWS fails.
 */
export async function runDiff(host: Host, file: string, options: DiffCommandOptions, clock: Clock = realClock): Promise<number> {
  // A diff ships nothing: a stub is only a warning, and the code is not type-checked.
  if (options.stack === undefined && options.stage === undefined) throw new UsageError('flowc diff needs the stack to compare with: pass --stack NAME, or --stage NAME for the stack <app>-<stage>');
  const manifest = await compileForDeploy(host, file, 'nothing compared', { allowStubs: true, skipTypeCheck: true, ...(options.stage !== undefined ? { stage: options.stage } : {}) });
  if (typeof manifest === 'number') return manifest;
  // The stage block's stack, region and profile, as deploy takes them (an option given wins).
  const { target, overrides } = stageTarget(manifest, options);
  for (const line of overrides) host.stdout(`note: ${line}\n`);
  const stack = target.stack ?? '';
  const aws = { ...options, ...target };
  try {
    const { root, nested } = templatesOf(manifest);
    const profileProblem = await unknownProfileProblem(aws.profile);
    if (profileProblem !== undefined) {
      printOutputProblems(host, [profileProblem]);
      return EXIT_USAGE;
    }
    const clients = createAwsClients(aws);
    const region = await clients.region();
    const { exists, changes } = await compareWithStack(clients.cloudformation, stack, { root, nested }, clock);
    if (!exists) host.stdout(`stack ${stack} does not exist in ${region}: deploying creates it\n`);
    const existing = existingNotes(manifest, file);
    if (changes.length === 0) {
      host.stdout(`stack ${stack} (${region}) matches ${file}: no differences\n`);
      for (const line of existing) host.stdout(`${line}\n`);
      return 0;
    }
    if (exists) host.stdout(`stack ${stack} (${region}) → ${file}:\n`);
    const kinds = flowKinds(manifest);
    for (const line of formatChanges(changes, file, kinds)) host.stdout(`${line}\n`);
    for (const line of existing) host.stdout(`${line}\n`);
    const guarded = changes.filter(isGuarded);
    if (guarded.length > 0) {
      host.stdout('\n');
      for (const line of guardMessage(guarded, file, kinds)) host.stdout(`${line}\n`);
    }
    return 0;
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    host.stderr(`flowc: error: ${error.message}\n`);
    return EXIT_FAILED;
  }
}

/** The root template the emitter makes of a manifest, and its nested stacks by logical id, parsed. */
function templatesOf(manifest: FlowManifest, rewrite: (text: string) => string = (text) => text): { root: CfnTemplate; nested: Map<string, CfnTemplate> } {
  const emitted = emitCloudFormation(manifest, { format: 'yaml' });
  const root = parseTemplate(rewrite(emitted.files.get(emitted.rootFile) ?? ''), emitted.rootFile);
  const nested = new Map<string, CfnTemplate>();
  for (const reference of nestedStacks(root)) {
    const text = typeof reference.templateUrl === 'string' ? emitted.files.get(reference.templateUrl) : undefined;
    if (text !== undefined) nested.set(reference.logicalId, parseTemplate(rewrite(text), reference.templateUrl as string));
  }
  return { root, nested };
}

/**
 * `flowc diff FILE --stage dev --stage prod`: how the second stage's template differs from
 * the first's, resource by resource, with the template diff of `flowc diff` against a stack
 * and without AWS. Physical names always differ between stages (`shop-dev-charge`,
 * `shop-prod-charge`), so they are compared with the stage left out: what remains is what the
 * stage blocks change. Exit 0 whether or not there are differences; 1 when the flow has errors.
 */
export async function runStageDiff(host: Host, file: string, from: string, to: string): Promise<number> {
  if (from === to) throw new UsageError(`flowc diff --stage ${from} --stage ${to}: give two different stages to compare`);
  const before = await compileForDeploy(host, file, 'nothing compared', { allowStubs: true, skipTypeCheck: true, stage: from });
  if (typeof before === 'number') return before;
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  // Every stage is checked in each compilation: only `--stage` itself (FL2018) can fail here.
  const compiled = compileBytes(file, bytes, { stage: to });
  const after = compiled.manifest;
  if (after === undefined) {
    printDiagnostics(host, compiled.diagnostics.filter((d) => d.severity === 'error'), 'pretty');
    host.stderr('nothing compared\n');
    return EXIT_FAILED;
  }
  const unstaged = (stage: string) => (text: string) => text.replaceAll(`${before.app}-${stage}-`, `${before.app}-<stage>-`);
  const a = templatesOf(before, unstaged(from));
  const b = templatesOf(after, unstaged(to));
  const changes = [...diffStack(a.root, b.root)];
  for (const id of new Set([...a.nested.keys(), ...b.nested.keys()])) changes.push(...diffStack(a.nested.get(id), b.nested.get(id) ?? {}, [id]));
  const settings = deployDifferences(before, after);
  if (changes.length === 0 && settings.length === 0) {
    host.stdout(`stages ${from} and ${to} of ${file} make the same template (physical names compared without the stage)\n`);
    return 0;
  }
  host.stdout(`stage ${from} → stage ${to} (${file}; physical names compared without the stage):\n`);
  for (const line of settings) host.stdout(`${line}\n`);
  const kinds = flowKinds(after);
  for (const change of sortChanges(changes)) host.stdout(`${stageChangeLine(change, from, to, file, kinds)}\n`);
  return 0;
}

/** `  ~   fn charge: MemorySize, ReservedConcurrentExecutions  (shop.flow:6)`. */
function stageChangeLine(change: ResourceChange, from: string, to: string, file: string, kinds: ReturnType<typeof flowKinds>): string {
  const subject = subjectOf(change, kinds);
  const where = change.origin ? `  (${file}:${change.origin.line})` : '';
  const stack = change.stackPath.length > 0 ? `[${change.stackPath.join('/')}] ` : '';
  switch (change.action) {
    case 'create':
    case 'import':
      return `  +   ${stack}${subject}: only on stage ${to}${where}`;
    case 'delete':
      return `  -   ${stack}${subject}: only on stage ${from}${where}`;
    default:
      return `  ~   ${stack}${subject}: ${change.properties.length > 0 ? change.properties.join(', ') : 'differs'}${where}`;
  }
}

/** The deploy settings of the two stage blocks that differ (`region`: eu-west-1 → us-east-1). */
function deployDifferences(before: FlowManifest, after: FlowManifest): string[] {
  const keys = ['region', 'account', 'bucket', 'profile', 'stack'] as const;
  return keys.flatMap((key) => {
    const a = before.deploy?.[key];
    const b = after.deploy?.[key];
    return a === b ? [] : [`  ~   deploy setting ${key}: ${a ?? '(not set)'} → ${b ?? '(not set)'}`];
  });
}
