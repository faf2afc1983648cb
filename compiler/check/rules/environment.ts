import { lambda } from '../../../runtime/aws/limits.js';
import { APP_NAME_VARIABLE, NODE_OPTIONS_VARIABLE, nodeOptions, secretVariable, sendTargetVariable, ssmDynamicReference } from '../../../runtime/manifest/env.js';
import { parameterReferenceOf } from '../../settings/parameters.js';
import { physicalName } from '../../../runtime/manifest/names.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import type { Setting } from '../../syntax/ast.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/** Lambda's pattern for variable names (API `Environment.Variables` map keys). */
const keyPattern = /^[a-zA-Z][a-zA-Z0-9_]+$/;
const reserved: ReadonlySet<string> = new Set(lambda.reservedEnvironmentKeys);
/** The prefix of the variables flowc sets itself (runtime/manifest/env.ts). */
const flowcPrefix = 'FLOWC_';
/**
 * The shortest value flowc's own variables can have once deployed, by kind: a queue URL
 * `https://sqs.<region>.amazonaws.com/<account>/<app>-<name>`, a topic ARN
 * `arn:aws:sns:<region>:<account>:<app>-<name>`, else the physical name `<app>-<name>`. The
 * shortest Region code has 9 characters (`us-east-1`), an account ID 12.
 */
const minimumValueOverhead = { queue: 'https://sqs..amazonaws.com//'.length + 9 + 12, topic: 'arn:aws:sns:::'.length + 9 + 12 } as const;

/**
 * FL4033: environment variables Lambda refuses (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html): names it reserves
 * ("…contains reserved keys that are currently not supported for modification"), names that do
 * not match `[a-zA-Z]([a-zA-Z0-9_])+`, and a set of variables over 4 KB. Lambda measures the
 * variables as JSON ("…exceeded the 4KB limit. String measured: {…}"), so the size here is the
 * JSON of the user's variables together with the ones flowc adds (`FLOWC_APP`, `NODE_OPTIONS`
 * and one per `sends` target), counted at their shortest possible deployed value. Names starting with
 * `FLOWC_` are flowc's own: a user variable of that name would be overwritten.
 */
export const environment: Rule = {
  code: 'FL4033',
  visit: {
    fn(fn, context) {
      const env = context.writtenOf(context.fn(fn), 'environment');
      if (env?.value.kind !== 'SettingsBlock') return;
      const entries = env.value.entries;
      for (const entry of entries) checkName(context, entry);
      checkSize(context, fn, env, entries);
    },
  },
};

function checkName(context: CheckContext, entry: Setting): void {
  const key = entry.name.text;
  if (reserved.has(key)) {
    context.report(entry.name.span, `\`${key}\` is an environment variable that Lambda sets itself`, {
      label: 'reserved by Lambda',
      why: `Lambda refuses to deploy the function: "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${key}". The handler can read \`${key}\` as it is.`,
      help: `rename the variable, e.g. \`APP${key.startsWith('_') ? '' : '_'}${key}\`, or drop it and read the value Lambda provides`,
    });
    return;
  }
  if (!keyPattern.test(key)) {
    const stripped = key.replace(/^_+/, '');
    const fixed = /^[a-zA-Z]/.test(key) ? `${key}_VALUE` : stripped.length >= 2 ? stripped : `${stripped || 'APP'}_VALUE`;
    context.report(entry.name.span, `\`${key}\` is not a valid Lambda environment variable name`, {
      label: key.length < 2 && /^[a-zA-Z]/.test(key) ? 'a name needs at least two characters' : 'a name must start with a letter',
      why: `Lambda takes names of two or more letters, digits and underscores that start with a letter. CloudFormation fails the stack: "Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]".`,
      help: `rename it, e.g. \`${fixed}\``,
    });
    return;
  }
  if (key.startsWith(flowcPrefix)) {
    context.report(entry.name.span, `\`${key}\` is a name flowc keeps for its own variables`, {
      label: `names starting with \`${flowcPrefix}\` are flowc's`,
      why: `flowc sets \`${APP_NAME_VARIABLE}\` and one \`${flowcPrefix}<KIND>_<NAME>\` variable per \`sends\` target on every function; the generated clients read them. A variable of yours with such a name would be overwritten, or would point a client at the wrong resource.`,
      help: `rename it, e.g. \`${key.slice(flowcPrefix.length) || 'APP_SETTING'}\``,
    });
  }
}

function checkSize(context: CheckContext, fn: DeclarationSymbol, env: Setting, entries: readonly Setting[]): void {
  const variables: Record<string, string> = {};
  for (const entry of entries) {
    const v = entry.value;
    if (v.kind === 'StringValue') variables[entry.name.text] = v.value;
    else if (v.kind === 'NumberValue') variables[entry.name.text] = v.raw;
    else if (v.kind === 'BooleanValue') variables[entry.name.text] = String(v.value);
    else {
      // As deployed: a parameter's dynamic reference (its value, resolved at deploy, may be
      // longer: Lambda measures that), a secret's name under FLOWC_SECRET_<VAR>.
      const reference = parameterReferenceOf(v);
      if (reference?.source === 'ssm') variables[entry.name.text] = ssmDynamicReference(reference.name);
      else if (reference?.source === 'secret') variables[secretVariable(entry.name.text)] = reference.name;
    }
  }
  const userBytes = utf8Length(JSON.stringify(variables));
  const app = context.program.app?.name.text ?? 'app';
  const added: Record<string, string> = { [APP_NAME_VARIABLE]: app, [NODE_OPTIONS_VARIABLE]: nodeOptions(variables[NODE_OPTIONS_VARIABLE]) };
  for (const target of context.program.declarations.values()) {
    if (target.kind === 'fn' || !(context.sendersTo(target.name).includes(fn) || context.fn(fn).idempotencyTable === target.name)) continue;
    const physical = physicalName(app, context.program.stage, target.name);
    const overhead = target.kind === 'queue' || target.kind === 'topic' ? minimumValueOverhead[target.kind] : 0;
    added[sendTargetVariable(target.kind, target.name)] = 'x'.repeat(overhead + physical.length);
  }
  const total = utf8Length(JSON.stringify({ ...variables, ...added }));
  const max = lambda.environmentBytesMax;
  if (total <= max) return;
  const addedCount = Object.keys(added).length;
  context.report(env.name.span, `the environment of \`${fn.name}\` takes at least ${total.toLocaleString('en-US')} bytes; Lambda allows 4 KB (${max.toLocaleString('en-US')} bytes)`, {
    label: `${entries.length} variable${entries.length === 1 ? '' : 's'}, ${userBytes.toLocaleString('en-US')} bytes as JSON`,
    why: `Lambda measures all variables of a function together, as JSON, and refuses more than 4 KB: "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit." The total includes the ${addedCount} variable${addedCount === 1 ? '' : 's'} flowc adds (\`${APP_NAME_VARIABLE}\`, \`${NODE_OPTIONS_VARIABLE}\` and one per \`sends\` target).`,
    help: 'keep large values out of the environment: put them in SSM Parameter Store, Secrets Manager or a file shipped with the handler, and pass only their names',
  });
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
