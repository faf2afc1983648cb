import { resolve } from 'node:path';
import { accountId, type AwsTarget, createAwsClients } from '../../deploy/aws.js';
import { type Clock, realClock } from '../../deploy/clock.js';
import { deployApp, type DeployUi } from '../../deploy/deploy.js';
import { packageApp } from '../../deploy/package.js';
import { unknownProfileProblem } from '../aws-profile.js';
import type { Host } from '../host.js';
import type { OutputProblem } from '../output-plan.js';
import { accountIdPattern } from '../../../runtime/aws/targets.js';
import { progressLine } from '../progress-line.js';
import { printOutputProblems, UsageError } from '../report.js';
import { stageTarget } from '../stage-target.js';
import { compileForDeploy, EXIT_FAILED, isUserFacing, type ShipOptions } from './package.js';

/** A profile that does not exist is a mistake in the command line (exit 2), as in `main`. */
const EXIT_USAGE = 2;

export interface DeployCommandOptions extends AwsTarget, ShipOptions {
  /** The stack; default with `--stage`: `<app>-<stage>`. */
  readonly stack?: string;
  readonly bucket?: string;
  readonly yes: boolean;
  readonly allowReplace: boolean;
  /** Adopt queues, tables and streams that exist outside the stack under the flow's names. */
  readonly importExisting?: boolean;
  /** The AWS account the stack belongs in: deploy refuses credentials of any other (FL9027). */
  readonly account?: string;
}

/**
 * With `--stage`, the stage block's `region`, `account`, `bucket`, `profile` and `stack` are the
 * defaults of these options (compiler/cli/stage-target.ts): `flowc deploy shop.flow --stage
 * prod --yes` needs nothing else. An option given replaces the block's value, and deploy says so.
 */

/**
 * `flowc deploy FILE --stack NAME`: compile, bundle, upload, change set, confirm, execute,
 * follow. Exit 0 when the stack is deployed or already up to date; 1 when the flow has errors
 * or the stack was not updated (AWS failure, refused replacement, or the answer was no).
 */
export async function runDeploy(host: Host, file: string, options: DeployCommandOptions, clock: Clock = realClock): Promise<number> {
  const canAsk = host.stdinIsTTY && host.stdoutIsTTY && host.confirm !== undefined;
  if (!options.yes && !canAsk) {
    // Checked first: without a terminal nobody could answer, and nothing should be uploaded.
    throw new UsageError('flowc deploy asks before changing the stack, and there is no terminal to ask on: pass --yes');
  }
  if (options.account !== undefined && !accountIdPattern.test(options.account)) {
    throw new UsageError(`--account ${JSON.stringify(options.account)} is not an AWS account id: give its 12 digits, e.g. --account 123456789012`);
  }
  if (options.stack === undefined && options.stage === undefined) throw new UsageError('flowc deploy needs the stack to deploy to: pass --stack NAME, or --stage NAME for the stack <app>-<stage>');
  const manifest = await compileForDeploy(host, file, 'nothing deployed', options);
  if (typeof manifest === 'number') return manifest;
  const { target, overrides } = stageTarget(manifest, options);
  const stackName = target.stack ?? '';
  const aws = { ...options, ...target };

  const confirm = canAsk ? host.confirm?.bind(host) : undefined;
  const progress = progressLine(host);
  const ui: DeployUi = {
    info: (line) => host.stdout(`${line}\n`),
    error: (line) => host.stderr(`${line}\n`),
    progress: progress.report,
    ...(confirm ? { confirm } : {}),
  };
  for (const line of overrides) ui.info(`note: ${line}`);
  try {
    const profileProblem = await unknownProfileProblem(aws.profile);
    if (profileProblem !== undefined) {
      printOutputProblems(host, [profileProblem]);
      return EXIT_USAGE;
    }
    const clients = createAwsClients(aws);
    // Before anything else touches AWS (or bundling takes its time): the wrong account is
    // refused with nothing uploaded and no change set made.
    if (aws.account !== undefined) {
      const actual = await accountId(clients, clock);
      if (actual !== aws.account) {
        printOutputProblems(host, [wrongAccount(aws.account, actual, aws.profile, options.account === undefined ? manifest.stage : undefined)]);
        return EXIT_FAILED;
      }
    }
    const packaged = await packageApp(manifest, resolve(host.cwd, file), { format: 'yaml', onProgress: progress.report });
    const outcome = await deployApp(
      packaged,
      clients,
      {
        stackName,
        ...(aws.bucket !== undefined ? { bucket: aws.bucket } : {}),
        yes: options.yes,
        allowReplace: options.allowReplace,
        importExisting: options.importExisting === true,
        flowFile: file,
      },
      ui,
      clock,
    );
    return outcome === 'deployed' || outcome === 'unchanged' ? 0 : EXIT_FAILED;
  } catch (error) {
    progress.end();
    if (!isUserFacing(error)) throw error;
    host.stderr(`flowc: error: ${error.message}\n`);
    return EXIT_FAILED;
  }
}

/** FL9027; `stage` when the account is the stage block's (`account = "…"`), not `--account`'s. */
function wrongAccount(expected: string, actual: string, profile: string | undefined, stage: string | undefined): OutputProblem {
  const via = profile !== undefined ? `the profile ${profile} acts` : 'the credentials in use act';
  const source = stage !== undefined ? `the \`account\` of stage ${stage}` : '--account';
  return {
    code: 'FL9027',
    message: `${via} in AWS account ${actual}, not in ${expected} (${source}); nothing deployed`,
    help: `deploy with credentials of account ${expected} (\`--profile\`, AWS_PROFILE), or correct ${source} if ${actual} is the account you mean`,
  };
}
