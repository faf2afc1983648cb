import type { Rule } from '../rule.js';

/**
 * FL4012: the starting position of a Kinesis or DynamoDB stream trigger (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). StartingPosition is required on stream event source mappings; DynamoDB
 * has no AT_TIMESTAMP; StartingPositionTimestamp goes with AT_TIMESTAMP and only with it.
 * (`start` or `start_at` on other edges is FL4006.)
 */
export const startingPosition: Rule = {
  code: 'FL4012',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      const table = edge.kind === 'table-trigger';
      const what = table ? 'DynamoDB stream' : 'Kinesis stream';
      const model = context.edge(edge);
      const position = model.startingPosition;
      const start = context.writtenOf(model, 'startingPosition');
      const startAt = context.writtenOf(model, 'startingPositionTimestamp');
      const name = `\`${edge.source.name} -> ${edge.target.name}\``;
      const retentionHours = table ? 0 : context.stream(edge.source).retentionHours;
      const kept = table ? 'up to 24 hours on a DynamoDB stream' : `${retentionHours} hours on \`${edge.source.name}\`, its retention`;
      if (!start) {
        const withTimestamp = !table && startAt !== undefined;
        context.report(edge.link.target.span, `the ${what} trigger ${name} has no starting position`, {
          label: 'add `start` to this edge',
          ...(withTimestamp ? { secondary: [{ span: startAt.span, message: '`start_at` is used only with `start = at_timestamp`' }] } : {}),
          why: `StartingPosition is required on a ${what} event source mapping: Lambda refuses to create the mapping without it, and it cannot be changed later without replacing the mapping. \`latest\` reads only records written after the mapping exists, so records written before (during the deploy, or while a mapping is replaced) are never processed; \`trim_horizon\` starts at the oldest record the stream still keeps (${kept}), so the function first works through that backlog.`,
          help: withTimestamp
            ? 'add `start = at_timestamp` to start at `start_at`'
            : edge.settingsBlock
              ? 'add `start = trim_horizon` to the settings of this edge to process every record the stream keeps, or `start = latest` for new records only'
              : 'add `{ start = trim_horizon }` after the edge to process every record the stream keeps, or `{ start = latest }` for new records only',
        });
        return;
      }
      if (position === 'at_timestamp') {
        if (table) {
          context.report(start.value.span, 'a DynamoDB stream trigger cannot start `at_timestamp`', {
            label: 'DynamoDB streams have no AT_TIMESTAMP',
            why: 'DynamoDB stream event source mappings take StartingPosition TRIM_HORIZON or LATEST only; AT_TIMESTAMP is for Kinesis. A DynamoDB stream keeps records for 24 hours, so `trim_horizon` already reaches back as far as possible.',
            help: 'use `start = trim_horizon` (the oldest record, at most 24 hours old) or `start = latest`',
          });
        } else if (!startAt) {
          context.report(start.value.span, '`start = at_timestamp` needs `start_at`, the time to start reading from', {
            label: 'no `start_at` on this edge',
            why: 'With StartingPosition AT_TIMESTAMP, Lambda needs StartingPositionTimestamp (a time, not in the future) to know where to start; the mapping is refused without it.',
            help: 'add `start_at = "2026-01-01T00:00:00Z"` (an ISO-8601 time) to the edge, or use `start = latest` or `start = trim_horizon`',
          });
        }
        return;
      }
      if (startAt && !table) {
        context.report(startAt.span, '`start_at` is used only with `start = at_timestamp`', {
          label: 'StartingPositionTimestamp without AT_TIMESTAMP',
          secondary: [{ span: start.span, message: `the trigger starts at \`${position ?? '?'}\`` }],
          why: 'StartingPositionTimestamp is valid only with StartingPosition AT_TIMESTAMP; with LATEST or TRIM_HORIZON the request is invalid.',
          help: `set \`start = at_timestamp\` to start at that time, or remove \`start_at\``,
        });
      }
    },
  },
};
