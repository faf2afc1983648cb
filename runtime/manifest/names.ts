/**
 * The physical name of every function and resource of an app: `<app>-<name>`, or
 * `<app>-<stage>-<name>` when the app is built for a stage, with `.fifo` at the end of FIFO
 * queues and topics (SQS and SNS require that suffix:
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html,
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html). The CloudFormation emitter,
 * the simulator's addresses and the checker's name-length rule (FL4036) all spell names with
 * this one function, so what is checked is what is deployed and simulated.
 */
export function physicalName(app: string, stage: string | undefined, name: string, fifo = false): string {
  return `${app}-${stage !== undefined ? `${stage}-` : ''}${name}${fifo ? '.fifo' : ''}`;
}

/**
 * The physical name of a bucket: `<app>[-<stage>]-<name>-<account>-<region>`. Bucket names are
 * unique across every account of a partition
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), so
 * `<app>-<name>` alone would collide with another account's copy of the same app, or with this
 * account's deploy to another Region; the account and Region make it one name per deployment,
 * still readable and still known before the bucket exists (the notification permissions spell
 * its ARN from it). The template passes `${AWS::AccountId}` and `${AWS::Region}`. S3 takes no
 * `_`, the language's word separator, so `raw_uploads` becomes `raw-uploads` (identifiers have
 * no `-`, so no two names of one app meet); uppercase letters are FL4080's.
 */
export function bucketName(app: string, stage: string | undefined, name: string, account: string, region: string): string {
  return `${physicalName(app, stage, name).replace(/_/g, '-')}-${account}-${region}`;
}

/** The stack an app deploys to when no `--stack` is given: `<app>-<stage>`. */
export function stageStackName(app: string, stage: string): string {
  return `${app}-${stage}`;
}
