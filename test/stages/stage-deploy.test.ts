// `flowc deploy FILE --stage prod` takes region, account, bucket, profile and stack from the
// stage block (issue 16 §2): no other option is needed, the account guard uses the stage's
// account, and an option given on the command line wins and says so.
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
import { FLOW, HANDLER, instantClock, writeFlow } from '../deploy/helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);

const STAGED = `${FLOW}stage prod {
  region = "eu-west-1"
  account = "123456789012"
  bucket = "shop-assets"
  stack = "shop-production"
}
`;

function host(): MemoryHost {
  return new MemoryHost(writeFlow(HANDLER, STAGED).dir).addFile('app.flow', STAGED);
}

const denied = Object.assign(new Error('User is not authorized to perform: cloudformation:DescribeStacks'), { name: 'AccessDenied' });

beforeEach(() => {
  cloudformation.reset();
  s3.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ada' });
  cloudformation.on(DescribeStacksCommand).rejects(denied);
});

/** The region a mocked call's client was configured with. */
async function regionOf(call: { thisValue: unknown }): Promise<string> {
  return (call.thisValue as { config: { region: () => Promise<string> } }).config.region();
}

describe('flowc deploy --stage with a stage block', () => {
  test('needs no other option: the stage\'s account is checked first, in its region, then its stack', async () => {
    const h = host();
    expect(await runDeploy(h, 'app.flow', { stage: 'prod', yes: true, allowReplace: false }, instantClock())).toBe(1);
    const identity = sts.commandCalls(GetCallerIdentityCommand);
    expect(identity).toHaveLength(1);
    expect(await regionOf(identity[0]!)).toBe('eu-west-1');
    const asked = cloudformation.commandCalls(DescribeStacksCommand);
    expect(new Set(asked.map((call) => call.args[0].input.StackName))).toEqual(new Set(['shop-production']));
    expect(await regionOf(asked[0]!)).toBe('eu-west-1');
    expect(h.err).toContain('DescribeStacks failed: AccessDenied');
    expect(h.out).not.toContain('overrides');
  });

  test('credentials of another account than the stage\'s: FL9027 naming the stage, nothing else asked', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321' });
    const h = host();
    expect(await runDeploy(h, 'app.flow', { stage: 'prod', yes: true, allowReplace: false }, instantClock())).toBe(1);
    expect(h.err).toBe(
      'flowc: error FL9027: the credentials in use act in AWS account 210987654321, not in 123456789012 (the `account` of stage prod); nothing deployed\n' +
        '  = help: deploy with credentials of account 123456789012 (`--profile`, AWS_PROFILE), or correct the `account` of stage prod if 210987654321 is the account you mean\n',
    );
    expect(cloudformation.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('options given win over the block, each said before anything is asked of AWS', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321' });
    const h = host();
    const options = { stage: 'prod', region: 'us-east-1', stack: 'shop-try', account: '210987654321', yes: true, allowReplace: false };
    expect(await runDeploy(h, 'app.flow', options, instantClock())).toBe(1);
    expect(h.out.split('\n').filter((line) => line.startsWith('note:'))).toEqual([
      'note: --region us-east-1 overrides `region = "eu-west-1"` of stage prod',
      'note: --account 210987654321 overrides `account = "123456789012"` of stage prod',
      'note: --stack shop-try overrides `stack = "shop-production"` of stage prod',
    ]);
    const asked = cloudformation.commandCalls(DescribeStacksCommand);
    expect(new Set(asked.map((call) => call.args[0].input.StackName))).toEqual(new Set(['shop-try']));
    expect(await regionOf(asked[0]!)).toBe('us-east-1');
  });

  test('the stage\'s profile is the one used: one that does not exist is FL9028', async () => {
    const saved = process.env['AWS_CONFIG_FILE'];
    const config = join(mkdtempSync(join(tmpdir(), 'flowc-aws-')), 'config');
    writeFileSync(config, '[profile dev]\nregion = eu-west-1\n');
    process.env['AWS_CONFIG_FILE'] = config;
    onTestFinished(() => {
      if (saved === undefined) delete process.env['AWS_CONFIG_FILE'];
      else process.env['AWS_CONFIG_FILE'] = saved;
    });
    const flow = STAGED.replace('bucket = "shop-assets"', 'profile = "production"');
    const h = new MemoryHost(writeFlow(HANDLER, flow).dir).addFile('app.flow', flow);
    expect(await runDeploy(h, 'app.flow', { stage: 'prod', yes: true, allowReplace: false }, instantClock())).toBe(2);
    expect(h.err).toContain('FL9028');
    expect(h.err).toContain('production');
    expect(sts.calls()).toHaveLength(0);
  });

  test('a stage that the file does not declare: FL2018, nothing asked of AWS', async () => {
    const h = host();
    expect(await main(['deploy', 'app.flow', '--stage', 'prd', '--yes'], h)).toBe(1);
    expect(h.out).toContain('error[FL2018]');
    expect(h.out).toContain('did you mean `--stage prod`?');
    expect(h.err).toBe('1 error; nothing deployed\n');
    expect(sts.calls()).toHaveLength(0);
    expect(cloudformation.calls()).toHaveLength(0);
  });
});
