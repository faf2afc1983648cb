import { accountIdPattern } from '../../../runtime/aws/targets.js';
import type { Rule } from '../rule.js';

/**
 * FL4052: a stage's `account` that is not an AWS account id, 12 digits
 * (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html). deploy
 * compares it with the account STS says the credentials act in (GetCallerIdentity), so a
 * malformed one could never match: every deploy of the stage would be refused (FL9027). The
 * console shows ids as `1234-5678-9012`: the digits alone are suggested.
 */
export const stageAccount: Rule = {
  code: 'FL4052',
  visit: {
    program(context) {
      for (const stage of context.model.stages.values()) {
        if (context.model.provenance.isPoisoned(stage, 'account')) continue;
        const setting = context.writtenOf(stage, 'account');
        const account = stage.account;
        if (setting === undefined || account === null || accountIdPattern.test(account)) continue;
        const digits = account.replace(/[\s-]/g, '');
        const fixed = accountIdPattern.test(digits) ? digits : undefined;
        context.report(setting.value.span, `the \`account\` of stage \`${stage.name}\` is not an AWS account id: ${JSON.stringify(account)}`, {
          label: fixed !== undefined ? 'the digits, with separators' : `${[...account].length} characters, not 12 digits`,
          why: 'An AWS account id is 12 digits. `flowc deploy` asks STS which account the credentials act in (GetCallerIdentity) before it changes anything, and refuses any account but this one, so with this value every deploy of the stage would be refused.',
          help: fixed !== undefined ? `write the 12 digits alone: \`account = "${fixed}"\`` : 'write the 12-digit id of the account the stage deploys to, e.g. `account = "123456789012"` (`aws sts get-caller-identity` prints the one of your credentials)',
          suggestions: fixed === undefined ? [] : [{ title: `write \`"${fixed}"\``, edits: [{ span: setting.value.span, replacement: `"${fixed}"` }], applicability: 'machine-applicable' }],
        });
      }
    },
  },
};
