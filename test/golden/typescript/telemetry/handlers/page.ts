// The handler of `page` (telemetry.flow:20). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { page, type Alert, type Page, type PageHandler } from '../generated/flow.js';

// `alert` is the decoded message of one notification; return the function's result.
// Throw to fail the invocation: Lambda retries it twice, then sends its failure record to `ops`.
// Its result goes to `ops` (success destination).
export const handler: PageHandler = page.onMessage(async (alert: Alert): Promise<Page> => {
  throw new Error(`page is not implemented yet (handlers/page.ts): ${JSON.stringify(alert)}`);
});
