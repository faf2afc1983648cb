import type { EnvValue } from '../../runtime/manifest/schema.js';
import type { Value } from '../syntax/ast.js';

/**
 * Where an `env` value can be read from instead of being written: `ssm("/shop/prod/db")`, an
 * SSM Parameter Store String parameter, and `secret("shop/api-key")`, a Secrets Manager
 * secret. docs/language.md ("Parameters and secrets") says how each reaches the handler.
 */
export const parameterSources = ['ssm', 'secret'] as const;
export type ParameterSource = (typeof parameterSources)[number];

/** What each source's one argument names, for messages. */
export const parameterNoun: Record<ParameterSource, string> = { ssm: 'the name of an SSM parameter', secret: 'the name of a Secrets Manager secret' };

/** `ssm("…")` or `secret("…")` written well (resolve checked it: FL2020), else undefined. */
export function parameterReferenceOf(value: Value): Exclude<EnvValue, string> | undefined {
  if (value.kind !== 'CallValue' || value.callee.segments.length !== 1) return undefined;
  const source = parameterSources.find((s) => s === value.callee.text);
  const [argument, ...rest] = value.args;
  if (source === undefined || argument?.kind !== 'StringValue' || rest.length > 0) return undefined;
  return { source, name: argument.value };
}
