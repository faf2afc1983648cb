import { existingOf, existingUses, stageTarget } from '../existing-uses.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4092: an existing resource in another Region than the stage's, used where AWS needs the
 * stack's Region: an event source mapping's queue or stream, a dead-letter queue, the bus of a
 * rule, a stream or table the clients name (compiler/check/existing-uses.ts, with the AWS pages).
 * Reported once per declaration, at its `arn`, with each such use; uses AWS allows across
 * Regions say nothing.
 */
export const existingRegion: Rule = {
  code: 'FL4092',
  visit: { queue: check, topic: check, bus: check, stream: check, table: check },
};

function check(symbol: DeclarationSymbol, context: CheckContext): void {
  const found = existingOf(symbol, context);
  const { region } = stageTarget(context);
  if (found === null || region === null || found.existing.region === region) return;
  const { existing, setting } = found;
  const uses = existingUses(symbol, context).filter((use) => use.sameRegion);
  const first = uses[0];
  if (first === undefined) return;
  context.report(setting.value.span, `\`${symbol.name}\` is in ${existing.region}, and the stage \`${context.program.stage ?? ''}\` deploys to ${region}`, {
    label: `the ARN's Region is ${existing.region}`,
    secondary: uses.map((use) => ({ span: use.span, message: use.what })),
    why: `AWS refuses a resource of another Region there (${first.what}), and the deploy fails. Sending to a queue, publishing to a topic or putting events on a bus in another Region is allowed, and is not what this is about.`,
    help: `use a ${symbol.kind} in ${region}, or deploy the stage to ${existing.region} (\`region = "${existing.region}"\`)`,
  });
}
