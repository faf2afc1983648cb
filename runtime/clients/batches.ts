/**
 * Batch sends: entries split into the requests AWS accepts (at most N entries and B bytes
 * each), sent one request after another, and every entry's outcome accounted for. AWS answers
 * a batch call with 200 even when entries failed, so a client that only awaited the call would
 * lose them silently; here any failed entry makes the send throw a `BatchSendError` that says
 * which entries went out and which did not, so the caller can retry exactly those.
 */

/** Why one entry of a batch was not sent. */
export interface BatchFailure<Entry> {
  /** Its position in the entries given. */
  readonly index: number;
  readonly entry: Entry;
  /** AWS's error code for it (`InvalidParameterValue`, `ProvisionedThroughputExceededException`…), or `NotSent`. */
  readonly code: string;
  readonly message: string;
  /** AWS says the entry itself is at fault (retrying it unchanged fails again). */
  readonly senderFault: boolean;
}

/** Some entries of a batch send were not sent: `sent` has the result of each entry that was (by index), `failed` the others. */
export class BatchSendError<Entry, Result> extends Error {
  override readonly name = 'BatchSendError';

  constructor(
    /** `queue \`orders\``. */
    readonly target: string,
    readonly sent: ReadonlyMap<number, Result>,
    readonly failed: readonly BatchFailure<Entry>[],
    cause?: unknown,
  ) {
    const first = failed[0];
    super(
      `${failed.length} of ${failed.length + sent.size} entries to ${target} were not sent${first === undefined ? '' : ` (entry ${first.index}: ${first.code}: ${first.message})`}`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** The outcome of one entry as a batch call reports it. */
export type EntryOutcome<Result> = { readonly ok: Result } | { readonly code: string; readonly message: string; readonly senderFault: boolean };

export interface BatchPlan<Entry> {
  /** What the entries go to, for messages: `queue \`orders\``. */
  readonly target: string;
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** The bytes an entry counts for toward `maxBytes`. */
  readonly sizeOf: (entry: Entry) => number;
  /**
   * The order of entries matters (a FIFO queue or topic): after a request with a failed entry,
   * the later entries are not sent (`NotSent`), so none overtakes the one that failed.
   */
  readonly ordered: boolean;
}

/** Indexes of `entries` in requests of at most `maxEntries` entries and `maxBytes` bytes; an entry larger than `maxBytes` goes alone. */
export function chunkIndexes<Entry>(entries: readonly Entry[], plan: Pick<BatchPlan<Entry>, 'maxEntries' | 'maxBytes' | 'sizeOf'>): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const [index, entry] of entries.entries()) {
    const size = plan.sizeOf(entry);
    if (current.length > 0 && (current.length === plan.maxEntries || bytes + size > plan.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Sends `entries` in requests: each entry becomes its part of a request (`toRequest`, for all
 * entries before anything is sent, so an entry that cannot be sent fails the call before any
 * is), and `send`, given the parts of one request, answers one outcome per part, in order.
 * Returns every entry's result, in order; throws `BatchSendError` when any entry was not sent.
 */
export async function sendInBatches<Entry, Request, Result>(
  entries: readonly Entry[],
  toRequest: (entry: Entry) => Request,
  plan: BatchPlan<Request>,
  send: (chunk: readonly Request[]) => Promise<readonly EntryOutcome<Result>[]>,
): Promise<Result[]> {
  const requests = entries.map(toRequest);
  const sent = new Map<number, Result>();
  const failed: BatchFailure<Entry>[] = [];
  let cause: unknown;
  const chunks = chunkIndexes(requests, plan);
  for (const [chunkIndex, chunk] of chunks.entries()) {
    let outcomes: readonly EntryOutcome<Result>[];
    try {
      outcomes = await send(chunk.map((i) => requests[i] as Request));
    } catch (error) {
      // The whole request failed (throttled, refused): none of its entries is known to be sent.
      cause ??= error;
      const code = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      outcomes = chunk.map(() => ({ code, message, senderFault: false }));
    }
    let chunkFailed = false;
    for (const [position, index] of chunk.entries()) {
      const outcome = outcomes[position] ?? { code: 'NoResult', message: 'AWS returned no result for this entry', senderFault: false };
      if ('ok' in outcome) sent.set(index, outcome.ok);
      else {
        chunkFailed = true;
        failed.push({ index, entry: entries[index] as Entry, ...outcome });
      }
    }
    if (chunkFailed && plan.ordered) {
      for (const index of chunks.slice(chunkIndex + 1).flat()) {
        failed.push({ index, entry: entries[index] as Entry, code: 'NotSent', message: 'not sent: an earlier entry failed, and sending this one would put it ahead of that one', senderFault: false });
      }
      break;
    }
  }
  if (failed.length > 0) throw new BatchSendError(plan.target, sent, failed, cause);
  return entries.map((_, index) => sent.get(index) as Result);
}

/** The outcome of each entry of a chunk, from the `Successful`/`Failed` lists SQS and SNS answer with (entry ids are positions). */
export function outcomesById<Result>(
  count: number,
  successful: readonly { readonly Id?: string | undefined }[] | undefined,
  failedEntries: readonly { readonly Id?: string | undefined; readonly Code?: string | undefined; readonly Message?: string | undefined; readonly SenderFault?: boolean | undefined }[] | undefined,
  resultOf: (entry: never) => Result,
): EntryOutcome<Result>[] {
  const outcomes: EntryOutcome<Result>[] = Array.from({ length: count }, () => ({ code: 'NoResult', message: 'AWS returned no result for this entry', senderFault: false }));
  for (const entry of successful ?? []) outcomes[Number(entry.Id)] = { ok: resultOf(entry as never) };
  for (const entry of failedEntries ?? []) outcomes[Number(entry.Id)] = { code: entry.Code ?? 'Unknown', message: entry.Message ?? '', senderFault: entry.SenderFault ?? false };
  return outcomes;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
