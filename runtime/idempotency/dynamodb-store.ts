/**
 * An idempotency store in a DynamoDB table, the AWS advice for at-least-once triggers such as
 * FIFO queues: claim a unique attribute with a conditional write. The table is one the flow
 * declares and the function lists in `sends`, keyed by a string attribute (default `id`):
 *
 *     type Seen = { id: string }
 *     table seen: Seen { key = id }
 *     fn post(Transfer) { sends = [seen] }
 *
 * Items hold `status`, `expiresAt` (Unix seconds: enable the table's TTL on it to have DynamoDB
 * delete old items; an expired item is treated as absent either way) and `result` (JSON).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { targetAddress } from '../clients/address.js';
import { dynamoDbSdk } from '../clients/sdk.js';
import type { ClaimOutcome, IdempotencyStore } from './store.js';

export interface DynamoDbStoreOptions {
  /** The table's name in the flow (the function must list it in `sends`). */
  readonly table: string;
  /** The table's partition key attribute (default `id`). */
  readonly keyAttribute?: string;
}

function outcomeOf(item: Record<string, AttributeValue> | undefined): ClaimOutcome {
  if (item?.status?.S === 'COMPLETED') return { status: 'completed', resultJson: item.result?.S ?? 'null' };
  return { status: 'in-progress' };
}

export function dynamoDbIdempotencyStore(options: DynamoDbStoreOptions): IdempotencyStore {
  const keyAttribute = options.keyAttribute ?? 'id';
  const tableName = (): string => targetAddress('table', options.table);
  const key = (value: string): Record<string, AttributeValue> => ({ [keyAttribute]: { S: value } });
  return {
    async claim(id, now, lockUntil) {
      const { client, module } = await dynamoDbSdk();
      try {
        await client.send(
          new module.PutItemCommand({
            TableName: tableName(),
            Item: { ...key(id), status: { S: 'IN_PROGRESS' }, expiresAt: { N: String(lockUntil) } },
            ConditionExpression: 'attribute_not_exists(#key) OR #expiresAt <= :now',
            ExpressionAttributeNames: { '#key': keyAttribute, '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':now': { N: String(now) } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { status: 'claimed' };
      } catch (error) {
        if (!(error instanceof module.ConditionalCheckFailedException)) throw error;
        return outcomeOf(error.Item);
      }
    },
    async complete(id, resultJson, expiresAt) {
      const { client, module } = await dynamoDbSdk();
      await client.send(
        new module.PutItemCommand({
          TableName: tableName(),
          Item: { ...key(id), status: { S: 'COMPLETED' }, expiresAt: { N: String(expiresAt) }, result: { S: resultJson } },
        }),
      );
    },
    async release(id) {
      const { client, module } = await dynamoDbSdk();
      await client.send(new module.DeleteItemCommand({ TableName: tableName(), Key: key(id) }));
    },
  };
}
