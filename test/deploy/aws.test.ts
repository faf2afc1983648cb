import { describe, expect, test } from 'vitest';
import { createAwsClients, describeAwsError, s3ObjectUrl } from '../../compiler/deploy/aws.js';

describe('AWS clients', () => {
  test('--region, --profile and --endpoint-url reach both clients; a local endpoint serves buckets by path', async () => {
    const clients = createAwsClients({ region: 'eu-west-1', profile: 'dev', endpointUrl: 'http://localhost:4566' });
    expect(await clients.region()).toBe('eu-west-1');
    expect(clients.cloudformation.config.profile).toBe('dev');
    expect(clients.s3.config.profile).toBe('dev');
    expect((await clients.cloudformation.config.endpoint?.())?.hostname).toBe('localhost');
    expect((await clients.s3.config.endpoint?.())?.port).toBe(4566);
    expect(clients.s3.config.forcePathStyle).toBe(true);
  });

  test('without flags, bucket-style S3 addressing and the SDK chain', () => {
    const clients = createAwsClients({ region: 'eu-west-1' });
    expect(clients.s3.config.forcePathStyle).toBe(false);
    expect(clients.cloudformation.config.profile).toBeUndefined();
  });

  test('template URLs: virtual-hosted S3 by region (China has its own domain), path style on a local endpoint', () => {
    expect(s3ObjectUrl('b', 'shop/t.yaml', 'eu-west-1', undefined)).toBe('https://b.s3.eu-west-1.amazonaws.com/shop/t.yaml');
    expect(s3ObjectUrl('b', 'shop/t.yaml', 'cn-north-1', undefined)).toBe('https://b.s3.cn-north-1.amazonaws.com.cn/shop/t.yaml');
    expect(s3ObjectUrl('b', 'shop/t.yaml', 'eu-west-1', 'http://localhost:4566/')).toBe('http://localhost:4566/b/shop/t.yaml');
  });

  test('AWS errors are one line: the call, the error name and message, and a hint for the usual causes', () => {
    const denied = Object.assign(new Error('User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateChangeSet\nmore'), { name: 'AccessDenied' });
    expect(describeAwsError('CreateChangeSet', denied)).toBe(
      'CreateChangeSet failed: AccessDenied: User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateChangeSet (the credentials in use lack a permission this needs)',
    );
    expect(describeAwsError('PutObject s3://b/k', Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket' }))).toBe(
      'PutObject s3://b/k failed: NoSuchBucket: The specified bucket does not exist (create the bucket first, in the same region as the stack)',
    );
  });
});
