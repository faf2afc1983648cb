import { iamNames } from '../../runtime/aws/iam.js';

/**
 * The syntax of the IAM names a flow can set (runtime/aws/iam.ts `iamNames`), checked by
 * FL4044 (`permissions_boundary`) and FL4045 (`role_path`): each function says what is wrong,
 * in words for a diagnostic's label.
 */

export interface Problem {
  readonly label: string;
  readonly help?: string;
}

/** The first thing wrong with `arn` as a managed policy's ARN, or undefined when it is one. */
export function boundaryProblem(arn: string): Problem | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    const name = /^[\w+=,.@-]+$/.test(arn) ? arn : undefined;
    return {
      label: 'not an ARN (`arn:…:iam::…:policy/…`)',
      ...(name ? { help: `give the whole ARN of the policy \`${name}\`: \`permissions_boundary = "arn:aws:iam::<account id>:policy/${name}"\`` } : {}),
    };
  }
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  // A path may itself contain colons: the resource is everything after the fifth.
  const resource = parts.slice(5).join(':');
  if (!iamNames.partition.test(partition)) return { label: `\`${partition}\` is not an AWS partition (\`aws\`, \`aws-cn\`, \`aws-us-gov\`, …)` };
  if (service !== 'iam') return { label: `the ARN of ${service === '' ? 'no service' : `a \`${service}\` resource`}, not of an IAM policy` };
  if (region !== '') return { label: `IAM ARNs have no Region: \`arn:${partition}:iam::…\``, help: `leave the Region out: \`permissions_boundary = "arn:${partition}:iam::${account}:${resource}"\`` };
  if (!iamNames.policyAccount.test(account)) return { label: `\`${account}\` is neither a 12-digit account ID nor \`aws\`` };
  if (!resource.startsWith('policy/')) {
    const [, type, name] = /^([a-z-]+)\/(?:.*\/)?([\w+=,.@-]+)$/.exec(resource) ?? [];
    if (type === undefined || name === undefined) return { label: 'the resource of a policy ARN is `policy/<path><name>`' };
    return {
      label: `the ARN of an IAM ${type}, not of a managed policy`,
      help: `if \`${name}\` is the policy: \`permissions_boundary = "arn:${partition}:iam::${account}:policy/${name}"\``,
    };
  }
  const rest = resource.slice('policy/'.length);
  const slash = rest.lastIndexOf('/');
  const path = `/${slash === -1 ? '' : rest.slice(0, slash + 1)}`;
  const name = rest.slice(slash + 1);
  if (name.length === 0) return { label: 'the policy name is missing after `policy/`' };
  if (name.length > iamNames.policyNameLengthMax) return { label: `the policy name has ${name.length} characters; IAM allows ${iamNames.policyNameLengthMax}` };
  const bad = [...name].find((c) => !iamNames.policyNameCharacter.test(c));
  if (bad !== undefined) return { label: `a policy name has letters, digits and \`+=,.@_-\`, not ${describe(bad)}` };
  const pathProblem = iamPathProblem(path);
  if (pathProblem) return { label: `the policy's path: ${pathProblem}` };
  return undefined;
}

/**
 * What is wrong with `path` as an IAM path (CreateRole `Path`, a policy's path), or undefined:
 * `/`, or `/…/` of 1–512 characters from `!` to `~`.
 */
export function iamPathProblem(path: string): string | undefined {
  if (path.length === 0) return 'an IAM path is at least `/`';
  if (path.length > iamNames.pathLengthMax) return `${path.length} characters; IAM allows ${iamNames.pathLengthMax}`;
  if (!path.startsWith('/') || !path.endsWith('/') || path === '//') return 'an IAM path starts and ends with `/`';
  const bad = [...path].find((c) => !iamNames.pathCharacter.test(c));
  if (bad !== undefined) return `an IAM path has the characters \`!\` to \`~\` of ASCII, not ${describe(bad)}`;
  return undefined;
}

function describe(character: string): string {
  if (character === ' ') return 'a space';
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `\`${character}\``;
}
