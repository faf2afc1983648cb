/** A failure of packaging or deploying that the user must act on: printed as one message, no stack trace. */
export class DeployError extends Error {}
