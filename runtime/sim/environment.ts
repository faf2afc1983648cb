import { formatWithOptions } from 'node:util';
import type { FunctionSpec } from '../manifest/schema.js';
import { APP_NAME_VARIABLE } from '../manifest/env.js';
import { type ParameterValues, parameterVariables } from './parameters.js';

/**
 * The process environment handler code runs in: the send-target variables, `FLOWC_APP`, the
 * variables Lambda sets, and the function's own `environment` (with the simulated values of
 * its `ssm(…)` and `secret(…)` variables: parameters.ts). Applied when a function's code
 * runs (switching only when the function changes, since writing process.env is not free) and
 * put back as it was by `restore()`.
 */
export class HandlerEnvironment {
  private readonly original = new Map<string, string | undefined>();
  private readonly perFunction = new Map<string, Readonly<Record<string, string>>>();
  private current: Readonly<Record<string, string>> | null = null;
  private currentName: string | null = null;

  constructor(
    app: string,
    functions: readonly FunctionSpec[],
    sendTargets: Readonly<Record<string, string>>,
    region: string,
    values: ParameterValues = { parameters: {}, secrets: {} },
  ) {
    for (const fn of functions) {
      this.perFunction.set(fn.name, {
        ...sendTargets,
        [APP_NAME_VARIABLE]: app,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        ...fn.environment,
        ...parameterVariables(fn, values),
      });
    }
  }

  /** Makes `fn`'s environment current. */
  enter(fn: string): void {
    if (this.currentName === fn) return;
    const next = this.perFunction.get(fn) ?? {};
    if (this.current !== null) {
      for (const key of Object.keys(this.current)) if (!(key in next)) this.put(key, this.original.get(key));
    }
    for (const [key, value] of Object.entries(next)) {
      if (!this.original.has(key)) this.original.set(key, process.env[key]);
      process.env[key] = value;
    }
    this.current = next;
    this.currentName = fn;
  }

  restore(): void {
    for (const [key, value] of this.original) this.put(key, value);
    this.original.clear();
    this.current = null;
    this.currentName = null;
  }

  private put(key: string, value: string | undefined): void {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
type ConsoleMethod = (typeof CONSOLE_METHODS)[number];

/**
 * One trace line for a console call: errors as `Name: message` (a stack would hold this
 * machine's paths and break the byte-identical trace), line breaks shown as `↵`.
 */
function formatLogLine(args: readonly unknown[]): string {
  const shown = args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg));
  return formatWithOptions({ breakLength: Infinity, colors: false }, ...shown).replace(/\r?\n/g, ' ↵ ');
}

/**
 * Sends what handler code prints to `sink` while it runs (Lambda would send it to CloudWatch),
 * so the trace shows each line at its virtual time. Returns the function that puts console back.
 */
export function captureConsole(sink: (level: ConsoleMethod, text: string) => void): () => void {
  const saved = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of CONSOLE_METHODS) {
    // eslint-disable-next-line no-console
    saved.set(method, console[method]);
    // eslint-disable-next-line no-console
    console[method] = (...args: unknown[]) => sink(method, formatLogLine(args));
  }
  return () => {
    // eslint-disable-next-line no-console
    for (const [method, original] of saved) console[method] = original;
  };
}
