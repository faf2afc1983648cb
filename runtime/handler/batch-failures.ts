/**
 * Partial batch responses (`ReportBatchItemFailures`). The identifiers Lambda expects are the
 * SQS message id or the stream record's sequence number.
 *
 * In an ordered batch (a FIFO queue, a Kinesis or DynamoDB stream) a failure must also report
 * every later item, processed or not: SQS deletes whatever is not reported, so a later message
 * of the group would overtake the failed one (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). A stream checkpoints
 * before the first reported record, so reporting the rest changes nothing there and keeps one
 * rule for both.
 */
export interface BatchItemFailures {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * The response for a batch whose items (`itemIds`, in batch order) failed at `failedIndexes`.
 * Unordered: exactly the failed items. Ordered: the first failed item and every later one.
 */
export function batchItemFailures(itemIds: readonly string[], failedIndexes: Iterable<number>, ordered: boolean): BatchItemFailures {
  const failed = [...new Set(failedIndexes)].filter((i) => i >= 0 && i < itemIds.length).sort((a, b) => a - b);
  const first = failed[0];
  const reported = first === undefined ? [] : ordered ? itemIds.slice(first) : failed.map((i) => itemIds[i] as string);
  return { batchItemFailures: reported.map((itemIdentifier) => ({ itemIdentifier })) };
}
