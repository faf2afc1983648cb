// `--stage NAME` (issue 16 §2): names become <app>-<stage>-<name>, the stack <app>-<stage>, and the
// name-length rule measures the staged names; without --stage everything is as before.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { runDeploy } from '../../compiler/cli/commands/deploy.js';
import { runDiff } from '../../compiler/cli/commands/diff.js';
import { main } from '../../compiler/cli/main.js';
import { compileText } from '../../compiler/program.js';
import { Addresses } from '../../runtime/sim/addresses.js';
import { FLOW, instantClock, writeFlow } from '../deploy/helpers.js';
import { MemoryHost } from '../helpers/memory-host.js';

const flow = 'app shop\ntype Order = { id: string }\nqueue orders: Order { fifo = true, dlq = dead }\nqueue dead: Order { fifo = true }\nfn charge(Order)\norders -> charge\n';

describe('--stage', () => {
  test('flowc manifest --stage carries the stage; without it the manifest has none', async () => {
    const staged = new MemoryHost().addFile('shop.flow', flow);
    expect(await main(['manifest', 'shop.flow', '--stage', 'prod'], staged)).toBe(0);
    expect(JSON.parse(staged.out).stage).toBe('prod');
    const plain = new MemoryHost().addFile('shop.flow', flow);
    expect(await main(['manifest', 'shop.flow'], plain)).toBe(0);
    expect('stage' in JSON.parse(plain.out)).toBe(false);
  });

  test('flowc build --stage names every resource <app>-<stage>-<name>, FIFO suffix last', async () => {
    const host = new MemoryHost().addFile('shop.flow', flow);
    expect(await main(['build', 'shop.flow', '-o', 'out', '--no-types', '--stage', 'prod'], host)).toBe(0);
    const template = host.text('out/template.yaml')!;
    expect(template).toContain('QueueName: shop-prod-orders.fifo');
    expect(template).toContain('FunctionName: shop-prod-charge');
    expect(template).not.toMatch(/Name: shop-(orders|charge|dead)\b/);
  });

  test('the simulator addresses resources by their staged names', () => {
    const manifest = compileText('shop.flow', flow, { stage: 'dev' }).manifest!;
    const addresses = new Addresses(manifest, 'eu-west-1', '000000000000');
    expect(addresses.queueUrl('orders')).toBe('https://sqs.eu-west-1.amazonaws.com/000000000000/shop-dev-orders.fifo');
    expect(addresses.functionArn('charge')).toBe('arn:aws:lambda:eu-west-1:000000000000:function:shop-dev-charge');
  });

  test('FL4036 measures the staged name: a name that fits without the stage is too long with it', () => {
    const name = 'f'.repeat(64 - 'shop-'.length);
    const source = `app shop\ntype Job = { id: string }\nqueue jobs: Job\nfn ${name}(Job)\njobs -> ${name}\n`;
    expect(compileText('shop.flow', source).diagnostics.filter((d) => d.code === 'FL4036')).toHaveLength(0);
    const staged = compileText('shop.flow', source, { stage: 'prod' }).diagnostics.filter((d) => d.code === 'FL4036');
    expect(staged).toHaveLength(1);
    expect(staged[0]!.message).toBe(`the function name \`shop-prod-${name}\` has 69 characters; AWS allows 64`);
    expect(staged[0]!.help).toBe(`shorten \`${name}\` to at most 54 characters (or shorten the app name or the stage)`);
  });

  test('a stage name that cannot be part of a stack name is a usage error', async () => {
    const host = new MemoryHost().addFile('shop.flow', flow);
    expect(await main(['manifest', 'shop.flow', '--stage', 'prod_1'], host)).toBe(2);
    expect(host.err).toContain('--stage "prod_1" is not a stage name');
    expect(host.out).toBe('');
  });
});

describe('flowc deploy --stage', () => {
  const cloudformation = mockClient(CloudFormationClient);
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    cloudformation.reset();
    s3.reset();
  });

  test('without --stack, the stack is <app>-<stage>', async () => {
    const h = new MemoryHost(writeFlow().dir).addFile('app.flow', FLOW);
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    expect(await runDeploy(h, 'app.flow', { stage: 'prod', region: 'eu-west-1', bucket: 'b', yes: true, allowReplace: false }, instantClock())).toBe(1);
    const app = compileText('app.flow', FLOW).manifest!.app;
    const asked = cloudformation.commandCalls(DescribeStacksCommand).map((call) => call.args[0].input.StackName);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set([`${app}-prod`]));
  });

  test('flowc diff --stage compares with the stack <app>-<stage>', async () => {
    const h = new MemoryHost(writeFlow().dir).addFile('app.flow', FLOW);
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id shop-dev does not exist'), { name: 'ValidationError' }));
    await runDiff(h, 'app.flow', { stage: 'dev', region: 'eu-west-1' }, instantClock());
    const asked = cloudformation.commandCalls(DescribeStacksCommand).map((call) => call.args[0].input.StackName);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['shop-dev']));
  });

  test('neither --stack nor --stage: a usage error before anything is compiled or asked', async () => {
    const h = new MemoryHost(writeFlow().dir).addFile('app.flow', FLOW);
    expect(await main(['deploy', 'app.flow', '--yes'], h)).toBe(2);
    expect(h.err).toContain('pass --stack NAME, or --stage NAME');
    expect(cloudformation.calls()).toHaveLength(0);
  });
});
