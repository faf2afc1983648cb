import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, test } from 'vitest';
import { nodeHost, type Host } from '../../compiler/cli/host.js';
import { main } from '../../compiler/cli/main.js';
import { runDeploy } from '../../compiler/cli/commands/deploy.js';
import { parseTemplate } from '../../compiler/deploy/template.js';
import { emitCloudFormation } from '../../compiler/emit/cloudformation/index.js';
import { MemoryHost } from '../helpers/memory-host.js';
import { CHANGE_SET_ID, callSequence, expectNoStackTrace, FLOW, HANDLER, instantClock, STACK_ID, writeFlow } from './helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const sqs = mockClient(SQSClient);

beforeEach(() => {
  cloudformation.reset();
  s3.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  sqs.reset();
  sqs.on(GetQueueUrlCommand).rejects(Object.assign(new Error('The specified queue does not exist.'), { name: 'QueueDoesNotExist' }));
});

/** The real file system, with the output captured. */
function capturingNodeHost(): Host & { out: string; err: string } {
  const host = { ...nodeHost(), out: '', err: '' };
  host.stdout = (text: string) => void (host.out += text);
  host.stderr = (text: string) => void (host.err += text);
  return host;
}

/** The test flow on disk, read through a MemoryHost whose working directory is its folder. */
function hostInFlowFolder(): MemoryHost {
  const flow = writeFlow();
  return new MemoryHost(flow.dir).addFile('app.flow', FLOW);
}

describe('flowc package', () => {
  test('examples/shop: one zip per function, named by content hash, and a template that points at them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'flowc-package-'));
    const host = capturingNodeHost();
    const exit = await main(['package', join(root, 'examples/shop/shop.flow'), '-o', out], host);
    expect(exit, host.err).toBe(0);

    const zips = readdirSync(join(out, 'assets', 'shop')).sort();
    expect(zips.map((name) => name.replace(/-[0-9a-f]{16}\.zip$/, ''))).toEqual(['charge', 'email', 'payout', 'refund', 'reindex', 'sessionize']);
    const template = parseTemplate(readFileSync(join(out, 'template.yaml'), 'utf8'), 'template.yaml');
    for (const zip of zips) {
      const name = zip.replace(/-[0-9a-f]{16}\.zip$/, '');
      const parameter = `${name.charAt(0).toUpperCase()}${name.slice(1)}FunctionCodeKey`;
      expect(template.Parameters?.[parameter]?.Default).toBe(`shop/${zip}`);
      const files = unzipSync(readFileSync(join(out, 'assets', 'shop', zip)));
      expect(Object.keys(files)).toEqual(['index.mjs', 'index.mjs.map']);
    }
    expect(template.Parameters?.['FlowcAssetsBucket']?.Default).toBeUndefined();
    // The bundle is an ES module Node parses, exporting `handler`, with the SDK left out.
    const code = new TextDecoder().decode(unzipSync(readFileSync(join(out, 'assets', 'shop', zips[0] ?? '')))['index.mjs']);
    expect(code).toMatch(/export \{[^}]*\bhandler\b[^}]*\}/);
    expect(code).not.toMatch(/^\/\/ .*node_modules\/@aws-sdk\//m);
    const check = spawnSync(process.execPath, ['--check', '--input-type=module'], { input: code, encoding: 'utf8' });
    expect(check.stderr).toBe('');

    expect(host.err.split('\n')[0]).toBe(`wrote ${join(out, 'template.yaml')}`);
    expect(host.err).toContain(`wrote ${join(out, 'assets', 'shop', zips[0] ?? '')} (fn charge, `);
    expect(host.err).toContain('to deploy: flowc deploy');
  });

  test('packaging twice gives the same bytes', async () => {
    const first = mkdtempSync(join(tmpdir(), 'flowc-package-'));
    const second = mkdtempSync(join(tmpdir(), 'flowc-package-'));
    const flow = join(root, 'examples/shop/shop.flow');
    for (const out of [first, second]) {
      const host = capturingNodeHost();
      expect(await main(['package', flow, '-o', out], host), host.err).toBe(0);
    }
    expect(readdirSync(join(second, 'assets', 'shop'))).toEqual(readdirSync(join(first, 'assets', 'shop')));
    expect(readFileSync(join(second, 'template.yaml'))).toEqual(readFileSync(join(first, 'template.yaml')));
  });

  test('only flowc\'s own files are replaced or removed: old zips go, a hand-written template or a stray file stops the run (FL9005)', async () => {
    const flow = writeFlow();
    const out = join(flow.dir, 'out');
    const first = capturingNodeHost();
    expect(await main(['package', flow.flowFile, '-o', out], first), first.err).toBe(0);
    const [zip] = readdirSync(join(out, 'assets', 'shop'));
    // New code: a new zip; the old one carries its hash in its name, so it is flowc's and goes.
    writeFileSync(join(flow.dir, 'handlers', 'work.ts'), HANDLER.replace('seen', 'count'));
    const second = capturingNodeHost();
    expect(await main(['package', flow.flowFile, '-o', out], second), second.err).toBe(0);
    expect(second.err).toContain(`removed ${join(out, 'assets', 'shop', zip ?? '')} (of an earlier package)`);
    expect(readdirSync(join(out, 'assets', 'shop'))).toHaveLength(1);

    // A file of the user's beside the zips, or a zip whose bytes do not hash to its name.
    writeFileSync(join(out, 'assets', 'shop', 'notes.txt'), 'mine');
    writeFileSync(join(out, 'assets', 'shop', 'work-0123456789abcdef.zip'), 'not a flowc zip');
    const third = capturingNodeHost();
    expect(await main(['package', flow.flowFile, '-o', out], third)).toBe(2);
    expect(third.err).toContain(`flowc: error FL9005: ${join(out, 'assets', 'shop', 'notes.txt')} was not written by flowc (it has no generated marker); flowc would remove it as code of an earlier package of app \`shop\``);
    expect(third.err).toContain(`flowc: error FL9005: ${join(out, 'assets', 'shop', 'work-0123456789abcdef.zip')} was not written by flowc`);
    expect(third.err).toContain('2 problems with the outputs; nothing written');
    expect(readFileSync(join(out, 'assets', 'shop', 'notes.txt'), 'utf8')).toBe('mine');

    // A hand-written template where package writes its own.
    const mine = join(flow.dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'template.yaml'), 'Resources: {}\n');
    const fourth = capturingNodeHost();
    expect(await main(['package', flow.flowFile, '-o', mine], fourth)).toBe(2);
    expect(fourth.err).toContain(`flowc: error FL9005: ${join(mine, 'template.yaml')} was not written by flowc`);
    expect(readdirSync(mine)).toEqual(['template.yaml']);
    expect(readFileSync(join(mine, 'template.yaml'), 'utf8')).toBe('Resources: {}\n');
  });

  test('a flow with errors packages nothing and exits 1', async () => {
    const host = new MemoryHost().addFile('app.flow', 'app shop\nqueue q: Nope\n');
    expect(await main(['package', 'app.flow', '-o', 'out'], host)).toBe(1);
    expect(host.err).toContain('1 error; nothing packaged');
    expect([...host.files.keys()].filter((path) => path.includes('/out/'))).toEqual([]);
  });
});

describe('flowc deploy', () => {
  test('without a terminal and without --yes: refused before compiling or calling AWS, exit 2', async () => {
    const host = hostInFlowFolder();
    expect(await main(['deploy', 'app.flow', '--stack', 'shop', '--region', 'eu-west-1', '--bucket', 'b'], host)).toBe(2);
    expect(host.err).toBe(
      'flowc: error: flowc deploy asks before changing the stack, and there is no terminal to ask on: pass --yes\n',
    );
    expect(callSequence(cloudformation, s3)).toEqual([]);
  });

  test('an AWS error is one line naming the call and AWS\'s reason, no stack trace, exit 1', async () => {
    const host = hostInFlowFolder();
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' }));
    s3.on(HeadObjectCommand).resolves({});
    cloudformation
      .on(CreateChangeSetCommand)
      .rejects(Object.assign(new Error('Template format error: Unresolved resource dependencies [X] in the Resources block of the template'), { name: 'ValidationError' }));
    const code = await runDeploy(host, 'app.flow', { stack: 'shop', region: 'eu-west-1', bucket: 'b', yes: true, allowReplace: false }, instantClock());
    expect(code).toBe(1);
    expect(host.err).toBe(
      'flowc: error: CreateChangeSet failed: ValidationError: Template format error: Unresolved resource dependencies [X] in the Resources block of the template\n',
    );
    expectNoStackTrace(host.err);
  });

  test('on a terminal, the host asks; "no" leaves the account as it was and exits 1', async () => {
    const flow = writeFlow();
    const questions: string[] = [];
    /** A terminal where the user answers no. */
    class TerminalHost extends MemoryHost {
      override stdinIsTTY = true;
      override stdoutIsTTY = true;
      async confirm(question: string): Promise<boolean> {
        questions.push(question);
        return false;
      }
    }
    const host = new TerminalHost(flow.dir).addFile('app.flow', FLOW);
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' }));
    s3.on(HeadObjectCommand).resolves({});
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
    cloudformation.on(DescribeChangeSetCommand).resolves({
      Status: 'CREATE_COMPLETE',
      StackId: STACK_ID,
      Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue' } }],
    });
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    cloudformation.on(DeleteStackCommand).resolves({});
    const code = await runDeploy(host, 'app.flow', { stack: 'shop', region: 'eu-west-1', bucket: 'b', yes: false, allowReplace: false }, instantClock());
    expect(code).toBe(1);
    expect(questions).toEqual(['deploy these changes to stack shop in eu-west-1? [y/N] ']);
    expect(host.out.trimEnd().split('\n').at(-1)).toBe('nothing deployed');
    // The emitted template names the queue: deploy looked the name up before asking.
    expect(callSequence(sqs)).toEqual(['GetQueueUrl QueueName=shop-jobs']);
    expect(host.err).toBe('');
    expect(callSequence(cloudformation).slice(-2)).toEqual([
      `DeleteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`,
      `DeleteStack StackName=${STACK_ID}`,
    ]);
  });

  test('a stack another operation is changing, or one in ROLLBACK_COMPLETE with termination protection: one message with what to do, exit 1', async () => {
    for (const [stack, expected] of [
      [{ StackStatus: 'UPDATE_IN_PROGRESS' }, 'flowc: error: stack shop is busy: another operation is changing it (UPDATE_IN_PROGRESS), not this deploy;'],
      [{ StackStatus: 'ROLLBACK_COMPLETE', EnableTerminationProtection: true }, 'flowc: error: stack shop is ROLLBACK_COMPLETE and must be deleted before it can be created again, but it has termination protection.'],
    ] as const) {
      cloudformation.reset();
      const host = hostInFlowFolder();
      cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, CreationTime: new Date(), ...stack }] });
      const code = await runDeploy(host, 'app.flow', { stack: 'shop', region: 'eu-west-1', bucket: 'b', yes: true, allowReplace: false }, instantClock());
      expect(code).toBe(1);
      expect(host.err.startsWith(expected), host.err).toBe(true);
      expect(host.err.trimEnd().split('\n')).toHaveLength(1);
      expectNoStackTrace(host.err);
      expect(cloudformation.commandCalls(DeleteStackCommand)).toHaveLength(0);
    }
  });

  test('--import-existing reaches the change set', async () => {
    const host = hostInFlowFolder();
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' }));
    s3.on(HeadObjectCommand).resolves({});
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
    cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'stop here', StackId: STACK_ID });
    expect(await main(['deploy', 'app.flow', '--stack', 'shop', '--region', 'eu-west-1', '--bucket', 'b', '--yes', '--import-existing'], host)).toBe(1);
    expect(host.err).toBe('flowc: error: CloudFormation rejected the change set: stop here\n');
    expect(cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ImportExistingResources).toBe(true);
  });

  test('missing credentials get a hint', async () => {
    const host = hostInFlowFolder();
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const code = await runDeploy(host, 'app.flow', { stack: 'shop', region: 'eu-west-1', yes: true, allowReplace: false }, instantClock());
    expect(code).toBe(1);
    expect(host.err).toBe(
      'flowc: error: DescribeStacks failed: CredentialsProviderError: Could not load credentials from any providers (configure credentials: `aws configure`, AWS_PROFILE or --profile)\n',
    );
  });
});

describe('flowc diff', () => {
  test('explains the difference with the deployed template at the flow\'s level', async () => {
    const host = hostInFlowFolder();
    const emitted = emitCloudFormation(writeFlow().manifest, { format: 'yaml' });
    const local = parseTemplate(emitted.files.get(emitted.rootFile) ?? '', 'local');
    const queue = Object.values(local.Resources ?? {}).find((resource) => resource.Type === 'AWS::SQS::Queue');
    if (!queue?.Properties) throw new Error('the emitter wrote no queue');
    queue.Properties['VisibilityTimeout'] = 5;
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
    cloudformation.on(GetTemplateCommand).resolves({ TemplateBody: JSON.stringify(local) });

    expect(await main(['diff', 'app.flow', '--stack', 'shop', '--region', 'eu-west-1'], host)).toBe(0);
    expect(host.out).toBe('stack shop (eu-west-1) → app.flow:\n  ~   queue jobs will be updated in place (VisibilityTimeout)  (app.flow:3)\n');
  });

  test('a stack that does not exist yet: everything would be created', async () => {
    const host = hostInFlowFolder();
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' }));
    expect(await main(['diff', 'app.flow', '--stack', 'shop', '--region', 'eu-west-1'], host)).toBe(0);
    const lines = host.out.trimEnd().split('\n');
    expect(lines[0]).toBe('stack shop does not exist in eu-west-1: deploying creates it');
    expect(lines).toContain('  +   queue jobs will be created  (app.flow:3)');
    expect(lines).toContain('  +   fn work will be created  (app.flow:4)');
    expect(lines.slice(1).every((line) => line.startsWith('  +   '))).toBe(true);
  });
});

describe('a flow with errors', () => {
  test('is neither deployed nor compared, and no AWS call is made', async () => {
    for (const command of [['deploy', '--yes'], ['diff']]) {
      const host = new MemoryHost().addFile('app.flow', 'app shop\nqueue q: Nope\n');
      expect(await main([command[0] ?? '', 'app.flow', '--stack', 'shop', '--region', 'eu-west-1', ...command.slice(1)], host)).toBe(1);
      expect(host.err).toContain(`1 error; nothing ${command[0] === 'deploy' ? 'deployed' : 'compared'}`);
    }
    expect(callSequence(cloudformation, s3)).toEqual([]);
  });
});
