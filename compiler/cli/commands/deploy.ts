import { resolve } from 'node:path';
import { type AwsTarget, createAwsClients } from '../../deploy/aws.js';
import { type Clock, realClock } from '../../deploy/clock.js';
import { deployApp, type DeployUi } from '../../deploy/deploy.js';
import { packageApp } from '../../deploy/package.js';
import type { Host } from '../host.js';
import { UsageError } from '../report.js';
import { compileForDeploy, EXIT_FAILED, isUserFacing, type ShipOptions } from './package.js';

export interface DeployCommandOptions extends AwsTarget, ShipOptions {
  readonly stack: string;
  readonly bucket?: string;
  readonly yes: boolean;
  readonly allowReplace: boolean;
  /** Adopt queues, tables and streams that exist outside the stack under the flow's names. */
  readonly importExisting?: boolean;
}

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
  const manifest = await compileForDeploy(host, file, 'nothing deployed', options);
  if (typeof manifest === 'number') return manifest;

  const confirm = canAsk ? host.confirm?.bind(host) : undefined;
  const ui: DeployUi = {
    info: (line) => host.stdout(`${line}\n`),
    error: (line) => host.stderr(`${line}\n`),
    ...(confirm ? { confirm } : {}),
  };
  try {
    const packaged = await packageApp(manifest, resolve(host.cwd, file), { format: 'yaml' });
    const clients = createAwsClients(options);
    const outcome = await deployApp(
      packaged,
      clients,
      {
        stackName: options.stack,
        ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
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
    if (!isUserFacing(error)) throw error;
    host.stderr(`flowc: error: ${error.message}\n`);
    return EXIT_FAILED;
  }
}
