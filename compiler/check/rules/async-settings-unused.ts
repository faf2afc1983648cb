import { blockHolding, removeSettingEdit } from '../../syntax/edits.js';
import type { Rule } from '../rule.js';

/**
 * FL5006 (warning): `retries` or `max_age` on a function that the flow invokes only
 * synchronously. They are the function's asynchronous invocation configuration
 * (MaximumRetryAttempts, MaximumEventAgeInSeconds:
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html); SQS, Kinesis
 * and DynamoDB pollers invoke synchronously, so neither ever applies. Like FL5001, a function
 * nothing in the flow triggers is left alone: it may be invoked asynchronously from outside.
 */
export const asyncSettingsUnused: Rule = {
  code: 'FL5006',
  visit: {
    fn(fn, context) {
      const triggers = context.typed.edgesInto(fn.name);
      const trigger = triggers[0];
      if (trigger === undefined || context.isInvokedAsync(fn)) return;
      const item = context.fn(fn);
      for (const setting of [context.writtenOf(item, 'asyncRetryAttempts'), context.writtenOf(item, 'asyncMaxEventAgeSeconds')]) {
        if (!setting) continue;
        const name = setting.name.text;
        const block = blockHolding(setting, [fn.decl.settings, fn.override]);
        const onEdge = trigger.kind === 'queue-trigger' ? 'on the queue: `max_receives` and `dlq`' : trigger.kind === 'route' ? 'by its clients: API Gateway does not retry a request' : 'on the trigger edge: `retries`, `max_age` and `on_failure`';
        context.report(setting.span, `\`${name}\` never applies: \`${fn.name}\` is only invoked synchronously`, {
          label: 'for asynchronous invocations only',
          secondary: [{ span: trigger.span, message: `\`${trigger.source.name}\` invokes \`${fn.name}\` synchronously (${trigger.kind === 'route' ? 'an HTTP API route' : 'an event source mapping'})` }],
          why: `\`retries\` and \`max_age\` configure how Lambda retries asynchronous invocations (SNS, EventBridge, destinations). An event source mapping invokes synchronously and retries by its own rules, so this setting deploys and changes nothing.`,
          help: `remove \`${name}\`; the retries of \`${trigger.source.name}\` are set ${onEdge}`,
          suggestions: block === undefined ? [] : [{ title: `remove \`${name}\``, edits: [removeSettingEdit(context.source, block, setting)], applicability: 'machine-applicable' }],
        });
      }
    },
  },
};
