import { type AwsTarget, createAwsClients } from '../../deploy/aws.js';
import { type Clock, realClock } from '../../deploy/clock.js';
import { compareWithStack } from '../../deploy/diff.js';
import { flowKinds, formatChanges, guardMessage, isGuarded } from '../../deploy/explain.js';
import { type CfnTemplate, nestedStacks, parseTemplate } from '../../deploy/template.js';
import { emitCloudFormation } from '../../emit/cloudformation/index.js';
import { unknownProfileProblem } from '../aws-profile.js';
import type { Host } from '../host.js';
import { stageStackName } from '../../../runtime/manifest/names.js';
import { printOutputProblems, UsageError } from '../report.js';
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
  const stack = options.stack ?? stageStackName(manifest.app, options.stage ?? '');
  try {
    const emitted = emitCloudFormation(manifest, { format: 'yaml' });
    const root = parseTemplate(emitted.files.get(emitted.rootFile) ?? '', emitted.rootFile);
    const nested = new Map<string, CfnTemplate>();
    for (const reference of nestedStacks(root)) {
      const text = typeof reference.templateUrl === 'string' ? emitted.files.get(reference.templateUrl) : undefined;
      if (text !== undefined) nested.set(reference.logicalId, parseTemplate(text, reference.templateUrl as string));
    }
    const profileProblem = await unknownProfileProblem(options.profile);
    if (profileProblem !== undefined) {
      printOutputProblems(host, [profileProblem]);
      return EXIT_USAGE;
    }
    const clients = createAwsClients(options);
    const region = await clients.region();
    const { exists, changes } = await compareWithStack(clients.cloudformation, stack, { root, nested }, clock);
    if (!exists) host.stdout(`stack ${stack} does not exist in ${region}: deploying creates it\n`);
    if (changes.length === 0) {
      host.stdout(`stack ${stack} (${region}) matches ${file}: no differences\n`);
      return 0;
    }
    if (exists) host.stdout(`stack ${stack} (${region}) → ${file}:\n`);
    const kinds = flowKinds(manifest);
    for (const line of formatChanges(changes, file, kinds)) host.stdout(`${line}\n`);
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
