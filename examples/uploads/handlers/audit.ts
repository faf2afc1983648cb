// The handler of `audit` (uploads.flow:14). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { isS3TestEvent } from 'flowc/runtime';
import { audit, type AuditHandler, type AuditInput } from '../generated/flow.js';

/** Logs what happened to each object; S3's test message (sent when a notification is configured) is skipped. */
function record(notification: AuditInput): void {
  if (isS3TestEvent(notification)) return;
  for (const r of notification.Records) console.log(`${r.eventName} ${decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '))}`);
}

export const handler: AuditHandler = audit.route({
  // `notification` is one decoded message body; the messages of a batch come one at a time, in order.
  sqs: audit.sqs.eachMessage(async (notification: AuditInput) => record(notification)),
  // `notification` is the decoded message of one notification.
  sns: audit.sns.onMessage(async (notification: AuditInput) => record(notification)),
});
