import type { Edge } from '../../resolve/program.js';
import type { Rule } from '../rule.js';

/** Functions named in the message's words at most. */
const MAX_NAMED = 6;

/**
 * FL5004 (warning): a queue that triggers more than one function (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). Each
 * event source mapping polls the same queue and each message is received by one of them, so
 * every function sees an arbitrary share of the messages. A topic fans out; a queue does not.
 * The same edge written twice is FL4040's, not this rule's.
 */
export const competingConsumers: Rule = {
  code: 'FL5004',
  visit: {
    queue(queue, context) {
      const consumers: Edge[] = [];
      const seen = new Set<string>();
      for (const edge of context.typed.edgesFrom(queue.name)) {
        if (edge.kind !== 'queue-trigger' || seen.has(edge.target.name)) continue;
        seen.add(edge.target.name);
        consumers.push(edge);
      }
      const [first, second, ...rest] = consumers;
      if (!first || !second) return;
      // The words name a few functions; the labels (and the JSON output) carry every one.
      const named = consumers.slice(0, MAX_NAMED);
      const others = consumers.length - named.length;
      const names = named.map((e) => `\`${e.target.name}\``);
      if (others > 0) names.push(`${others.toLocaleString('en-US')} other functions`);
      const fanout = `${queue.name}_fanout`;
      context.report(second.span, `\`${queue.name}\` triggers ${consumers.length} functions, and each message reaches only one of them`, {
        label: `\`${second.target.name}\` competes with \`${first.target.name}\` for the messages`,
        secondary: [
          { span: first.span, message: `\`${first.target.name}\` reads \`${queue.name}\`` },
          ...rest.map((e) => ({ span: e.span, message: `\`${e.target.name}\` also reads \`${queue.name}\`` })),
        ],
        why: `Every trigger of a queue is a poller of the same messages: a message received by one is hidden from the others and deleted when it succeeds. So ${names.join(' and ')} each see an arbitrary share, not every message. A topic delivers every message to each subscriber; a queue delivers it once.`,
        help: `to give each function every message, publish to a topic with one queue per consumer: \`topic ${fanout}\`, ${named.map((e) => `\`${fanout} -> ${queue.name}_${e.target.name} -> ${e.target.name}\``).join(', ')}${others > 0 ? ', …' : ''}; if sharing the work is intended, use one function`,
      });
    },
  },
};
