/**
 * Where an app deploys: AWS account ids, Regions and stack names, as a stage block gives them
 * (`stage prod { account = "…", region = "…", stack = "…" }`) and deploy's options take them.
 * One place for each fact, with the page it comes from.
 */

/** An AWS account id is 12 digits: https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html */
export const accountIdPattern = /^\d{12}$/;

/**
 * The Regions of the aws, aws-cn and aws-us-gov partitions, as of `regionsAsOf`
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). A Region
 * AWS opened since is not here: a name of the Region shape that is missing is only a warning.
 */
export const regions: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
  'cn-north-1', 'cn-northwest-1',
  'us-gov-east-1', 'us-gov-west-1',
];
export const regionsAsOf = '2026-12-01';

/** What every Region code looks like (`eu-west-1`, `us-gov-east-1`): a name of another shape is no Region. */
export const regionShape = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * A stack name: letters, digits and hyphens, starting with a letter, at most 128 characters
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html).
 */
export const stackName = { pattern: /^[A-Za-z][A-Za-z0-9-]*$/, lengthMax: 128 } as const;
