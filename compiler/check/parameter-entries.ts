import type { ParameterSource } from '../settings/parameters.js';
import { parameterReferenceOf } from '../settings/parameters.js';
import type { DeclarationSymbol } from '../resolve/program.js';
import type { StringValue } from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/** A function's `env` entries read with `ssm(…)` or `secret(…)` of one source: the name as written, for FL4057 and FL4058. */
export function parameterEntries(context: CheckContext, fn: DeclarationSymbol, source: ParameterSource): { readonly variable: string; readonly name: StringValue }[] {
  const env = context.writtenOf(context.fn(fn), 'environment');
  if (env?.value.kind !== 'SettingsBlock') return [];
  const out: { variable: string; name: StringValue }[] = [];
  for (const entry of env.value.entries) {
    const reference = parameterReferenceOf(entry.value);
    const argument = entry.value.kind === 'CallValue' ? entry.value.args[0] : undefined;
    if (reference?.source === source && argument?.kind === 'StringValue') out.push({ variable: entry.name.text, name: argument });
  }
  return out;
}
