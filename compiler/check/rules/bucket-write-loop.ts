import type { Rule } from '../rule.js';

/**
 * FL5010 (warning): a bucket notifies a function of new objects with no `prefix` or `suffix`,
 * and the function can write to that bucket (`sends`). Every object the handler puts is a new
 * object the bucket notifies it of: a loop that runs until something fails, billed per request
 * and per invocation (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html: "we recommend
 * that you use two buckets, or configure the trigger to only apply to a prefix used for incoming
 * objects"). FL5002 leaves buckets to this rule: a bucket in `sends` is also how a handler reads
 * it, so only the filter can say that its writes stay out. One diagnostic per edge.
 */
export const bucketWriteLoop: Rule = {
  code: 'FL5010',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'notification' || edge.target.kind !== 'fn') return;
      const model = context.edge(edge);
      if (!model.events.some((word) => word.startsWith('created')) || model.keyPrefix !== null || model.keySuffix !== null) return;
      const sends = context.writtenOf(context.fn(edge.target), 'sends')?.value;
      const items = sends === undefined ? [] : sends.kind === 'ListValue' ? sends.items : [sends];
      const entry = items.find((item) => item.kind === 'PathValue' && item.text === edge.source.name);
      if (entry === undefined) return;
      context.report(edge.span, `\`${edge.target.name}\` is notified of every new object in \`${edge.source.name}\`, and can write to it`, {
        label: 'no prefix or suffix keeps its own writes out',
        secondary: [{ span: entry.span, message: `\`${edge.target.name}\` has a client of \`${edge.source.name}\`` }],
        why: "Each object the handler puts is a new object of the bucket, which invokes the function again: a loop that runs until something fails, billed per request and invocation. AWS recommends two buckets, or a trigger on a prefix that only incoming objects use. If the handler only reads the bucket, a prefix for the uploads still keeps later code from starting the loop.",
        help: `give the edge a prefix for incoming objects (\`${edge.source.name} -> ${edge.target.name} { prefix = "incoming/" }\`) and write elsewhere, or write to another bucket`,
      });
    },
  },
};
