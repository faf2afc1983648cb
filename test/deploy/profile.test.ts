// `--profile nope` (issue 16 §5): a profile that the shared AWS files do not have is named,
// with the ones they have, before any AWS call (FL9028). The files are read from a temporary
// HOME, as the SDK reads them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runDeploy } from '../../compiler/cli/commands/deploy.js';
import { runDiff } from '../../compiler/cli/commands/diff.js';
import { MemoryHost } from '../helpers/memory-host.js';
import { FLOW, instantClock, writeFlow } from './helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const sts = mockClient(STSClient);
const saved = { HOME: process.env['HOME'], AWS_CONFIG_FILE: process.env['AWS_CONFIG_FILE'], AWS_SHARED_CREDENTIALS_FILE: process.env['AWS_SHARED_CREDENTIALS_FILE'] };

/** A HOME whose ~/.aws holds these files (absent when undefined). */
function home(files: { config?: string; credentials?: string }): void {
  const dir = mkdtempSync(join(tmpdir(), 'flowc-home-'));
  mkdirSync(join(dir, '.aws'));
  if (files.config !== undefined) writeFileSync(join(dir, '.aws/config'), files.config);
  if (files.credentials !== undefined) writeFileSync(join(dir, '.aws/credentials'), files.credentials);
  process.env['HOME'] = dir;
}

beforeEach(() => {
  cloudformation.reset();
  sts.reset();
  delete process.env['AWS_CONFIG_FILE'];
  delete process.env['AWS_SHARED_CREDENTIALS_FILE'];
});

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const flowHost = () => new MemoryHost(writeFlow().dir).addFile('app.flow', FLOW);
const options = { stack: 'shop', region: 'eu-west-1', bucket: 'b', yes: true, allowReplace: false } as const;

describe('--profile that does not exist', () => {
  test('deploy: FL9028 lists the profiles of both files, suggests a close one, exit 2, no AWS call', async () => {
    home({ config: '[default]\nregion = eu-west-1\n[profile dev]\nregion = eu-west-1\n[profile prod]\nregion = us-east-1\n', credentials: '[ci]\naws_access_key_id = x\n' });
    const host = flowHost();
    expect(await runDeploy(host, 'app.flow', { ...options, profile: 'prd' }, instantClock())).toBe(2);
    expect(host.err).toBe(
      'flowc: error FL9028: there is no AWS profile `prd` in ~/.aws/config or ~/.aws/credentials; the profiles there: ci, default, dev, prod\n' +
        '  = help: did you mean `prod`? give one of the profiles with --profile, or create this one: `aws configure --profile prd`\n',
    );
    expect(cloudformation.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });

  test('diff: the same, and no files at all say so', async () => {
    home({});
    const host = flowHost();
    expect(await runDiff(host, 'app.flow', { stack: 'shop', region: 'eu-west-1', profile: 'nope' }, instantClock())).toBe(2);
    expect(host.err).toContain('FL9028: there is no AWS profile `nope` in ~/.aws/config or ~/.aws/credentials; neither file has a profile\n');
    expect(host.err).toContain('= help: give one of the profiles with --profile');
    expect(cloudformation.calls()).toHaveLength(0);
  });

  test('AWS_CONFIG_FILE is where the SDK looks, and the message names it', async () => {
    home({ config: '[profile dev]\n' });
    const other = join(mkdtempSync(join(tmpdir(), 'flowc-aws-')), 'config');
    writeFileSync(other, '[profile staging]\nregion = eu-west-1\n');
    process.env['AWS_CONFIG_FILE'] = other;
    const host = flowHost();
    expect(await runDeploy(host, 'app.flow', { ...options, profile: 'dev' }, instantClock())).toBe(2);
    expect(host.err).toContain(`no AWS profile \`dev\` in ${other} or ~/.aws/credentials; the profiles there: staging\n`);
  });

  test('a profile of either file goes on to AWS', async () => {
    home({ config: '[profile dev]\nregion = eu-west-1\n', credentials: '[ci]\naws_access_key_id = x\naws_secret_access_key = y\n' });
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' }));
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
    for (const profile of ['dev', 'ci']) {
      const host = flowHost();
      expect(await runDeploy(host, 'app.flow', { ...options, profile }, instantClock())).toBe(1);
      expect(host.err).not.toContain('FL9028');
      expect(host.err).toContain('DescribeStacks failed: AccessDenied');
    }
  });
});
