// What a user writes against the generated module: handler code that uses the payloads, the
// records and the `sends` clients type-checks, and code that AWS would reject does not.
// Against the kitchen-sink flow, which has every trigger and every kind of client.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { manifestOf, repoRoot, testFlowPath, typeCheck } from './type-check.js';

const folder = join(repoRoot, '.flowc-virtual/handler-code');
const imports = "import { after, archived, both, charge, direct, enveloped, on_change } from '../generated/flow.js';\nimport { decodeJson } from 'flowc/runtime';\n";

/** Code that must type-check. */
const accepted = `${imports}
export const chargeHandler = charge.onMessage(async (order) => {
  await charge.sends.events.put({ entity: 'order', action: 'created' });
  await charge.sends.events.put({ entity: 'order', action: 'deleted' }, { detailType: 'OrderDeleted' });
  await charge.sends.changes.put({ entity: 'order', action: 'created' }, { partitionKey: order.id });
  await charge.sends.keyed.put(order);
  await charge.sends.ledger.put(order);
  const stored = await charge.sends.ledger.get({ customer: order.customer, id: order.id });
  await charge.sends.retry_fifo.send(order);
  await charge.sends.retry_fifo.send(order, { groupId: 'vip' });
  return { what: \`\${order.lines.length} lines, \${stored?.total ?? 0}\` };
});
export const directHandler = direct.onInvoke(async (order) => {
  await direct.sends.placed.publish(order);
  await direct.sends.placed_fifo.publish(order);
  return { what: order.tags?.join(',') ?? '' };
});
export const bothHandler = both.route({
  sqs: both.sqs.eachMessage(async (order, { record }) => void record.attributes.ApproximateReceiveCount.concat(order.id)),
  sns: both.sns.onMessage(async (order) => void order.total.toFixed(2)),
});
export const afterHandler = after.onInvoke(async (success) => {
  const condition: 'Success' = success.requestContext.condition;
  return void \`\${condition} \${success.requestPayload.Records[0]?.Sns.Message} \${success.responsePayload.what}\`;
});
export const archivedHandler = archived.eachMessage(async (event) => {
  const reason: string | undefined = event.detail.responsePayload?.errorMessage;
  return void \`\${event['detail-type']} \${event.detail.requestPayload?.Records[0]?.Sns.TopicArn} \${reason}\`;
});
export const envelopedHandler = enveloped.eachMessage(async (notification) => void decodeJson(notification.Message).customer);
export const onChangeHandler = on_change.onEvent(async (change, { event }) => {
  const detailType: 'Created' | 'Deleted' = event['detail-type'];
  return void \`\${detailType} \${change.action}\`;
});

// The handlers are Lambda handlers to @types/aws-lambda, and its events are their events.
import type { DynamoDBStreamHandler, EventBridgeHandler, Handler, KinesisStreamHandler, SNSEvent, SQSEvent, SQSHandler } from 'aws-lambda';
import { dynamodbTrigger, kinesisTrigger, type SqsEvent } from 'flowc/runtime';
import type { Audit, Change, Order } from '../generated/flow.js';
export const asSqs: SQSHandler = archivedHandler;
export const asSns: Handler<SNSEvent, Audit> = chargeHandler;
export const asBus: EventBridgeHandler<'Created' | 'Deleted', Change, void> = onChangeHandler;
export const asKinesis: KinesisStreamHandler = kinesisTrigger<Change>({ reportFailures: true }).eachRecord(async () => {});
export const asDynamoDb: DynamoDBStreamHandler = dynamodbTrigger<Order>({ reportFailures: false, views: ['new_and_old'] }).eachChange(async () => {});
export const fromAws = (event: SQSEvent): SqsEvent<Order> => event;
export const toAws = (event: SqsEvent<Order>): SQSEvent => event;
`;

/** Each must fail, with this in the message. */
const rejected: Record<string, [code: string, message: string]> = {
  'a stream without a partition field needs the key': ['charge.sends.changes.put({ entity: "e", action: "created" });', 'Expected 2 arguments'],
  'a table get needs the whole key': ["charge.sends.ledger.get({ customer: 'c' });", "Property 'id' is missing"],
  'a bus event must be of the bus type': ["charge.sends.events.put({ entity: 'e', action: 'updated' });", `'"updated"' is not assignable`],
  'a FIFO queue takes no per-message delay': ['charge.sends.retry_fifo.send({} as never, { delaySeconds: 5 });', "'delaySeconds' does not exist"],
  "a queue's message must be of the queue type": ["charge.sends.retry_fifo.send({ id: 'o' });", 'is missing the following properties'],
  'the result must be of the output type': ['charge.onMessage(async () => ({ what: 1 }));', "Type 'number' is not assignable to type 'string'"],
  'a route needs a handler for every trigger kind': ['both.route({ sqs: both.sqs.eachMessage(async () => {}) });', "Property 'sns' is missing"],
  'a success record holds the output, not an error': ['after.onInvoke(async (s) => void s.responsePayload.errorMessage);', "Property 'errorMessage' does not exist"],
  'a queue trigger hands over one message, not the batch': ['archived.eachMessage(async (event) => void event.Records);', "Property 'Records' does not exist"],
};

describe('handler code against the generated module', () => {
  const output = emitTypeScript(manifestOf(testFlowPath('kitchen-sink')), { generatedDir: 'generated' });
  const files = new Map([...output.generated].map(([path, text]) => [join(folder, path), text]));
  files.set(join(folder, 'handlers/accepted.ts'), accepted);
  const cases = Object.entries(rejected);
  cases.forEach(([, [code]], i) => files.set(join(folder, `handlers/rejected-${i}.ts`), `${imports}\nexport const run = async () => { ${code} };\n`));
  const errors = typeCheck(files);
  const errorsIn = (file: string) => errors.filter((e) => e.file === join(folder, 'handlers', file)).map((e) => e.message);

  it('accepts code that uses payloads, records and clients as the flow declares them', () => {
    expect([...errorsIn('accepted.ts'), ...errors.filter((e) => !e.file.includes('/handlers/')).map((e) => `${e.file}: ${e.message}`)]).toEqual([]);
  });

  it.each(cases.map(([name, [, message]], i) => [name, message, i] as const))('rejects: %s', (_name, message, i) => {
    const messages = errorsIn(`rejected-${i}.ts`);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toContain(message);
  });
});
