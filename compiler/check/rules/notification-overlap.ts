import { s3, s3EventTypesIntersect, s3EventWords } from '../../../runtime/aws/s3.js';
import type { Edge } from '../../resolve/program.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

interface Filter {
  readonly edge: Edge;
  readonly events: readonly string[];
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * FL4081: two notification edges of one bucket that S3 would refuse together: "Configurations
 * overlap. Configurations on the same bucket cannot share a common event type" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html).
 * Two configurations overlap when their event types intersect (`created` includes
 * `created_put`), their prefixes are prefix-related (one starts with the other; none is the
 * empty prefix) and their suffixes suffix-related, so that one key could match both. Each edge
 * is reported once, at the first earlier edge it overlaps, whether the two go to one target
 * (a bucket may notify one function for `.png` and for `.jpg`) or to two.
 */
export const notificationOverlap: Rule = {
  code: 'FL4081',
  visit: {
    // One visit per edge: a malformed filter (resolve reported it) silences only its own visits.
    edge(edge, context) {
      if (edge.kind !== 'notification') return;
      const earlier = context.program.edges.slice(0, edge.index).filter((e) => e.kind === 'notification' && e.source.name === edge.source.name && !context.isDamaged(e.target.name));
      if (earlier.length === 0) return;
      const filter = filterOf(edge, context);
      const clash = earlier.map((e) => filterOf(e, context)).find((other) => overlap(other, filter));
      if (clash !== undefined) report(context, filter, clash);
    },
  },
};

function filterOf(edge: Edge, context: CheckContext): Filter {
  const model = context.edge(edge);
  return { edge, events: model.events.map((w) => s3EventWords[w]), prefix: model.keyPrefix ?? '', suffix: model.keySuffix ?? '' };
}

function overlap(a: Filter, b: Filter): boolean {
  const events = a.events.some((x) => b.events.some((y) => s3EventTypesIntersect(x, y)));
  const prefixes = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixes = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return events && prefixes && suffixes;
}

function describe(filter: Filter): string {
  const parts = [filter.events.join(', ')];
  parts.push(filter.prefix === '' ? 'any prefix' : `prefix ${JSON.stringify(filter.prefix)}`);
  parts.push(filter.suffix === '' ? 'any suffix' : `suffix ${JSON.stringify(filter.suffix)}`);
  return parts.join(', ');
}

function report(context: CheckContext, filter: Filter, clash: Filter): void {
  const key = `${filter.prefix.length >= clash.prefix.length ? filter.prefix : clash.prefix}…${filter.suffix.length >= clash.suffix.length ? filter.suffix : clash.suffix}`;
  const sameTarget = clash.edge.target.name === filter.edge.target.name;
  const pair = (edge: Edge) => `\`${edge.source.name} -> ${edge.target.name}\``;
  const message = sameTarget ? `two notifications ${pair(filter.edge)} overlap` : `the notifications ${pair(clash.edge)} and ${pair(filter.edge)} overlap`;
  context.report(filter.edge.span, message, {
    label: describe(filter),
    secondary: [{ span: clash.edge.span, message: describe(clash) }],
    why: `A key such as \`${key.replace('…', 'x')}\` matches both, for an event type both take. S3 refuses a bucket whose notification configurations overlap ("Configurations overlap. Configurations on the same bucket cannot share a common event type", ${s3.filteringDocs}), so CloudFormation fails the stack.`,
    help: sameTarget
      ? 'give the two edges prefixes that neither starts the other, suffixes that neither ends the other, or events that do not meet; or keep one edge, whose filter takes what both need'
      : 'give the two edges prefixes that neither starts the other (`prefix = "a/"`, `prefix = "b/"`), suffixes that neither ends the other, or events that do not meet; to deliver one event to both, notify a topic and subscribe both to it',
  });
}
