// The handler of `page` (telemetry.flow:20). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { page, type Alert, type Page, type PageHandler } from '../generated/flow.js';

// Its result goes to `ops` (success destination).
// A failed invocation goes to `ops` after its retries (failure destination).
// `alert` is the decoded message of one notification; return the function's result.
// Throw to fail the invocation: Lambda retries it, then gives up (to the failure destination, if any).
/** Sites whose pager service is down: paging them fails until the retries run out. */
const PAGER_DOWN = new Set(['plant-b']);

export const handler: PageHandler = page.onMessage(async (alert: Alert): Promise<Page> => {
  if (PAGER_DOWN.has(alert.site)) throw new Error(`pager service of ${alert.site} is not answering`);
  return { alert: `${alert.device}: ${alert.reason}`, on_call: `on-call@${alert.site}`, channel: 'sms' };
});
