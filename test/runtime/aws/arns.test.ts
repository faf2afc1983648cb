// One spelling of each ARN (runtime/aws/arns.ts): the IAM statements of the template and the
// addresses of the simulator are the same ARN, once the template's pseudo parameters have
// the simulated partition, Region and account.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { arnOf } from '../../../runtime/aws/arns.js';
import { arnOf as templateArn } from '../../../compiler/emit/cloudformation/names.js';
import { compileText } from '../../../compiler/program.js';
import { Addresses } from '../../../runtime/sim/addresses.js';
import type { ResourceKind } from '../../../runtime/manifest/schema.js';

const root = new URL('../../../', import.meta.url).pathname;
const scope = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };

test('each kind has its service and resource form', () => {
  expect(arnOf('fn', 'shop-charge', scope)).toBe('arn:aws:lambda:eu-west-1:123456789012:function:shop-charge');
  expect(arnOf('queue', 'shop-jobs.fifo', scope)).toBe('arn:aws:sqs:eu-west-1:123456789012:shop-jobs.fifo');
  expect(arnOf('bus', 'shop-events', { ...scope, partition: 'aws-cn' })).toBe('arn:aws-cn:events:eu-west-1:123456789012:event-bus/shop-events');
  expect(arnOf('table-stream', 'shop-orders', scope)).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/shop-orders/stream/*');
});

test('the template and the simulator give every declaration of the examples the same ARN', () => {
  for (const example of ['shop', 'ledger', 'telemetry', 'billing']) {
    const { manifest } = compileText(`${example}.flow`, readFileSync(`${root}examples/${example}/${example}.flow`, 'utf8'));
    if (!manifest) throw new Error(`${example} does not compile`);
    const addresses = new Addresses(manifest, scope.region, scope.account);
    const filled = (kind: 'fn' | ResourceKind, name: string) => {
      const value = templateArn(kind, addresses.physicalName(kind, name)) as { 'Fn::Sub': string };
      return value['Fn::Sub'].replace('${AWS::Partition}', scope.partition).replace('${AWS::Region}', scope.region).replace('${AWS::AccountId}', scope.account);
    };
    for (const fn of manifest.functions) expect(addresses.functionArn(fn.name)).toBe(filled('fn', fn.name));
    const resources: [ResourceKind, readonly { name: string }[]][] = [['queue', manifest.queues], ['topic', manifest.topics], ['bus', manifest.buses], ['stream', manifest.streams], ['table', manifest.tables]];
    for (const [kind, list] of resources) for (const item of list) expect(addresses.arn(kind, item.name)).toBe(filled(kind, item.name));
  }
});
