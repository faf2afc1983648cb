/**
 * The idempotency of a function whose flow names a table for it (`idempotency = seen`): the
 * generated helper calls `tableIdempotency` with the table's attributes and the function's key
 * prefix, and the handler picks its settings:
 *
 *     const once = post.idempotency({ key: ['id'] });
 *     export const handler = post.eachMessage((transfer, { context }) => once.onceFor(transfer, () => postTransfer(transfer), { context }));
 */
import { dynamoDbIdempotencyStore, type DynamoDbStoreOptions } from './dynamodb-store.js';
import { idempotency, type Idempotency, type IdempotencySettings } from './idempotency.js';

export interface IdempotencyTable extends DynamoDbStoreOptions {
  /** `<app>.<function>`: the namespace of the function's keys in the table. */
  readonly prefix: string;
}

/** Makes an `Idempotency` over the function's table with the handler's settings. */
export type IdempotencyFactory<T> = (settings?: IdempotencySettings<T>) => Idempotency<T>;

export function tableIdempotency<T>(table: IdempotencyTable): IdempotencyFactory<T> {
  return (settings = {}) => idempotency<T>({ ...settings, prefix: table.prefix, store: dynamoDbIdempotencyStore(table) });
}
