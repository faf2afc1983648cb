/** A run stopped at one of its limits (events, virtual time): an error that names the seed. */
export class SimulationLimitError extends Error {
  constructor(
    message: string,
    readonly seed: number,
  ) {
    super(`${message} (seed ${seed}; rerun with --seed ${seed} to replay this run exactly)`);
    this.name = 'SimulationLimitError';
  }
}

/** Something the user gave the simulator is wrong: an event, an option, a handler module. */
export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

/**
 * An AWS API error as the SDK throws it (`name` is the AWS error code), raised into handler
 * code when a send would fail on AWS (a FIFO send without a group id, a message too large).
 * The simulated clients turn it into the SDK's own exception class when the package has one
 * (sdk/modules.ts), with `details` (such as a ConditionalCheckFailedException's `Item`) on it.
 */
export class AwsServiceError extends Error {
  readonly $fault = 'client';

  constructor(
    code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * Handler code wrote a payload that does not have the type the flow gives it (carried-types.ts).
 * Raised into the handler, so its invocation fails with the edge, the path and the expected type.
 */
export class PayloadTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadTypeError';
  }
}
