// The account guard (issue 16): `flowc deploy --account ID` asks STS who the credentials are
// before anything else, and refuses any other account (FL9027).
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { runDeploy } from '../../compiler/cli/commands/deploy.js';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';
import { expectNoStackTrace, FLOW, instantClock, writeFlow } from './helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);

beforeEach(() => {
  cloudformation.reset();
  s3.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321', Arn: 'arn:aws:iam::210987654321:user/ada' });
});

function host(): MemoryHost {
  return new MemoryHost(writeFlow().dir).addFile('app.flow', FLOW);
}

const options = { stack: 'shop', region: 'eu-west-1', bucket: 'b', yes: true, allowReplace: false } as const;

describe('flowc deploy --account', () => {
  test('credentials of another account: FL9027, exit 1, and no call but GetCallerIdentity', async () => {
    const h = host();
    expect(await runDeploy(h, 'app.flow', { ...options, account: '123456789012' }, instantClock())).toBe(1);
    expect(h.err).toBe(
      'flowc: error FL9027: the credentials in use act in AWS account 210987654321, not in 123456789012 (--account); nothing deployed\n' +
        '  = help: deploy with credentials of account 123456789012 (`--profile`, AWS_PROFILE), or correct --account if 210987654321 is the account you mean\n',
    );
    expect(h.out).toBe('');
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    expect(cloudformation.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('the message names the profile when one was given', async () => {
    const saved = process.env['AWS_CONFIG_FILE'];
    const config = join(mkdtempSync(join(tmpdir(), 'flowc-aws-')), 'config');
    writeFileSync(config, '[profile dev]\nregion = eu-west-1\n');
    process.env['AWS_CONFIG_FILE'] = config;
    onTestFinished(() => {
      if (saved === undefined) delete process.env['AWS_CONFIG_FILE'];
      else process.env['AWS_CONFIG_FILE'] = saved;
    });
    const h = host();
    expect(await runDeploy(h, 'app.flow', { ...options, profile: 'dev', account: '123456789012' }, instantClock())).toBe(1);
    expect(h.err).toContain('FL9027: the profile dev acts in AWS account 210987654321, not in 123456789012');
  });

  test('the right account: deploy goes on, with GetCallerIdentity as its first call', async () => {
    const h = host();
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudformation:DescribeStacks'), { name: 'AccessDenied' }));
    expect(await runDeploy(h, 'app.flow', { ...options, account: '210987654321' }, instantClock())).toBe(1);
    expect(h.err).not.toContain('FL9027');
    expect(h.err).toContain('DescribeStacks failed: AccessDenied');
    expect(cloudformation.commandCalls(DescribeStacksCommand).length).toBeGreaterThan(0);
    expectNoStackTrace(h.err);
  });

  test('without --account nothing is checked before the stack', async () => {
    const h = host();
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    expect(await runDeploy(h, 'app.flow', options, instantClock())).toBe(1);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });

  test('an account id that is not 12 digits is a usage error before AWS is asked', async () => {
    const h = host();
    expect(await main(['deploy', 'app.flow', '--stack', 'shop', '--yes', '--account', '1234-5678-9012'], h)).toBe(2);
    expect(h.err).toBe('flowc: error: --account "1234-5678-9012" is not an AWS account id: give its 12 digits, e.g. --account 123456789012\n');
    expect(sts.calls()).toHaveLength(0);
  });

  test('STS failing is one line naming the call, exit 1', async () => {
    const h = host();
    sts.reset();
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    expect(await runDeploy(h, 'app.flow', { ...options, account: '123456789012' }, instantClock())).toBe(1);
    expect(h.err).toBe('flowc: error: GetCallerIdentity failed: CredentialsProviderError: Could not load credentials from any providers (configure credentials: `aws configure`, AWS_PROFILE or --profile)\n');
    expect(cloudformation.calls()).toHaveLength(0);
  });
});
