// secret(…) values at cold start (runtime/handler/secrets.ts) and the typed `env` of a function
// (runtime/handler/environment.ts).
import { afterEach, describe, expect, test } from 'vitest';
import { environment } from '../../../runtime/handler/environment.js';
import { resetSecrets, secretsReady } from '../../../runtime/handler/secrets.js';

afterEach(() => resetSecrets());

/** A stand-in for `@aws-sdk/client-secrets-manager`: the secrets by name, and the names asked for. */
function fakeSdk(secrets: Record<string, string | undefined>, fail?: string) {
  const asked: string[] = [];
  let loads = 0;
  const load = async () => {
    loads++;
    return {
      SecretsManagerClient: class {
        async send(command: { input: { SecretId: string } }) {
          asked.push(command.input.SecretId);
          if (command.input.SecretId === fail) throw Object.assign(new Error('User is not authorized to perform: secretsmanager:GetSecretValue'), { name: 'AccessDeniedException' });
          return { SecretString: secrets[command.input.SecretId] };
        }
      },
      GetSecretValueCommand: class {
        constructor(readonly input: { SecretId: string }) {}
      },
    } as never;
  };
  return { load, asked, loads: () => loads };
}

describe('secretsReady', () => {
  test('reads each FLOWC_SECRET_<VAR> secret once and sets <VAR>; later calls read nothing', async () => {
    const env: NodeJS.ProcessEnv = { FLOWC_SECRET_API_KEY: 'shop/api-key', FLOWC_SECRET_DB_PASSWORD: 'shop/db', MODE: 'live' };
    const sdk = fakeSdk({ 'shop/api-key': 'k-1', 'shop/db': 'pw' });
    await secretsReady(env, sdk.load);
    expect(env).toMatchObject({ API_KEY: 'k-1', DB_PASSWORD: 'pw', MODE: 'live' });
    await secretsReady(env, sdk.load);
    expect(sdk.asked.sort()).toEqual(['shop/api-key', 'shop/db']);
    expect(sdk.loads()).toBe(1);
  });

  test('a function without secrets never loads the SDK', async () => {
    const sdk = fakeSdk({});
    await secretsReady({ MODE: 'live' }, sdk.load);
    expect(sdk.loads()).toBe(0);
  });

  test('a read that fails names the variable and the secret, and is tried again on the next call', async () => {
    const env: NodeJS.ProcessEnv = { FLOWC_SECRET_API_KEY: 'shop/api-key' };
    const failing = fakeSdk({}, 'shop/api-key');
    await expect(secretsReady(env, failing.load)).rejects.toThrow('cannot read the secret `shop/api-key` for the variable API_KEY: User is not authorized to perform: secretsmanager:GetSecretValue');
    expect(env.API_KEY).toBeUndefined();
    const working = fakeSdk({ 'shop/api-key': 'k-2' });
    await secretsReady(env, working.load);
    expect(env.API_KEY).toBe('k-2');
  });

  test('a binary secret is refused by name', async () => {
    const env: NodeJS.ProcessEnv = { FLOWC_SECRET_CERT: 'shop/cert' };
    await expect(secretsReady(env, fakeSdk({ 'shop/cert': undefined }).load)).rejects.toThrow('cannot read the secret `shop/cert` for the variable CERT: it holds binary data');
  });
});

describe('environment', () => {
  test('reads each variable when used, so a secret set at cold start is seen', () => {
    const env = environment(['FLOWC_TEST_A', 'FLOWC_TEST_B']);
    process.env.FLOWC_TEST_A = 'one';
    process.env.FLOWC_TEST_B = 'two';
    try {
      expect(env.FLOWC_TEST_A).toBe('one');
      process.env.FLOWC_TEST_A = 'changed';
      expect(env.FLOWC_TEST_A).toBe('changed');
      expect(Object.keys(env)).toEqual(['FLOWC_TEST_A', 'FLOWC_TEST_B']);
      delete process.env.FLOWC_TEST_B;
      expect(() => env.FLOWC_TEST_B).toThrow('the environment variable FLOWC_TEST_B is not set');
    } finally {
      delete process.env.FLOWC_TEST_A;
      delete process.env.FLOWC_TEST_B;
    }
  });
});

describe('without the SDK', () => {
  test('a runtime without @aws-sdk/client-secrets-manager fails the read, naming the package and the secret', async () => {
    const env: NodeJS.ProcessEnv = { FLOWC_SECRET_API_KEY: 'shop/api-key' };
    const load = () => Promise.reject(new Error("Cannot find package '@aws-sdk/client-secrets-manager'"));
    await expect(secretsReady(env, load)).rejects.toThrow(/^cannot load @aws-sdk\/client-secrets-manager to read the secret `shop\/api-key`: the Lambda Node.js runtime includes it/);
    expect(env.API_KEY).toBeUndefined();
  });
});
