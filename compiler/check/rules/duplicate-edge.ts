import type { Edge, EdgeKind } from '../../resolve/program.js';
import type { Rule } from '../rule.js';

/** What AWS does with the second copy, by the mechanism the edge becomes. */
const consequence: Record<Exclude<EdgeKind, 'route' | 'notification'>, string> = {
  'queue-trigger':
    'Both edges become event source mappings of the same queue and function, and Lambda refuses the second: "An event source mapping with SQS arn (…) and function (…) already exists. Please update or delete the existing mapping with UUID …". The stack fails.',
  'stream-trigger':
    'Both edges become event source mappings of the same stream and function, and Lambda refuses the second: "The event source arn (…) and function (…) provided mapping already exists. Please update or delete the existing mapping with UUID …". The stack fails.',
  'table-trigger':
    'Both edges become event source mappings of the same table stream and function, and Lambda refuses the second: "The event source arn (…) and function (…) provided mapping already exists. Please update or delete the existing mapping with UUID …". The stack fails.',
  subscription:
    'SNS keeps one subscription per topic and endpoint. Two subscriptions with different settings fail ("Invalid parameter: Attributes Reason: Subscription already exists with different attributes"); identical ones are the same subscription, so removing either edge later stops the delivery of both.',
  rule: 'Each edge becomes its own EventBridge rule with the same target, so an event that both select is delivered twice.',
  'schedule-target': 'A schedule has one target (FL2023), so a second edge from it is refused before this check.',
  destination: 'A function has one success and one failure destination (EventInvokeConfig DestinationConfig): the second edge has nowhere to go.',
};

function key(edge: Edge): string {
  return `${edge.source.name}.${edge.kind === 'destination' ? (edge.port ?? 'success') : ''}->${edge.target.name}`;
}

/**
 * FL4040: the same edge (same source, port and target) declared twice, in one chain or in
 * two (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html). Two event source mappings of one source and function fail at
 * deploy; SNS merges identical subscriptions and refuses different ones; two rules deliver
 * each event twice. flowc also names each edge by its ends. Every repeat is reported, with
 * the first declaration as the secondary label.
 */
export const duplicateEdge: Rule = {
  code: 'FL4040',
  visit: {
    program(context) {
      const first = new Map<string, Edge>();
      for (const edge of context.program.edges) {
        // Several routes of one API may call one function; a route given twice is FL4071's.
        // A bucket may notify one target for several filters; filters that overlap are FL4081's.
        if (edge.kind === 'route' || edge.kind === 'notification') continue;
        if (context.isDamaged(edge.source.name) || context.isDamaged(edge.target.name)) continue;
        const k = key(edge);
        const earlier = first.get(k);
        if (!earlier) {
          first.set(k, edge);
          continue;
        }
        const port = edge.kind === 'destination' ? `.${edge.port ?? 'success'}` : '';
        const text = `${edge.source.name}${port} -> ${edge.target.name}`;
        context.report(edge.span, `the edge \`${text}\` is declared twice`, {
          label: 'declared again here',
          secondary: [{ span: earlier.span, message: 'first declared here' }],
          why: consequence[edge.kind],
          help:
            edge.kind === 'rule'
              ? `remove this edge; to select more events, list the alternatives in one \`match\` (\`detail_type = ["A", "B"]\`)`
              : `remove this edge, and put its settings on the first \`${text}\` if they differ`,
        });
      }
    },
  },
};
