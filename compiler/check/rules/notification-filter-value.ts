import { s3 } from '../../../runtime/aws/s3.js';
import type { Rule } from '../rule.js';

/** A filter value longer than a key matches no key. */
const valueBytesMax = s3.keyBytesMax;

/**
 * FL4084: `prefix = ""` or `suffix = ""` on a bucket edge, or one longer than a key can be. An
 * empty value would be a filter rule that selects every key, as no rule does, in a form S3's
 * documentation does not describe; a value over 1,024 bytes (the most a key has) matches no key
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html).
 */
export const notificationFilterValue: Rule = {
  code: 'FL4084',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'notification') return;
      const model = context.edge(edge);
      for (const [field, name] of [['keyPrefix', 'prefix'], ['keySuffix', 'suffix']] as const) {
        const value = model[field];
        const setting = context.writtenOf(model, field);
        if (value === null || setting === undefined) continue;
        const bytes = new TextEncoder().encode(value).length;
        if (bytes > 0 && bytes <= valueBytesMax) continue;
        context.report(setting.value.span, bytes === 0 ? `an empty \`${name}\`` : `a \`${name}\` of ${bytes} bytes: no key is that long`, {
          label: bytes === 0 ? 'an empty filter value' : `S3 keys have at most ${valueBytesMax} bytes`,
          why: bytes === 0 ? 'Every key starts and ends with the empty string, so the filter would select every key, as no filter does; flowc writes no filter rule with an empty value, which S3 documents no meaning for, rather than guess.' : `An object key has at most ${valueBytesMax} bytes of UTF-8, so a ${name} longer than that matches no key: the notification never fires.`,
          help: bytes === 0 ? `remove \`${name}\`: without it every key matches` : `shorten the ${name}`,
        });
      }
    },
  },
};
