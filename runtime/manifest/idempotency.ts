/**
 * The attributes flowc's DynamoDB idempotency store (runtime/idempotency/dynamodb-store.ts)
 * writes into every record besides the table's key and its TTL attribute: the contract between
 * the store and the checker, which refuses an idempotency table whose key, `ttl` or item type
 * uses one of these names (FL3019), since the store would overwrite it or refuse to start.
 */
export const idempotencyRecordAttributes = ['status', 'lockedUntil', 'result', 'payloadHash'] as const;
