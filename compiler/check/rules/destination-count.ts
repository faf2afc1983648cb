import { listWords } from '../../diagnostics/suggest.js';
import type { Edge, Port } from '../../resolve/program.js';
import type { Rule } from '../rule.js';

/**
 * FL4005: more than one success or more than one failure destination on a function (
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html). A function has one EventInvokeConfig, and its DestinationConfig holds one
 * OnSuccess and one OnFailure: a second destination of the same outcome cannot be expressed.
 * The same edge written twice is FL4040's, not this rule's.
 */
export const destinationCount: Rule = {
  code: 'FL4005',
  visit: {
    fn(fn, context) {
      const byPort = new Map<Port, Edge[]>();
      for (const edge of context.typed.edgesFrom(fn.name)) {
        if (edge.kind !== 'destination') continue;
        const port = edge.port ?? 'success';
        const list = byPort.get(port) ?? [];
        if (!list.some((e) => e.target.name === edge.target.name)) list.push(edge);
        byPort.set(port, list);
      }
      for (const [port, edges] of byPort) {
        const [first, second, ...rest] = edges;
        if (!first || !second) continue;
        const outlet = port === 'success' ? fn.name : `${fn.name}.failure`;
        const targets = edges.map((e) => `\`${e.target.name}\``);
        context.report(second.link.target.span, `\`${fn.name}\` has ${edges.length} ${port} destinations; a function has at most one`, {
          label: `a second ${port} destination`,
          secondary: [
            { span: first.link.target.span, message: `the first ${port} destination of \`${fn.name}\`` },
            ...rest.map((e) => ({ span: e.link.target.span, message: `another ${port} destination` })),
          ],
          why: `Lambda keeps one destination per outcome: the EventInvokeConfig of \`${fn.name}\` has one OnSuccess and one OnFailure, so there is no way to deploy ${listWords(targets, 'and')} ${edges.length === 2 ? 'both' : 'all'} as ${port} destinations.`,
          help: fanOutHelp(outlet, `${fn.name}_${port}`, edges),
        });
      }
    },
  },
};

/**
 * One destination that fans out to the others: a topic or bus already among the targets
 * (subscriptions or rules reach functions and queues), else a new topic.
 */
function fanOutHelp(outlet: string, newTopic: string, edges: readonly Edge[]): string {
  const hub = edges.find((e) => e.target.kind === 'topic')?.target ?? edges.find((e) => e.target.kind === 'bus')?.target;
  const others = edges.map((e) => e.target).filter((t) => t !== hub);
  if (others.some((t) => t.kind === 'topic' || t.kind === 'bus')) {
    return `keep one destination per outcome and let its receiver pass the records on with \`sends\``;
  }
  const links = (from: string) => others.map((t) => `\`${from} -> ${t.name}\``).join(' and ');
  if (hub?.kind === 'topic') return `keep \`${outlet} -> ${hub.name}\` as the only one and subscribe the others to the topic: ${links(hub.name)}`;
  if (hub?.kind === 'bus') return `keep \`${outlet} -> ${hub.name}\` as the only one and give the bus a rule per receiver: ${links(hub.name)}`;
  return `send the records to one topic and subscribe every receiver to it: declare \`topic ${newTopic}\`, write \`${outlet} -> ${newTopic}\`, then ${links(newTopic)}`;
}
