// The handler of `audit` (uploads.flow:14). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { audit, type AuditHandler, type AuditInput } from '../generated/flow.js';

export const handler: AuditHandler = audit.route({
  // `notification` is one decoded message body; the messages of a batch come one at a time, in order.
  // Throw to fail the whole batch: every message in it comes back after the visibility timeout.
  sqs: audit.sqs.eachMessage(async (notification: AuditInput) => {
    throw new Error(`audit is not implemented yet (handlers/audit.ts): ${JSON.stringify(notification)}`);
  }),
  // `notification` is the decoded message of one notification.
  // Throw to fail the invocation: Lambda retries it twice, then drops the event.
  sns: audit.sns.onMessage(async (notification: AuditInput) => {
    throw new Error(`audit is not implemented yet (handlers/audit.ts): ${JSON.stringify(notification)}`);
  }),
});
