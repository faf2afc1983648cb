/**
 * Reads a partial batch response (`ReportBatchItemFailures`, https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html, https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html): an empty or
 * missing list is success; an identifier that is empty, not a string or not in the batch makes
 * the whole batch a failure, as Lambda does.
 */
export type BatchResponse =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial'; readonly failed: ReadonlySet<string> }
  | { readonly kind: 'invalid'; readonly reason: string };

export function readBatchResponse(value: unknown, identifiers: ReadonlySet<string>): BatchResponse {
  if (value === undefined || value === null || typeof value !== 'object') return { kind: 'success' };
  const failures = (value as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'invalid', reason: '`batchItemFailures` is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return { kind: 'invalid', reason: 'an `itemIdentifier` is empty or not a string' };
    if (!identifiers.has(id)) return { kind: 'invalid', reason: `\`itemIdentifier\` ${id} is not in the batch` };
    failed.add(id);
  }
  return { kind: 'partial', failed };
}
