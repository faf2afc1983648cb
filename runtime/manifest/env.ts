import type { ResourceKind } from './schema.js';

/**
 * The environment variable through which a function's code finds a resource it `sends` to.
 * The CloudFormation emitter sets it; the generated clients and runtime helpers read it; the
 * simulator sets it too. One function, so the three can never disagree.
 *
 * Value by kind: queue → queue URL, topic → topic ARN, bus → event bus name, stream → stream
 * name, table → table name.
 */
export function sendTargetVariable(kind: ResourceKind, name: string): string {
  return `FLOWC_${kind.toUpperCase()}_${name.toUpperCase()}`;
}

/** The app name, set on every function (the `source` of the events the app puts on a bus). */
export const APP_NAME_VARIABLE = 'FLOWC_APP';
