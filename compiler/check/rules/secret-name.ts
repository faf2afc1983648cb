import { secretsManager } from '../../../runtime/aws/limits.js';
import { parameterEntries } from '../parameter-entries.js';
import type { Rule } from '../rule.js';

/**
 * FL4058: the name in `secret("…")` is not one Secrets Manager takes
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-Name):
 * 1 to 512 ASCII letters, digits and `/ _ + = . @ -`. No secret has such a name, so the
 * handler's GetSecretValue at cold start would fail every invocation; and the IAM grant, which
 * names the secret's ARN, could not match it.
 */
export const secretName: Rule = {
  code: 'FL4058',
  visit: {
    fn(fn, context) {
      for (const { variable, name } of parameterEntries(context, fn, 'secret')) {
        const text = name.value;
        const bad = [...text].find((c) => !secretsManager.allowed.test(c));
        const label =
          text.length < secretsManager.nameLength.min
            ? 'an empty name'
            : text.length > secretsManager.nameLength.max
              ? `${text.length} characters`
              : bad !== undefined
                ? `${bad === ' ' ? 'a space' : `\`${bad}\``} is not allowed`
                : undefined;
        if (label === undefined) continue;
        context.report(name.span, `\`${variable}\` reads the secret \`${text}\`, a name Secrets Manager refuses`, {
          label,
          why: `A secret's name is 1 to ${secretsManager.nameLength.max} ASCII letters, digits and \`/ _ + = . @ -\`. No secret can have this name, so the handler's GetSecretValue at cold start fails, and so does every invocation.`,
          help: text.length === 0 ? 'give the secret\'s name, e.g. `secret("shop/api-key")`' : 'write the name as Secrets Manager shows it; use `/` to group secrets, e.g. `secret("shop/prod/api-key")`',
        });
      }
    },
  },
};
