/**
 * Where a `sends` target lives: the environment variable the deployment (and the simulator)
 * sets for each target a function lists in `sends` (runtime/manifest/env.ts).
 */
import { APP_NAME_VARIABLE, sendTargetVariable } from '../manifest/env.js';
import type { ResourceKind } from '../manifest/schema.js';

/** Thrown when code sends to a target its function does not list in `sends`, or runs outside a deployment. */
export class MissingTargetError extends Error {
  override readonly name = 'MissingTargetError';
}

function read(variable: string, what: string): string {
  const value = process.env[variable];
  if (value === undefined || value === '') {
    throw new MissingTargetError(
      `${variable} is not set, so ${what} cannot be reached: list it in the function's \`sends\` in the .flow file (flowc then sets the variable), or set it when running outside Lambda`,
    );
  }
  return value;
}

/** The queue URL, topic ARN, bus name, stream name or table name of a `sends` target. */
export function targetAddress(kind: ResourceKind, name: string): string {
  return read(sendTargetVariable(kind, name), `${kind} \`${name}\``);
}

/** The app name: the `source` of the events the app's own code puts on a bus. */
export function appName(): string {
  return read(APP_NAME_VARIABLE, 'the app name (the source of bus events)');
}
