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

/** The stack an app deploys to when no `--stack` is given: `<app>-<stage>`. */
export function stageStackName(app: string, stage: string): string {
  return `${app}-${stage}`;
}
