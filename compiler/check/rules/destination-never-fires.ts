import type { Rule } from '../rule.js';

/**
 * FL5001 (warning): destinations on a function that only event source mappings and HTTP API
 * routes invoke
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). SQS, Kinesis and DynamoDB pollers invoke synchronously, and
 * API Gateway invokes synchronously too
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html);
 * destinations fire only for asynchronous invocations: the edges deploy and never carry
 * anything. A function nothing in the flow triggers is left alone: it may be invoked
 * asynchronously from outside.
 */
export const destinationNeverFires: Rule = {
  code: 'FL5001',
  visit: {
    fn(fn, context) {
      const destinations = context.typed.edgesFrom(fn.name).filter((e) => e.kind === 'destination');
      const triggers = context.typed.edgesInto(fn.name);
      if (destinations.length === 0 || triggers.length === 0 || context.isInvokedAsync(fn)) return;
      const trigger = triggers[0];
      for (const destination of destinations) {
        context.report(destination.span, `this destination never fires: \`${fn.name}\` is only invoked synchronously`, {
          label: `${destination.port ?? 'success'} destination of \`${fn.name}\``,
          secondary: trigger ? [{ span: trigger.span, message: `\`${trigger.source.name}\` invokes \`${fn.name}\` synchronously (${trigger.kind === 'route' ? 'an HTTP API route' : 'an event source mapping'})` }] : [],
          why:
            trigger?.kind === 'route'
              ? 'Lambda sends destination records only for asynchronous invocations. An HTTP API invokes its functions synchronously and answers the request with the result, so this edge deploys and never carries anything.'
              : 'Lambda sends destination records only for asynchronous invocations. Queue and stream triggers poll and invoke synchronously, so this edge deploys and never carries anything.',
          help:
            trigger?.kind === 'route'
              ? `the result of \`${fn.name}\` is the response of the request; to pass it on as well, send it from the handler with \`sends\``
              : trigger?.kind === 'queue-trigger'
              ? `failed messages of a queue go to its dead-letter queue: set \`dlq\` on \`${trigger.source.name}\`; to pass results on, send them from the handler with \`sends\``
              : `failed batches of a stream go to \`on_failure\` on the trigger edge; to pass results on, send them from the handler with \`sends\``,
        });
      }
    },
  },
};
