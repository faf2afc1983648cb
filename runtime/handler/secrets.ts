/**
 * `secret("name")` values at cold start. A function with `env { API_KEY = secret("shop/api-key") }`
 * is deployed with `FLOWC_SECRET_API_KEY=shop/api-key` (the secret's name, never its value:
 * Lambda shows a function's variables in the console and in GetFunctionConfiguration, and AWS
 * advises against secrets there, https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html).
 * Before the first invocation the handler helpers read each such secret with GetSecretValue
 * (the role may do exactly that, on that secret: runtime/aws/iam.ts `readSecret`) and set
 * `process.env.API_KEY` to its value, so the handler reads it like any other variable.
 *
 * The SDK client is the one the Lambda Node.js runtime includes (`@aws-sdk/*` is left out of the
 * bundles); it is loaded only by a function that has secrets. A failed read fails the
 * invocation, naming the variable and the secret, and is tried again on the next one. The
 * simulator sets the values itself (docs/simulator.md), so no secret is read there.
 */
import type { Context } from 'aws-lambda';
import { SECRET_VARIABLE_PREFIX } from '../manifest/env.js';
import type { AsyncHandler } from './envelopes.js';

/** The part of `@aws-sdk/client-secrets-manager` used here (the package is the Lambda runtime's, not a dependency of flowc; its tests use it as a devDependency). */
interface SecretsManagerModule {
  readonly SecretsManagerClient: new (config: Record<string, never>) => { send(command: unknown): Promise<{ readonly SecretString?: string }> };
  readonly GetSecretValueCommand: new (input: { readonly SecretId: string }) => unknown;
}

/** Through a variable, so that neither TypeScript nor esbuild resolves it: Lambda provides it at run time. */
const secretsManagerPackage = '@aws-sdk/client-secrets-manager';
let loading: Promise<void> | undefined;

/** The secrets of this function, read once per execution environment (after a failure, again). */
export function secretsReady(env: NodeJS.ProcessEnv = process.env, load: () => Promise<SecretsManagerModule> = () => import(secretsManagerPackage) as Promise<SecretsManagerModule>): Promise<void> {
  const wanted = Object.entries(env).filter(([key, value]) => key.startsWith(SECRET_VARIABLE_PREFIX) && value !== undefined && !(key.slice(SECRET_VARIABLE_PREFIX.length) in env));
  if (wanted.length === 0) return Promise.resolve();
  loading ??= readSecrets(env, wanted as [string, string][], load).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readSecrets(env: NodeJS.ProcessEnv, wanted: readonly [string, string][], load: () => Promise<SecretsManagerModule>): Promise<void> {
  let sdk: SecretsManagerModule;
  try {
    sdk = await load();
  } catch (error) {
    const names = wanted.map(([, name]) => `\`${name}\``).join(', ');
    throw new Error(`cannot load ${secretsManagerPackage} to read the secret${wanted.length === 1 ? '' : 's'} ${names}: the Lambda Node.js runtime includes it; elsewhere, install it (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const client = new sdk.SecretsManagerClient({});
  const values = await Promise.all(
    wanted.map(async ([key, name]) => {
      const variable = key.slice(SECRET_VARIABLE_PREFIX.length);
      try {
        const answer = await client.send(new sdk.GetSecretValueCommand({ SecretId: name }));
        if (answer.SecretString === undefined) throw new Error('it holds binary data; flowc reads text secrets only');
        return [variable, answer.SecretString] as const;
      } catch (error) {
        throw new Error(`cannot read the secret \`${name}\` for the variable ${variable}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }),
  );
  for (const [variable, value] of values) env[variable] = value;
}

/** `handler`, once this function's secrets are in `process.env`. */
export function withSecrets<Event, Result>(handler: AsyncHandler<Event, Result>): AsyncHandler<Event, Result> {
  return async (event: Event, context: Context) => {
    await secretsReady();
    return handler(event, context);
  };
}

/** Forgets what was read (tests). */
export function resetSecrets(): void {
  loading = undefined;
}
