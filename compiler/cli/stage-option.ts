import { UsageError } from './report.js';

/**
 * What a stage name may be: it goes into every physical name (`<app>-<stage>-<name>`) and the
 * stack name (`<app>-<stage>`). CloudFormation stack names take letters, digits and hyphens,
 * starting with a letter
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html);
 * those characters are valid in every resource name flowc makes, and the stage follows the app
 * name, so it may start with a digit (`v2`).
 */
const STAGE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** `--stage NAME`, checked; undefined without the option. */
export function parseStage(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!STAGE_NAME.test(value)) {
    throw new UsageError(`--stage ${JSON.stringify(value)} is not a stage name: use letters, digits and inner hyphens (it becomes part of every resource name and of the stack name), e.g. --stage prod`);
  }
  return value;
}
