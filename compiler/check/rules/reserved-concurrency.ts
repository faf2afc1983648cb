import { lambda } from '../../../runtime/aws/limits.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

const reservable = lambda.accountConcurrencyDefault - lambda.unreservedConcurrencyMin;

/**
 * FL4037: reserved concurrency (`concurrency` on a function, ReservedConcurrentExecutions) that
 * AWS refuses or that silences the function (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): a negative
 * value; 0, which deploys and then throttles every invocation (a warning); and reservations
 * that together leave less than 100 of the account's default 1,000 unreserved, which fails
 * with "Specified ReservedConcurrentExecutions for function decreases account's
 * UnreservedConcurrentExecution below its minimum value of [100]". That last one is reported
 * at the function whose reservation crosses the line, in declaration order.
 */
export const reservedConcurrency: Rule = {
  code: 'FL4037',
  visit: {
    program(context) {
      let total = 0;
      const earlier: Label[] = [];
      let crossed = false;
      for (const fn of context.program.declarations.values()) {
        if (fn.kind !== 'fn' || context.isDamaged(fn.name)) continue;
        const item = context.fn(fn);
        const setting = context.writtenOf(item, 'reservedConcurrency');
        const value = item.reservedConcurrency;
        if (!setting || value === null) continue;
        const at = setting.value.span;
        if (value < 0) {
          context.report(at, `reserved concurrency cannot be negative (\`concurrency = ${value}\`)`, {
            label: 'ReservedConcurrentExecutions below 0',
            why: `ReservedConcurrentExecutions is a number of concurrent instances, 0 or more; CloudFormation fails the stack: "Value '${value}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0".`,
            help: `reserve a positive number of instances, e.g. \`concurrency = 10\`, or leave \`concurrency\` out to share the account's unreserved pool`,
          });
          continue;
        }
        if (value === 0) {
          context.report(at, `\`concurrency = 0\` stops \`${fn.name}\` from ever running`, {
            severity: 'warning',
            label: 'every invocation is throttled',
            why: 'Reserved concurrency 0 turns the function off. Asynchronous events (SNS, EventBridge rules, destinations) go straight to the dead-letter queue or the on-failure destination, without a single attempt or retry; queue and stream triggers stop making progress, and queued messages end in the dead-letter queue.',
            help: `leave \`concurrency\` out, or reserve at least 1 (\`concurrency = 1\` runs one invocation at a time)`,
          });
          continue;
        }
        total += value;
        if (!crossed && total > reservable) {
          crossed = true;
          context.report(at, `the functions of this app reserve ${total.toLocaleString('en-US')} concurrent executions; an account with the default quota can reserve at most ${reservable.toLocaleString('en-US')}`, {
            label: `\`${fn.name}\` takes the total over ${reservable.toLocaleString('en-US')}`,
            secondary: [...earlier],
            why: `AWS keeps ${lambda.unreservedConcurrencyMin} of the account's concurrency (${lambda.accountConcurrencyDefault.toLocaleString('en-US')} by default) for functions without a reservation. CloudFormation fails the stack: "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${lambda.unreservedConcurrencyMin}]". Other stacks in the account reserve from the same pool.`,
            help:
              value - (total - reservable) >= 1
                ? `lower the reservations so they add up to at most ${reservable.toLocaleString('en-US')}, e.g. \`concurrency = ${value - (total - reservable)}\` here`
                : `lower the reservations so they add up to at most ${reservable.toLocaleString('en-US')}: the others already reserve ${(total - value).toLocaleString('en-US')}`,
            notes: [`the account quota may be higher than ${lambda.accountConcurrencyDefault.toLocaleString('en-US')} (Service Quotas, "Concurrent executions"); new accounts often have less`],
          });
        }
        earlier.push({ span: at, message: `\`${fn.name}\` reserves ${value.toLocaleString('en-US')}` });
      }
    },
  },
};
