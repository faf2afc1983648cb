// secret(…) values read through the real `@aws-sdk/client-secrets-manager` (the package the
// Lambda Node.js runtime provides; a devDependency here), its calls intercepted by
// aws-sdk-client-mock: the request flowc makes is the one the role allows.
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import { resetSecrets, secretsReady } from '../../../runtime/handler/secrets.js';

const secretsManager = mockClient(SecretsManagerClient);

afterEach(() => {
  resetSecrets();
  secretsManager.reset();
});

describe('secretsReady with the AWS SDK', () => {
  test('one GetSecretValue per secret, by its name, and the variable set to its SecretString', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'shop/api-key' }).resolves({ SecretString: 'k-1', Name: 'shop/api-key' });
    const env: NodeJS.ProcessEnv = { FLOWC_SECRET_API_KEY: 'shop/api-key', AWS_REGION: 'eu-west-1' };
    await secretsReady(env);
    expect(env.API_KEY).toBe('k-1');
    expect(secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: 'shop/api-key' }]);
  });

  test('a secret that does not exist fails the cold start, naming the secret and the variable', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }));
    const env: NodeJS.ProcessEnv = { FLOWC_SECRET_API_KEY: 'shop/missing', AWS_REGION: 'eu-west-1' };
    await expect(secretsReady(env)).rejects.toThrow(/cannot read the secret `shop\/missing` for the variable API_KEY: Secrets Manager can't find the specified secret/);
    expect(env.API_KEY).toBeUndefined();
  });

  test('a handler whose secret cannot be read fails its invocation before the handler runs, naming the secret', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(Object.assign(new Error('User is not authorized to perform: secretsmanager:GetSecretValue'), { name: 'AccessDeniedException' }));
    const { snsTrigger } = await import('../../../runtime/handler/event-triggers.js');
    let ran = false;
    const handler = snsTrigger<{ id: string }, void>().onMessage(async () => {
      ran = true;
    });
    const region = process.env.AWS_REGION;
    process.env.FLOWC_SECRET_FLOWC_TEST_KEY = 'shop/api-key';
    process.env.AWS_REGION = 'eu-west-1';
    try {
      const event = { Records: [{ Sns: { Message: '{"id":"o-1"}', MessageId: 'm-1', TopicArn: 'arn:aws:sns:us-east-1:1:t' } }] };
      await expect(handler(event as never, {} as never)).rejects.toThrow(/^cannot read the secret `shop\/api-key` for the variable FLOWC_TEST_KEY: User is not authorized/);
      expect(ran).toBe(false);
    } finally {
      delete process.env.FLOWC_SECRET_FLOWC_TEST_KEY;
      if (region === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = region;
    }
  });
});
