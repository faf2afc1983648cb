import type { FlowManifest, FunctionSpec, ParameterReference } from '../manifest/schema.js';
import { SimulationInputError } from './errors.js';

/**
 * What the simulator gives a function for its `ssm("…")` and `secret("…")` variables: the
 * values of events.json's `"parameters"` and `"secrets"` (or `simulate()`'s options of the same
 * names), by parameter or secret name. The handler sees them in `process.env` as on Lambda
 * (where CloudFormation resolves a parameter at deploy and the handler helpers read a secret at
 * cold start); nothing is read from AWS.
 */
export interface ParameterValues {
  readonly parameters: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
}

function valueOf(values: ParameterValues, reference: ParameterReference): string | undefined {
  const table = reference.source === 'ssm' ? values.parameters : values.secrets;
  return Object.hasOwn(table, reference.name) ? table[reference.name] : undefined;
}

/** One line per parameter or secret the flow reads and `values` lacks, e.g. for `flowc sim`'s FL9032. */
export function missingParameterValues(manifest: FlowManifest, values: ParameterValues): string[] {
  const missing = new Map<string, string[]>();
  for (const fn of manifest.functions) {
    for (const reference of fn.parameters ?? []) {
      if (valueOf(values, reference) !== undefined) continue;
      const key = `${reference.source === 'ssm' ? 'the SSM parameter' : 'the secret'} "${reference.name}"`;
      missing.set(key, [...(missing.get(key) ?? []), `${reference.variable} of ${fn.name}`]);
    }
  }
  return [...missing].map(([what, users]) => `${what} (${users.join(', ')})`);
}

/** `fn`'s variables read from SSM or Secrets Manager, with their simulated values. */
export function parameterVariables(fn: FunctionSpec, values: ParameterValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const reference of fn.parameters ?? []) {
    const value = valueOf(values, reference);
    if (value === undefined) {
      const key = reference.source === 'ssm' ? 'parameters' : 'secrets';
      throw new SimulationInputError(`\`${fn.name}\` reads ${reference.source === 'ssm' ? 'the SSM parameter' : 'the secret'} "${reference.name}" into ${reference.variable}, and the simulation has no value for it: add it to "${key}" in the events file (or to the \`${key}\` option of simulate())`);
    }
    out[reference.variable] = value;
  }
  return out;
}
