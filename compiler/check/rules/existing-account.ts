import { existingOf, existingUses, stageTarget } from '../existing-uses.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4093: an existing resource in another account than the stage's, used where AWS needs the
 * stack's account: a dead-letter queue, the bus of a rule, a stream or table the clients name
 * (compiler/check/existing-uses.ts, with the AWS pages). An event source mapping on another
 * account's queue or stream is allowed (with the owner's resource policy), and so are sends,
 * publishes, subscriptions and destinations. Reported once per declaration, at its `arn`.
 */
export const existingAccount: Rule = {
  code: 'FL4093',
  visit: { queue: check, topic: check, bus: check, stream: check, table: check },
};

function check(symbol: DeclarationSymbol, context: CheckContext): void {
  const found = existingOf(symbol, context);
  const { account } = stageTarget(context);
  if (found === null || account === null || found.existing.account === account) return;
  const { existing, setting } = found;
  const uses = existingUses(symbol, context).filter((use) => use.sameAccount);
  const first = uses[0];
  if (first === undefined) return;
  context.report(setting.value.span, `\`${symbol.name}\` is in the account ${existing.account}, and the stage \`${context.program.stage ?? ''}\` deploys to ${account}`, {
    label: `the ARN's account is ${existing.account}`,
    secondary: uses.map((use) => ({ span: use.span, message: use.what })),
    why: `AWS refuses another account's resource there (${first.what}), whatever its policy says, and the deploy fails. Sending to another account's queue, topic or bus is allowed when the owner's resource policy lets this account in.`,
    help: `use a ${symbol.kind} of the account ${account}, or read it another way: a function in the owner's account can forward what you need`,
  });
}
