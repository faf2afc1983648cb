// The simulator holds each handler's SDK calls to its function's execution role, as the manifest
// grants it (compiler/lower/grants.ts): a call no grant allows fails as IAM fails it on AWS.
import { describe, expect, test } from 'vitest';
import type { FlowManifest, GrantResource } from '../../runtime/manifest/schema.js';
import type { Handler } from '../../runtime/sim/services/lambda.js';
import { Simulator } from '../../runtime/sim/simulator.js';
import { SDK_MODULES } from '../../runtime/sim/sdk/modules.js';
import { renderTraceText } from '../../runtime/sim/trace.js';
import { manifestOf, type TestHandler } from './helpers.js';

type Client = new () => { send(command: unknown): Promise<unknown> };
type Command = new (input: object) => unknown;
const sqs = SDK_MODULES['@aws-sdk/client-sqs'] as { SQSClient: Client; SendMessageCommand: Command; SendMessageBatchCommand: Command };
const s3 = SDK_MODULES['@aws-sdk/client-s3'] as { S3Client: Client; PutObjectCommand: Command; GetObjectCommand: Command; ListObjectsV2Command: Command };
const documents = SDK_MODULES['@aws-sdk/lib-dynamodb'] as { DynamoDBDocumentClient: { from(client: unknown): { send(command: unknown): Promise<unknown> } }; PutCommand: Command; UpdateCommand: Command };

const FLOW = `app shop
type Order = { id: string, total: number }
queue orders: Order
queue receipts: Order
table totals: Order
table seen: Order
bucket files
fn charge(Order) { sends = [receipts, files], idempotency = seen }
orders -> charge
`;

const principal = 'arn:aws:sts::000000000000:assumed-role/shop-charge-role/shop-charge';
const denied = (action: string, resource: string) => `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

/** The flow's manifest with the grants of `charge` on `resource` taken away. */
function without(manifest: FlowManifest, resource: GrantResource): FlowManifest {
  const charge = (manifest.grants.functions.charge ?? []).filter((grant) => grant.resource.kind !== resource.kind || grant.resource.name !== resource.name);
  return { ...manifest, grants: { ...manifest.grants, functions: { ...manifest.grants.functions, charge } } };
}

/** Runs one message through `charge`, whose handler makes `call`; what it threw (name: message), or undefined. */
async function attempt(manifest: FlowManifest, call: () => Promise<unknown>): Promise<{ readonly error: string | undefined; readonly sim: Simulator }> {
  let error: string | undefined;
  const charge: TestHandler = async () => {
    try {
      await call();
    } catch (thrown) {
      error = `${(thrown as Error).name}: ${(thrown as Error).message}`;
    }
  };
  const sim = new Simulator(manifest, { charge } as Record<string, Handler>, { captureLogs: false });
  sim.inject({ kind: 'send', queue: 'orders', message: { id: 'o-1', total: 12 } });
  await sim.run();
  return { error, sim };
}

const sendReceipt = () => new sqs.SQSClient().send(new sqs.SendMessageCommand({ QueueUrl: process.env.FLOWC_QUEUE_RECEIPTS, MessageBody: JSON.stringify({ id: 'o-1', total: 12 }) }));

describe('a handler call its role does not allow fails as on AWS', () => {
  const manifest = manifestOf(FLOW);

  test('a send its grants allow goes through; the same send without the grant is refused, and nothing is sent', async () => {
    const allowed = await attempt(manifest, sendReceipt);
    expect(allowed.error).toBeUndefined();
    expect(allowed.sim.queueMessages('receipts')).toHaveLength(1);

    const refused = await attempt(without(manifest, { kind: 'queue', name: 'receipts' }), sendReceipt);
    expect(refused.error).toBe(`AccessDenied: ${denied('sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:shop-receipts')}`);
    expect(refused.sim.queueMessages('receipts')).toEqual([]);
  });

  test('the refused call fails the invocation, and the trace says so', async () => {
    const charge: TestHandler = async () => {
      await sendReceipt();
    };
    const sim = new Simulator(without(manifest, { kind: 'queue', name: 'receipts' }), { charge } as Record<string, Handler>, { captureLogs: false });
    sim.inject({ kind: 'send', queue: 'orders', message: { id: 'o-1', total: 12 } });
    await sim.run({ untilMs: 1_000 });
    expect(renderTraceText(sim.trace.entries)).toContain(`AccessDenied: ${denied('sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:shop-receipts')}`);
  });

  test('a batch to a queue the role may not send to fails as a whole, not entry by entry', async () => {
    const batch = () =>
      new sqs.SQSClient().send(new sqs.SendMessageBatchCommand({ QueueUrl: process.env.FLOWC_QUEUE_RECEIPTS, Entries: [{ Id: '1', MessageBody: JSON.stringify({ id: 'o-1', total: 1 }) }] }));
    const { error } = await attempt(without(manifest, { kind: 'queue', name: 'receipts' }), batch);
    expect(error).toBe(`AccessDenied: ${denied('sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:shop-receipts')}`);
  });

  test('a resource of the flow that is not in the function’s sends is refused (DynamoDB’s AccessDeniedException)', async () => {
    const put = () => documents.DynamoDBDocumentClient.from({}).send(new documents.PutCommand({ TableName: process.env.FLOWC_TABLE_TOTALS, Item: { id: 'o-1', total: 12 } }));
    const { error } = await attempt(manifest, put);
    expect(error).toBe(`AccessDeniedException: ${denied('dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-totals')}`);
  });

  test('the idempotency table allows the store’s PutItem, not an UpdateItem', async () => {
    const update = () =>
      documents.DynamoDBDocumentClient.from({}).send(
        new documents.UpdateCommand({ TableName: process.env.FLOWC_TABLE_SEEN, Key: { id: 'o-1' }, UpdateExpression: 'SET #t = :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':t': 1 } }),
      );
    const put = () => documents.DynamoDBDocumentClient.from({}).send(new documents.PutCommand({ TableName: process.env.FLOWC_TABLE_SEEN, Item: { id: 'o-1', total: 12 } }));
    expect((await attempt(manifest, put)).error).toBeUndefined();
    expect((await attempt(manifest, update)).error).toBe(`AccessDeniedException: ${denied('dynamodb:UpdateItem', 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-seen')}`);
  });

  test('S3: object calls are held to the grant on the objects, with the object’s ARN; listing to the grant on the bucket', async () => {
    const bucket = 'shop-files-000000000000-us-east-1';
    const get = () => new s3.S3Client().send(new s3.GetObjectCommand({ Bucket: process.env.FLOWC_BUCKET_FILES, Key: 'a/b.txt' }));
    const list = () => new s3.S3Client().send(new s3.ListObjectsV2Command({ Bucket: process.env.FLOWC_BUCKET_FILES }));
    expect((await attempt(manifest, list)).error).toBeUndefined();
    expect((await attempt(without(manifest, { kind: 'bucket-objects', name: 'files' }), get)).error).toBe(`AccessDenied: ${denied('s3:GetObject', `arn:aws:s3:::${bucket}/a/b.txt`)}`);
    expect((await attempt(without(manifest, { kind: 'bucket', name: 'files' }), list)).error).toBe(`AccessDenied: ${denied('s3:ListBucket', `arn:aws:s3:::${bucket}`)}`);
  });
});
