import { describe, expect, test } from 'vitest';
import { existingOwnerSetting } from '../../compiler/check/rules/existing-owner-setting.js';
import { existingFifoSuffix } from '../../compiler/check/rules/existing-fifo-suffix.js';
import { checkText } from '../../compiler/program.js';
import { isArnProblem, parseExistingArn } from '../../runtime/aws/arns.js';
import { expectDiagnostics } from '../helpers/expect-diagnostics.js';

/** Every diagnostic of a whole check, as `CODE line:col`, to show there is exactly one per mistake. */
function codesOf(text: string): string[] {
  return checkText('t.flow', text).diagnostics.map((d) => {
    const { line, column } = d.source.position(d.primary.span.start);
    return `${d.code} ${line}:${column}`;
  });
}

describe('the ARN of an existing resource (runtime/aws/arns.ts parseExistingArn)', () => {
  test('each kind takes its service and resource form; a table also its stream', () => {
    expect(parseExistingArn('queue', 'arn:aws-cn:sqs:cn-north-1:123456789012:jobs.fifo')).toEqual({ arn: 'arn:aws-cn:sqs:cn-north-1:123456789012:jobs.fifo', partition: 'aws-cn', region: 'cn-north-1', account: '123456789012', name: 'jobs.fifo' });
    expect(parseExistingArn('bus', 'arn:aws:events:eu-west-1:123456789012:event-bus/default')).toMatchObject({ name: 'default' });
    expect(parseExistingArn('table', 'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000')).toEqual({
      arn: 'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/orders',
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      account: '123456789012',
      name: 'orders',
      streamArn: 'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000',
    });
  });

  test.each([
    ['queue', 'sqs:eu-west-1:123456789012:jobs', 'syntax', /arn:partition:service/],
    ['queue', 'arn:azure:sqs:eu-west-1:123456789012:jobs', 'syntax', /partition `azure`/],
    ['queue', 'arn:aws:sqs:europe:123456789012:jobs', 'syntax', /`europe` is not a Region code/],
    ['queue', 'arn:aws:sqs::123456789012:jobs', 'syntax', /no Region/],
    ['queue', 'arn:aws:sqs:eu-west-1:1234567890123:jobs', 'syntax', /not 12 digits/],
    ['queue', 'arn:aws:sqs:eu-west-1:123456789012:jobs!', 'syntax', /not a queue name/],
    ['queue', `arn:aws:sqs:eu-west-1:123456789012:${'q'.repeat(81)}`, 'syntax', /1–80 characters/],
    ['table', 'arn:aws:dynamodb:eu-west-1:123456789012:table/ab', 'syntax', /3–255 characters/],
    ['stream', 'arn:aws:sqs:eu-west-1:123456789012:jobs', 'service', /ARN of `sqs`/],
    ['table', 'arn:aws:dynamodb:eu-west-1:123456789012:backup/orders', 'service', /not a table's, `table\/NAME`/],
  ] as const)('%s %s: %s', (kind, text, problem, detail) => {
    const parsed = parseExistingArn(kind, text);
    expect(isArnProblem(parsed) && parsed.problem).toBe(problem);
    expect(isArnProblem(parsed) ? parsed.detail : '').toMatch(detail);
  });
});

describe('existing resources in a check: one diagnostic per mistake', () => {
  test('an owner-only setting is FL4091 alone: the range rules and the DLQ rules do not judge it', () => {
    expect(
      codesOf(`app shop
type Order = { id: string }
queue legacy: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:legacy-orders", visibility = 99h, max_receives = 0 }
fn fulfil(Order)
legacy -> fulfil { batch = 10 }
`),
    ).toEqual(['FL4091 3:81', 'FL4091 3:99']);
  });

  test('a malformed `arn` is FL2030 alone, and the queue is judged as one the stack creates', () => {
    expect(codesOf('app shop\ntype Order = { id: string }\nqueue legacy: Order { arn = "arn:aws:sqs:eu-west-1:1:legacy", visibility = 30s }\n')).toEqual(['FL2030 3:29']);
  });

  test('the derived FIFO is what the FIFO rules see: a FIFO queue whose messages have no group is their finding, not a follow-on of `fifo`', () => {
    const text = `app shop
type Order = { id: string }
queue legacy: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:legacy.fifo" }
fn take(Order) { sends = [legacy] }
`;
    const codes = codesOf(text);
    expect(codes.some((c) => c.startsWith('FL4090'))).toBe(false);
    expect(codes.length).toBeGreaterThan(0);
  });

  test('the name length rule (FL4036) does not count an existing resource: its name is the ARN\'s', () => {
    expect(codesOf(`app ${'a'.repeat(80)}\ntype Order = { id: string }\nqueue legacy: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:legacy" }\nfn work(Order)\nlegacy -> work\n`).filter((c) => c.startsWith('FL4036'))).toEqual(['FL4036 1:5']);
  });

  test('a DLQ in another account is FL4093 on the stage, a trigger from another account is allowed', () => {
    const text = `app shop
type Order = { id: string }
queue jobs: Order { dlq = dead }
queue dead: Order { arn = "arn:aws:sqs:eu-west-1:210987654321:dead" }
queue theirs: Order { arn = "arn:aws:sqs:eu-west-1:210987654321:theirs" }
fn work(Order)
jobs -> work
theirs -> work
stage prod { region = "eu-west-1", account = "123456789012" }
`;
    expect(codesOf(text)).toEqual(['FL4093 4:27']);
  });
});

describe('rule messages', () => {
  test('FL4090: a standard queue named FIFO, and a topic', () => {
    expectDiagnostics(
      existingFifoSuffix,
      `app shop
type Order = { id: string }
queue legacy: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:legacy", fifo = true }
topic events: Order { arn = "arn:aws:sns:eu-west-1:123456789012:events.fifo", fifo = true }
`,
      [{ at: '3:81', message: 'the existing queue `legacy` is a standard queue: its name does not end in `.fifo`', label: '`fifo = true` disagrees with the ARN' }],
    );
  });

  test('FL4091: `dedupe` describes the queue and stays; a bus\'s tags are its owner\'s', () => {
    expectDiagnostics(
      existingOwnerSetting,
      `app shop
type Order = { id: string, account: string }
queue a: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:a.fifo", group = account, dedupe = content }
queue b: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:b.fifo", group = account, dedupe = id }
bus c { arn = "arn:aws:events:eu-west-1:123456789012:event-bus/c", tags { team = "x" } }
`,
      [
        { at: '5:68', message: '`tags` cannot be set on the existing bus `c`', why: /its tags are the owner's/ },
      ],
    );
  });
});
