import type { ResourceKind } from './schema.js';

/**
 * The environment variable through which a function's code finds a resource it `sends` to.
 * The CloudFormation emitter sets it; the generated clients and runtime helpers read it; the
 * simulator sets it too. One function, so the three can never disagree.
 *
 * Value by kind: queue → queue URL, topic → topic ARN, bus → event bus name, stream → stream
 * name, table → table name, bucket → bucket name. An existing bus (`arn = "…"`) is given by its
 * ARN, which PutEvents takes for a bus of another account (docs/cloudformation.md).
 */
export function sendTargetVariable(kind: ResourceKind, name: string): string {
  return `FLOWC_${kind.toUpperCase()}_${name.toUpperCase()}`;
}

/** The app name, set on every function (the `source` of the events the app puts on a bus). */
export const APP_NAME_VARIABLE = 'FLOWC_APP';

/**
 * Node's own options variable (https://nodejs.org/api/cli.html#node_optionsoptions), which
 * Lambda passes to the runtime like any other variable
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html). `flowc package`
 * ships a source map beside each bundle, and Node reads it only with `--enable-source-maps`
 * (https://nodejs.org/api/cli.html#--enable-source-maps): so every function gets the flag, and
 * a user's own `NODE_OPTIONS` gets it appended unless it names it already.
 */
export const NODE_OPTIONS_VARIABLE = 'NODE_OPTIONS';
const SOURCE_MAPS_OPTION = '--enable-source-maps';

/** The `NODE_OPTIONS` of a function whose user variables say `given` (or nothing). */
export function nodeOptions(given: string | undefined): string {
  if (given === undefined || given.trim() === '') return SOURCE_MAPS_OPTION;
  return given.split(/\s+/).includes(SOURCE_MAPS_OPTION) ? given : `${given} ${SOURCE_MAPS_OPTION}`;
}

/**
 * `secret("name")` in `env { API_KEY = … }`: the function gets `FLOWC_SECRET_API_KEY` set to
 * the secret's name, never its value; at cold start the handler helpers read the secret
 * (runtime/handler/secrets.ts) and set `API_KEY` in `process.env` before the first invocation.
 */
export const SECRET_VARIABLE_PREFIX = 'FLOWC_SECRET_';

export function secretVariable(variable: string): string {
  return `${SECRET_VARIABLE_PREFIX}${variable}`;
}

/** `ssm("/name")`: a CloudFormation dynamic reference, resolved at deploy to the parameter's latest version. */
export function ssmDynamicReference(name: string): string {
  return `{{resolve:ssm:${name}}}`;
}
