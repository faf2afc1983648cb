// `flowc diff FILE --stage a --stage b` (issue 16 §2): the templates of two stages compared
// without AWS, names aside; and `flowc diff --stage prod` compares with the stage block's stack.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';
import { FLOW, HANDLER, instantClock, writeFlow } from '../deploy/helpers.js';
import { runDiff, runStageDiff } from '../../compiler/cli/commands/diff.js';

const cloudformation = mockClient(CloudFormationClient);
beforeEach(() => cloudformation.reset());

const STAGED = `${FLOW}stage dev {}
stage prod {
  region = "eu-west-1"
  stack = "shop-production"
  memory = 1024
  jobs { visibility = 300s }
}
`;

function host(flow = STAGED): MemoryHost {
  return new MemoryHost(writeFlow(HANDLER, flow).dir).addFile('app.flow', flow);
}

describe('flowc diff --stage A --stage B', () => {
  test('lists what the second stage changes, resource by resource, and its deploy settings; AWS is not asked', async () => {
    const h = host();
    expect(await main(['diff', 'app.flow', '--stage', 'dev', '--stage', 'prod'], h)).toBe(0);
    expect(h.out).toBe(
      [
        'stage dev → stage prod (app.flow; physical names compared without the stage):',
        '  ~   deploy setting region: (not set) → eu-west-1',
        '  ~   deploy setting stack: (not set) → shop-production',
        '  ~   queue jobs: VisibilityTimeout  (app.flow:3)',
        '  ~   fn work: MemorySize  (app.flow:4)',
        '',
      ].join('\n'),
    );
    expect(cloudformation.calls()).toHaveLength(0);
  });

  test('two stages that differ only in their names make the same template', async () => {
    const h = host(`${FLOW}stage dev {}\nstage qa {}\n`);
    expect(await main(['diff', 'app.flow', '--stage', 'dev', '--stage', 'qa'], h)).toBe(0);
    expect(h.out).toBe('stages dev and qa of app.flow make the same template (physical names compared without the stage)\n');
  });

  test('a stage the file does not declare: FL2018, exit 1', async () => {
    const h = host();
    expect(await main(['diff', 'app.flow', '--stage', 'dev', '--stage', 'prd'], h)).toBe(1);
    expect(h.out).toContain('error[FL2018]');
  });

  test('runStageDiff refuses one stage compared with itself before it reads the file', async () => {
    await expect(runStageDiff(new MemoryHost(), 'missing.flow', 'dev', 'dev')).rejects.toThrow('give two different stages to compare');
  });

  test('the same stage twice, three stages, or --stack with two: usage errors', async () => {
    for (const args of [['--stage', 'dev', '--stage', 'dev'], ['--stage', 'dev', '--stage', 'prod', '--stage', 'qa'], ['--stage', 'dev', '--stage', 'prod', '--stack', 's']]) {
      const h = host();
      expect(await main(['diff', 'app.flow', ...args], h), args.join(' ')).toBe(2);
      expect(h.out).toBe('');
    }
  });
});

describe('flowc diff --stage NAME', () => {
  test('compares with the stage block\'s stack, in its region', async () => {
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id shop-production does not exist'), { name: 'ValidationError' }));
    const h = host();
    expect(await runDiff(h, 'app.flow', { stage: 'prod' }, instantClock())).toBe(0);
    const asked = cloudformation.commandCalls(DescribeStacksCommand);
    expect(new Set(asked.map((call) => call.args[0].input.StackName))).toEqual(new Set(['shop-production']));
    expect(h.out).toContain('stack shop-production does not exist in eu-west-1');
  });
});
