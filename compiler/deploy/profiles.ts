import { loadSharedConfigFiles } from '@smithy/core/config';

/**
 * The named profiles of the shared AWS config and credentials files, read with the SDK's own
 * loader, so flowc sees the files (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else
 * `~/.aws/config` and `~/.aws/credentials`) and the `[profile name]` sections as the SDK does:
 * https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
 */
export async function knownProfiles(): Promise<{ readonly names: readonly string[]; readonly files: readonly string[] }> {
  // Read afresh: the loader caches by path, and the files may have changed since.
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].sort();
  return { names, files: [process.env['AWS_CONFIG_FILE'] ?? '~/.aws/config', process.env['AWS_SHARED_CREDENTIALS_FILE'] ?? '~/.aws/credentials'] };
}
