import type { Rule } from '../rule.js';

/**
 * FL4083: `bucket uploads: T`. A bucket holds objects (bytes under keys), not typed messages:
 * what its notifications deliver is S3's event (`S3Event`), and what a handler writes with its
 * client is any body. A type would be checked against nothing, so flowc refuses it rather than
 * ignore it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 */
export const bucketType: Rule = {
  code: 'FL4083',
  visit: {
    bucket(bucket, context) {
      const decl = bucket.decl;
      if (decl.kind !== 'ResourceDecl' || decl.type === undefined) return;
      const start = decl.name.span.end;
      const span = { start, end: decl.type.span.end };
      context.report(decl.type.span, `a bucket has no payload type`, {
        label: 'a bucket holds objects, not messages of a type',
        why: "S3 stores bytes under keys; its notifications carry S3's own event (`S3Event`: the bucket, the key, the size), whatever the objects hold, so a type here would be checked against nothing.",
        help: `remove \`${context.source.text.slice(start, decl.type.span.end).trim()}\`; to type what the objects hold, parse them in the handler`,
        suggestions: [{ title: 'remove the type', edits: [{ span, replacement: '' }], applicability: 'machine-applicable' }],
      });
    },
  },
};
