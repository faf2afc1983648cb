/**
 * An idempotency store in a DynamoDB table, the AWS advice for at-least-once triggers: claim
 * the key with a conditional PutItem, record the result with a PutItem, and release a failed
 * run's key with a DeleteItem (nothing else, so the role grants exactly those two actions).
 *
 * The table is one the flow declares and names in the function's `idempotency = …`; flowc
 * passes its key attributes and its `ttl` attribute here. An item holds:
 *
 *   <key>        `<prefix>#<key>` (a table with a sort key: `idempotency#<prefix>` and the key in the sort key)
 *   status       IN_PROGRESS or COMPLETED
 *   <expiry>     when the record expires, Unix seconds: the table's TTL attribute, so DynamoDB deletes it
 *   lockedUntil  while IN_PROGRESS: until when the run may hold the key, Unix milliseconds
 *   result       the run's result, JSON
 *   payloadHash  SHA-256 of the payload, when payloads are validated
 *
 * An expired item counts as absent whether or not DynamoDB has deleted it yet (it deletes expired
 * items within days: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { targetAddress } from '../clients/address.js';
import { dynamoDbSdk } from '../clients/sdk.js';
import { idempotencyRecordAttributes } from '../manifest/idempotency.js';
import type { ClaimOutcome, IdempotencyStore } from './store.js';

export interface DynamoDbStoreOptions {
  /** The table's name in the flow. */
  readonly table: string;
  /** The table's partition key attribute (default `id`); a string attribute. */
  readonly keyAttribute?: string;
  /** The table's sort key attribute, if it has one (a string attribute). */
  readonly sortKeyAttribute?: string | null;
  /** The table's TTL attribute (its `ttl = …`), where the record's expiry goes (default `expiresAt`). */
  readonly expiryAttribute?: string;
}

const IN_PROGRESS = 'IN_PROGRESS';
const COMPLETED = 'COMPLETED';

function numberOf(value: AttributeValue | undefined): number {
  return value?.N === undefined ? 0 : Number(value.N);
}

export function dynamoDbIdempotencyStore(options: DynamoDbStoreOptions): IdempotencyStore {
  const keyAttribute = options.keyAttribute ?? 'id';
  const sortKeyAttribute = options.sortKeyAttribute ?? null;
  const expiryAttribute = options.expiryAttribute ?? 'expiresAt';
  // `flowc check` refuses such a table (FL3019); this guards a store configured by hand.
  const named = [keyAttribute, ...(sortKeyAttribute === null ? [] : [sortKeyAttribute]), expiryAttribute];
  if (new Set([...named, ...idempotencyRecordAttributes]).size !== named.length + idempotencyRecordAttributes.length) {
    throw new TypeError(`the idempotency table's key and TTL attributes (${named.join(', ')}) must differ from each other and from ${idempotencyRecordAttributes.join(', ')}`);
  }
  const tableName = (): string => targetAddress('table', options.table);
  const key = (id: string): Record<string, AttributeValue> =>
    sortKeyAttribute === null ? { [keyAttribute]: { S: id } } : { [keyAttribute]: { S: `idempotency#${id.slice(0, id.indexOf('#'))}` }, [sortKeyAttribute]: { S: id } };
  const hashAttribute = (hash: string | null): Record<string, AttributeValue> => (hash === null ? {} : { payloadHash: { S: hash } });

  function outcomeOf(item: Record<string, AttributeValue> | undefined): ClaimOutcome {
    const payloadHash = item?.payloadHash?.S ?? null;
    if (item?.status?.S === COMPLETED) return { status: 'completed', resultJson: item.result?.S ?? '{}', payloadHash, expiresAt: numberOf(item[expiryAttribute]) };
    return { status: 'in-progress', payloadHash, lockedUntilMs: numberOf(item?.lockedUntil) };
  }

  return {
    async claim(id, request) {
      const { client, module } = await dynamoDbSdk();
      try {
        await client.send(
          new module.PutItemCommand({
            TableName: tableName(),
            Item: {
              ...key(id),
              status: { S: IN_PROGRESS },
              [expiryAttribute]: { N: String(request.expiresAt) },
              lockedUntil: { N: String(request.lockedUntilMs) },
              ...hashAttribute(request.payloadHash),
            },
            // Free, expired, or held by a run whose time is up (it timed out or crashed).
            ConditionExpression: 'attribute_not_exists(#key) OR #expiry <= :now OR (#status = :inProgress AND #lock < :nowMs)',
            ExpressionAttributeNames: { '#key': keyAttribute, '#expiry': expiryAttribute, '#status': 'status', '#lock': 'lockedUntil' },
            ExpressionAttributeValues: { ':now': { N: String(Math.floor(request.nowMs / 1000)) }, ':nowMs': { N: String(request.nowMs) }, ':inProgress': { S: IN_PROGRESS } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { status: 'claimed' };
      } catch (error) {
        if (!(error instanceof module.ConditionalCheckFailedException)) throw error;
        return outcomeOf(error.Item);
      }
    },
    async complete(id, record) {
      const { client, module } = await dynamoDbSdk();
      await client.send(
        new module.PutItemCommand({
          TableName: tableName(),
          Item: { ...key(id), status: { S: COMPLETED }, [expiryAttribute]: { N: String(record.expiresAt) }, result: { S: record.resultJson }, ...hashAttribute(record.payloadHash) },
        }),
      );
    },
    async release(id) {
      const { client, module } = await dynamoDbSdk();
      await client.send(new module.DeleteItemCommand({ TableName: tableName(), Key: key(id) }));
    },
  };
}
