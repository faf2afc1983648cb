import { bucketNameProblem, s3 } from '../../../runtime/aws/s3.js';
import { bucketName } from '../../../runtime/manifest/names.js';
import type { Rule } from '../rule.js';

/** The longest name a deploy can give: 12 digits of account, the longest Region code (runtime/aws/s3.ts). */
const account = '0'.repeat(s3.accountIdLength);
const longestRegion = 'x'.repeat(s3.regionCodeLengthMax);

const why = (staged: boolean): string =>
  `Bucket names are global, so flowc names a bucket \`<app>${staged ? '-<stage>' : ''}-<name>-<account>-<region>\` (with \`-\` for \`_\`): 12 digits of account and up to ${s3.regionCodeLengthMax} characters of Region come after the name. S3 takes 3 to 63 characters of lowercase letters, digits, \`.\` and \`-\`, and refuses any other name when it creates the bucket, so CloudFormation fails the stack.`;

/**
 * FL4080: a bucket whose physical name S3 refuses
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). flowc names
 * it `<app>[-<stage>]-<name>-<account>-<region>` (runtime/manifest/names.ts `bucketName`, `_`
 * as `-`); the Region is not known before deploy, so the length counts the longest Region code.
 * A problem of the app name or stage, shared by every bucket, is reported once, at the app name;
 * one of a bucket's own name at that name.
 */
export const bucketNameRule: Rule = {
  code: 'FL4080',
  visit: {
    program(context) {
      const app = context.program.app;
      if (!app) return;
      const stage = context.program.stage;
      const buckets = [...context.program.declarations.values()].filter((s) => s.kind === 'bucket' && !context.isDamaged(s.name));
      if (buckets.length === 0) return;
      const appProblem = bucketNameProblem(bucketName(app.name.text, stage, 'x', account, 'x'));
      if (appProblem !== undefined) {
        context.report(app.name.span, `S3 would refuse the name of every bucket of \`${app.name.text}\`: ${appProblem}`, {
          label: `in the name of ${buckets.length === 1 ? `bucket \`${buckets[0]?.name}\`` : `all ${buckets.length} buckets`}`,
          why: why(stage !== undefined),
          help: `write the app name${stage === undefined ? '' : ' and the stage'} in lowercase letters and digits`,
        });
        return;
      }
      for (const symbol of buckets) {
        const physical = bucketName(app.name.text, stage, symbol.name, account, longestRegion);
        const problem = bucketNameProblem(physical);
        if (problem === undefined) continue;
        const shown = bucketName(app.name.text, stage, symbol.name, '<account>', '<region>');
        const over = physical.length - s3.bucketNameLength.max;
        const room = symbol.name.length - over;
        context.report(symbol.decl.name.span, `S3 would refuse the name of bucket \`${symbol.name}\`, \`${shown}\`: ${over > 0 ? `${physical.length} characters in the longest Region; S3 takes ${s3.bucketNameLength.max}` : problem}`, {
          label: over > 0 ? `${over} character${over === 1 ? '' : 's'} too long` : 'not part of a bucket name',
          why: why(stage !== undefined),
          help:
            over > 0
              ? room > 0
                ? `shorten \`${symbol.name}\` to at most ${room} characters`
                : `shorten the app name${stage === undefined ? '' : ' or the stage'}: with it, no bucket name fits`
              : `rename the bucket in lowercase (\`flowc rename bucket ${symbol.name} ${symbol.name.toLowerCase()} FILE\` renames every use)`,
        });
      }
    },
  },
};
