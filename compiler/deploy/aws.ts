import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Clock } from './clock.js';
import { DeployError } from './errors.js';
import { RETRY_SECONDS, RetriesExhausted, retrying } from './retry.js';

/** Where and as whom to talk to AWS; anything left out comes from the standard SDK chain. */
export interface AwsTarget {
  readonly region?: string;
  readonly profile?: string;
  /** A local AWS-compatible endpoint (LocalStack, moto), for every client. */
  readonly endpointUrl?: string;
}

export interface AwsClients {
  readonly cloudformation: CloudFormationClient;
  readonly s3: S3Client;
  readonly sts: STSClient;
  /** Only to look up names a new stack would take (queues, tables, streams kept by `Retain`). */
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly kinesis: KinesisClient;
  /** The region in use, resolved through the chain (flag, `AWS_REGION`, the profile's config). */
  region(): Promise<string>;
  readonly endpointUrl: string | undefined;
}

export function createAwsClients(target: AwsTarget): AwsClients {
  // The SDK warns on Node 20 that its releases after January 2027 will need Node 22. flowc
  // pins an SDK release that supports Node 20 (its `engines`), so the warning is not the user's.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const config = {
    ...(target.region !== undefined ? { region: target.region } : {}),
    ...(target.profile !== undefined ? { profile: target.profile } : {}),
    ...(target.endpointUrl !== undefined ? { endpoint: target.endpointUrl } : {}),
  };
  const cloudformation = new CloudFormationClient(config);
  // Local endpoints serve buckets by path (`host/bucket/key`), not as subdomains.
  const s3 = new S3Client({ ...config, ...(target.endpointUrl !== undefined ? { forcePathStyle: true } : {}) });
  return {
    cloudformation,
    s3,
    sts: new STSClient(config),
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
    kinesis: new KinesisClient(config),
    endpointUrl: target.endpointUrl,
    async region() {
      try {
        return await cloudformation.config.region();
      } catch {
        throw new DeployError('no AWS region: pass --region, set AWS_REGION, or set one in the profile (`aws configure`)');
      }
    },
  };
}

/** The account the credentials act in (STS GetCallerIdentity, which needs no permission). */
export async function accountId(clients: AwsClients, clock: Clock): Promise<string> {
  const identity = await awsCall('GetCallerIdentity', () => clients.sts.send(new GetCallerIdentityCommand({})), clock);
  if (identity.Account === undefined) throw new DeployError('GetCallerIdentity returned no account');
  return identity.Account;
}

/**
 * One line for an error the AWS SDK threw: which call failed, AWS's error name and message,
 * and a hint for the usual causes.
 */
export function describeAwsError(operation: string, error: unknown): string {
  const exhausted = error instanceof RetriesExhausted ? error : undefined;
  const cause = exhausted?.lastError ?? error;
  const name = (cause as { name?: string }).name ?? 'Error';
  const message = ((cause as { message?: string }).message ?? String(cause)).split('\n')[0] ?? '';
  let hint = '';
  if (exhausted) {
    hint = ` (still failing after ${exhausted.attempts} attempts over ${RETRY_SECONDS} seconds: AWS is throttling these credentials or cannot be reached; try again later)`;
  } else if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    hint = ' (configure credentials: `aws configure`, AWS_PROFILE or --profile)';
  } else if (name === 'AccessDenied' || name === 'AccessDeniedException' || /not authorized/i.test(message)) {
    hint = ' (the credentials in use lack a permission this needs)';
  } else if (name === 'NoSuchBucket') {
    hint = ' (create the bucket first, in the same region as the stack)';
  }
  return `${operation} failed: ${name}: ${message}${hint}`;
}

/**
 * Runs one AWS call, retrying throttling and transient faults on the clock (`retrying`); an
 * SDK error becomes a DeployError naming the call.
 */
export async function awsCall<T>(operation: string, call: () => Promise<T>, clock: Clock): Promise<T> {
  try {
    return await retrying(clock, call);
  } catch (error) {
    if (error instanceof DeployError) throw error;
    throw new DeployError(describeAwsError(operation, error));
  }
}

/** The https URL CloudFormation reads a template from (`TemplateURL`). */
export function s3ObjectUrl(bucket: string, key: string, region: string, endpointUrl: string | undefined): string {
  if (endpointUrl !== undefined) return `${endpointUrl.replace(/\/+$/, '')}/${bucket}/${key}`;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${bucket}.s3.${region}.${suffix}/${key}`;
}
